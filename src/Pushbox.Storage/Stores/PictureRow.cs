namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>user_pictures</c> (Dapper fills it).</summary>
internal sealed class PictureRow
{
    public string ContentType { get; init; } = string.Empty;

    public byte[] Data { get; init; } = [];
}
