using System.Xml.Linq;

namespace Pushbox.Testing.Eas;

/// <summary>The namespaces of decoded WBXML (libwbxml's form: the code page name and a colon) and of Autodiscover.</summary>
public static class EasNamespaces
{
    /// <summary>Code page 7, FolderHierarchy.</summary>
    public static XNamespace FolderHierarchy { get; } = "FolderHierarchy:";

    /// <summary>The Autodiscover request namespace for mobile devices.</summary>
    public static XNamespace AutodiscoverMobileSyncRequest { get; } = "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006";

    /// <summary>The Autodiscover response namespace for mobile devices, also the AcceptableResponseSchema value.</summary>
    public static XNamespace AutodiscoverMobileSyncResponse { get; } = "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006";

    /// <summary>The namespace of every Autodiscover response's outer element and of the 600/601 error.</summary>
    public static XNamespace AutodiscoverResponse { get; } = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";

    /// <summary>The Outlook provider's response schema, which Pushbox does not serve (601).</summary>
    public static XNamespace AutodiscoverOutlookResponse { get; } = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
}
