namespace Pushbox.Protocol.Commands.ResolveRecipients;

/// <summary>The Response to one To: its status, the total of matches (RecipientCount) and the recipients returned.</summary>
public sealed record RecipientResponse(string To, ResolveRecipientsStatus Status, int RecipientCount, IReadOnlyList<ResolvedRecipient> Recipients);
