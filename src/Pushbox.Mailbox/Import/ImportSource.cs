namespace Pushbox.Mailbox.Import;

/// <summary>One message to import: how to open its bytes, where it goes, its flags, and a fallback date.</summary>
/// <param name="Describe">Names the message in error lines (file and position).</param>
/// <param name="Open">Opens the raw message bytes.</param>
/// <param name="FolderPath">The source folder path, segments from the top ("" for the inbox).</param>
/// <param name="Read">Whether the source marks it seen.</param>
/// <param name="Flagged">Whether the source marks it flagged.</param>
/// <param name="ReceivedAt">When the source says it arrived, if it says.</param>
internal sealed record ImportSource(
    Func<string> Describe,
    Func<Stream> Open,
    IReadOnlyList<string> FolderPath,
    bool Read,
    bool Flagged,
    DateTimeOffset? ReceivedAt);
