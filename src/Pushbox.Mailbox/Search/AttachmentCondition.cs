namespace Pushbox.Mailbox.Search;

/// <summary>The email has attachments (<paramref name="HasAttachments"/> true) or has none (false).</summary>
public sealed record AttachmentCondition(bool HasAttachments) : SearchCondition
{
    /// <inheritdoc />
    public override int WordCount => 0;
}
