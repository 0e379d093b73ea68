namespace Pushbox.Protocol.Autodiscover;

/// <summary>
/// The successful ActiveSync Autodiscover response (MS-ASCMD 4.2.4): who the user is and the one URL
/// to use, written as a <c>Server</c> of type MobileSync whose <c>Url</c> and <c>Name</c> both hold it.
/// </summary>
public sealed record AutodiscoverResponse
{
    /// <summary>The culture when none is known: "en:us", the form the spec requires (MS-ASCMD_R2124).</summary>
    public const string DefaultCulture = "en:us";

    /// <summary>Creates the response.</summary>
    /// <param name="eMailAddress">The user's primary SMTP address, which the client uses from now on (MS-ASCMD_R2228, R5741).</param>
    /// <param name="displayName">The user's display name, or null to omit it.</param>
    /// <param name="url">The absolute http(s) URL of the ActiveSync endpoint, e.g. https://mail.example.com/Microsoft-Server-ActiveSync.</param>
    /// <param name="culture">The culture in the "en:us" form.</param>
    /// <exception cref="ArgumentException">A value is empty, or the URL is not absolute http or https.</exception>
    public AutodiscoverResponse(string eMailAddress, string? displayName, Uri url, string culture = DefaultCulture)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eMailAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(culture);
        EMailAddress = eMailAddress;
        DisplayName = displayName;
        Url = AutodiscoverUrls.RequireHttp(url, nameof(url));
        Culture = culture;
    }

    /// <summary>The user's primary SMTP address.</summary>
    public string EMailAddress { get; }

    /// <summary>The user's display name; null to omit it.</summary>
    public string? DisplayName { get; }

    /// <summary>The ActiveSync endpoint.</summary>
    public Uri Url { get; }

    /// <summary>The culture, "en:us" form.</summary>
    public string Culture { get; }
}
