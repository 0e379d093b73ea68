namespace Pushbox.Protocol.Autodiscover;

/// <summary>
/// The ActiveSync Autodiscover answer for a valid request that failed while being served, e.g. the
/// directory could not be reached (MS-ASCMD 4.2.2): the user's address and an <c>Action/Error</c>
/// with <c>Status</c>, <c>Message</c> and <c>DebugData</c>.
/// </summary>
public sealed record AutodiscoverActionErrorResponse
{
    /// <summary>Creates the response.</summary>
    /// <param name="eMailAddress">The address from the request.</param>
    /// <param name="status">The status; never <see cref="AutodiscoverStatus.Success"/>.</param>
    /// <param name="message">A message for the user or administrator.</param>
    /// <param name="debugData">Details for an administrator, or null to omit the element.</param>
    /// <param name="culture">The culture in the "en:us" form.</param>
    public AutodiscoverActionErrorResponse(string eMailAddress, AutodiscoverStatus status, string message, string? debugData = null, string culture = AutodiscoverResponse.DefaultCulture)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eMailAddress);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(culture);
        if (status <= AutodiscoverStatus.Success)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Status is only sent with an error (MS-ASCMD_R4001).");
        }

        EMailAddress = eMailAddress;
        Status = status;
        Message = message;
        DebugData = debugData;
        Culture = culture;
    }

    /// <summary>The address from the request.</summary>
    public string EMailAddress { get; }

    /// <summary>The status.</summary>
    public AutodiscoverStatus Status { get; }

    /// <summary>The <c>Message</c>.</summary>
    public string Message { get; }

    /// <summary>The <c>DebugData</c>, or null to omit it.</summary>
    public string? DebugData { get; }

    /// <summary>The culture, "en:us" form.</summary>
    public string Culture { get; }
}
