namespace Pushbox.Mailbox.Import;

/// <summary>Where an import stands: messages seen out of the total, how many were added, skipped as already present, or failed.</summary>
public sealed record ImportProgress(int Done, int Total, int Added, int AlreadyPresent, int Failed, string CurrentFolder);
