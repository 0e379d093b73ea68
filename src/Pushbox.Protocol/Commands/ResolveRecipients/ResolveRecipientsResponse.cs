namespace Pushbox.Protocol.Commands.ResolveRecipients;

/// <summary>A ResolveRecipients response: the command's status and one Response per To.</summary>
public sealed record ResolveRecipientsResponse(ResolveRecipientsStatus Status, IReadOnlyList<RecipientResponse> Responses)
{
    /// <summary>The command failed as a whole.</summary>
    public static ResolveRecipientsResponse Failure(ResolveRecipientsStatus status) => new(status, []);
}
