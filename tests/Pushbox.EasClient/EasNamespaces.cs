using System.Xml.Linq;

namespace Pushbox.Testing.Eas;

/// <summary>The namespaces of decoded WBXML (libwbxml's form: the code page name and a colon) and of Autodiscover.</summary>
public static class EasNamespaces
{
    /// <summary>AirSync (code page 0).</summary>
    public static XNamespace AirSync { get; } = "AirSync:";

    /// <summary>Email (code page 2).</summary>
    public static XNamespace Email { get; } = "Email:";

    /// <summary>AirSyncBase (code page 17).</summary>
    public static XNamespace AirSyncBase { get; } = "AirSyncBase:";

    /// <summary>Email2 (code page 22).</summary>
    public static XNamespace Email2 { get; } = "Email2:";

    /// <summary>GetItemEstimate (code page 6).</summary>
    public static XNamespace GetItemEstimate { get; } = "GetItemEstimate:";

    /// <summary>Move (code page 5).</summary>
    public static XNamespace Move { get; } = "Move:";

    /// <summary>ItemOperations (code page 20).</summary>
    public static XNamespace ItemOperations { get; } = "ItemOperations:";

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
