namespace Pushbox.Protocol.Autodiscover;

/// <summary>The XML namespaces of the ActiveSync Autodiscover command (MS-ASCMD 2.2.1.1).</summary>
public static class AutodiscoverSchemas
{
    /// <summary>The namespace of the request (<c>Autodiscover</c>, <c>Request</c>, <c>EMailAddress</c>, <c>AcceptableResponseSchema</c>).</summary>
    public const string MobileSyncRequest = "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006";

    /// <summary>
    /// The namespace of the ActiveSync response (<c>Response</c> and everything in it), and the only value
    /// of <c>AcceptableResponseSchema</c> this server answers (MS-ASCMD_R711).
    /// </summary>
    public const string MobileSyncResponse = "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006";

    /// <summary>The namespace of the outer <c>Autodiscover</c> element of every response, and of the generic error <c>Response</c>.</summary>
    public const string Response = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";

    /// <summary>
    /// The request namespace of the Outlook provider. Outlook and some mail apps probe with it; such a
    /// request is read, and answered with error 601 unless it asks for <see cref="MobileSyncResponse"/>.
    /// </summary>
    public const string OutlookRequest = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
}
