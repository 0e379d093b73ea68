namespace Pushbox.Protocol.Commands.Find;

/// <summary>The Properties of a mailbox result (MS-ASCMD 2.2.3.139.1); null or empty strings are left out.</summary>
/// <param name="Subject">email:Subject.</param>
/// <param name="DateReceived">email:DateReceived.</param>
/// <param name="DisplayTo">email:DisplayTo: the To recipients' display names, separated by semicolons.</param>
/// <param name="DisplayCc">find:DisplayCc.</param>
/// <param name="DisplayBcc">find:DisplayBcc.</param>
/// <param name="Importance">email:Importance (0 low, 1 normal, 2 high).</param>
/// <param name="Read">email:Read.</param>
/// <param name="IsDraft">email2:IsDraft.</param>
/// <param name="Preview">find:Preview: the start of the body as plain text (at most <see cref="FindLimits.PreviewLength"/> characters).</param>
/// <param name="HasAttachments">find:HasAttachments.</param>
/// <param name="From">email:From.</param>
public sealed record FindEmailProperties(
    string? Subject,
    DateTimeOffset DateReceived,
    string? DisplayTo,
    string? DisplayCc,
    string? DisplayBcc,
    int Importance,
    bool Read,
    bool IsDraft,
    string? Preview,
    bool HasAttachments,
    string? From);
