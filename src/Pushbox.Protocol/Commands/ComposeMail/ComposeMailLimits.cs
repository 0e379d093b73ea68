namespace Pushbox.Protocol.Commands.ComposeMail;

/// <summary>
/// The bounds of a SendMail, SmartReply or SmartForward request (ComposeMail.xsd). Lengths count
/// characters. The MIME message itself is bounded by the WBXML limits (its opaque length and the
/// document size) while it is read, and by the server's message-size limit afterwards.
/// </summary>
public static class ComposeMailLimits
{
    /// <summary>ClientId: 1 to 40 characters (ComposeMail.xsd).</summary>
    public const int MaxClientIdLength = 40;

    /// <summary>FolderId and ItemId of Source, and the CollectionId and ItemId query parameters: up to 64 characters.</summary>
    public const int MaxIdLength = 64;

    /// <summary>LongId: up to 256 characters.</summary>
    public const int MaxLongIdLength = 256;

    /// <summary>InstanceId (a date-time) and AccountId: far shorter in practice; 256 bounds a hostile value.</summary>
    public const int MaxShortValueLength = 256;
}
