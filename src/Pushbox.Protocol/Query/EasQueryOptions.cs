namespace Pushbox.Protocol.Query;

/// <summary>
/// The bit flags of the base64 query's <c>Options</c> parameter (tag 7), MS-ASHTTP 2.2.1.1.1.1.3.
/// The plain query has no Options parameter: it sends <c>SaveInSent=T</c> and the
/// <c>MS-ASAcceptMultiPart</c> header instead.
/// </summary>
[Flags]
public enum EasQueryOptions
{
    /// <summary>No flag set.</summary>
    None = 0,

    /// <summary>0x01: save the sent message in Sent Items. Valid for SendMail, SmartForward and SmartReply.</summary>
    SaveInSent = 0x01,

    /// <summary>0x02: return the fetched item in multipart format (MS-ASCMD 2.2.1.10.1). Valid for ItemOperations.</summary>
    AcceptMultiPart = 0x02,
}
