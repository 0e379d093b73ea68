namespace Pushbox.Http.Autodiscover;

/// <summary>
/// Which ActiveSync URL Autodiscover hands out. <see cref="DomainUrls"/> maps a mail domain to its
/// front end (several servers for several groups of users); otherwise <see cref="Url"/>; otherwise
/// the URL the client reached Autodiscover at, with the ActiveSync path.
/// </summary>
public sealed class AutodiscoverOptions
{
    /// <summary>The URL for every domain not in <see cref="DomainUrls"/>, e.g. <c>https://mail.example.com/Microsoft-Server-ActiveSync</c>; null: derived from the request.</summary>
    public string? Url { get; set; }

    /// <summary>Per mail domain (case-insensitive) the URL its users get.</summary>
    public Dictionary<string, string> DomainUrls { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What is wrong with the settings, one line each; empty when they are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Url is not null && !IsHttpsUrl(Url))
        {
            errors.Add($"Autodiscover:Url '{Url}' must be an absolute https:// URL.");
        }

        foreach ((string domain, string url) in DomainUrls)
        {
            if (!IsHttpsUrl(url))
            {
                errors.Add($"Autodiscover:DomainUrls:{domain} '{url}' must be an absolute https:// URL.");
            }
        }

        return errors;
    }

    /// <summary>The URL for a user with <paramref name="address"/>, given where the request arrived (<paramref name="requestBase"/>: scheme and host).</summary>
    public Uri UrlFor(string address, Uri requestBase)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(requestBase);
        string domain = address[(address.LastIndexOf('@') + 1)..];
        if (DomainUrls.TryGetValue(domain, out string? byDomain))
        {
            return new Uri(byDomain);
        }

        return Url is not null ? new Uri(Url) : new Uri(requestBase, ActiveSync.ActiveSyncEndpoint.Path);
    }

    private static bool IsHttpsUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttps;
}
