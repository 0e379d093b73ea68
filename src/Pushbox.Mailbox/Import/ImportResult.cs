namespace Pushbox.Mailbox.Import;

/// <summary>The outcome of an import: counts, and one line per message that could not be imported.</summary>
public sealed record ImportResult(int Added, int AlreadyPresent, IReadOnlyList<string> Failures);
