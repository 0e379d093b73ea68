namespace Pushbox.Protocol.Autodiscover;

/// <summary>The check both Autodiscover response forms apply to the endpoint URL they publish.</summary>
internal static class AutodiscoverUrls
{
    public static Uri RequireHttp(Uri url, string paramName)
    {
        ArgumentNullException.ThrowIfNull(url, paramName);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The ActiveSync URL must be absolute http or https.", paramName);
        }

        return url;
    }
}
