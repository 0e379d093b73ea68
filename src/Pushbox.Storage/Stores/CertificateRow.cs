namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>user_certificates</c> (Dapper fills it).</summary>
internal sealed class CertificateRow
{
    public string Thumbprint { get; init; } = string.Empty;

    public byte[] Data { get; init; } = [];

    public object NotAfter { get; init; } = 0L;
}
