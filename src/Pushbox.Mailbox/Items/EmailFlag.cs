namespace Pushbox.Mailbox.Items;

/// <summary>A follow-up flag (MS-ASEMAIL Flag): status 0 cleared, 1 complete, 2 active; the rest as the device set it.</summary>
public sealed record EmailFlag(
    int Status,
    string? FlagType = null,
    DateTimeOffset? StartDate = null,
    DateTimeOffset? DueDate = null,
    DateTimeOffset? CompleteTime = null,
    DateTimeOffset? ReminderTime = null,
    bool? ReminderSet = null,
    string? Subject = null,
    int? Ordinal = null);
