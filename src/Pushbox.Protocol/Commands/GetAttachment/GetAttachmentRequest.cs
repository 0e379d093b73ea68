namespace Pushbox.Protocol.Commands.GetAttachment;

/// <summary>
/// A GetAttachment request (MS-ASCMD 2.2.1.7, protocol 2.5 to 12.1; 14.0 and later fetch attachments with
/// ItemOperations, MS-ASCMD_R5125). It has no body: the attachment is named by the <c>AttachmentName</c> query
/// parameter (MS-ASCMD_R162, MS-ASHTTP 2.2.1.1.1.2.5). The response is not WBXML either: it is the attachment's
/// bytes, with their type in the Content-Type header (MS-ASCMD_R164); an attachment that no longer exists is
/// answered with HTTP 500 (MS-ASCMD_R166).
/// </summary>
/// <param name="AttachmentName">
/// The attachment's reference as the server gave it in the item's attachment list (email:AttName for 2.5,
/// airsyncbase:FileReference from 12.0), 1 to <see cref="MaxAttachmentNameLength"/> characters, already
/// percent-decoded by the query parser. Opaque to the protocol: only the handler knows its format.
/// </param>
public sealed record GetAttachmentRequest(string AttachmentName)
{
    /// <summary>
    /// The longest AttachmentName accepted: 1,024 characters, the query parser's default value limit
    /// (<see cref="Query.EasQueryLimits.DefaultMaxParameterValueLength"/>) and the ItemOperations bound on the same
    /// reference (<see cref="ItemOperations.ItemOperationsLimits.MaxFileReferenceLength"/>), kept even when an
    /// endpoint raises the query limit.
    /// </summary>
    public const int MaxAttachmentNameLength = 1024;
}
