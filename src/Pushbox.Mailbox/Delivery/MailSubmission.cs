using Pushbox.Mailbox.Blobs;

namespace Pushbox.Mailbox.Delivery;

/// <summary>A finished message to submit (see <see cref="IMailSubmitter"/>).</summary>
/// <param name="Content">The MIME message, already in the blob store, exactly as recipients get it (no Bcc header).</param>
/// <param name="ReversePath">
/// The envelope sender (SMTP MAIL FROM) as a bare address: where delivery-status notifications go. Empty
/// for the null reverse-path <c>&lt;&gt;</c>, which automatic mail (out-of-office replies, bounces) must
/// use so that no notification is ever sent about it (RFC 5321 section 4.5.5).
/// </param>
/// <param name="Recipients">The envelope recipients (SMTP RCPT TO), bare addresses; Bcc recipients included.</param>
public sealed record MailSubmission(BlobRef Content, string ReversePath, IReadOnlyList<string> Recipients)
{
    /// <summary>The null reverse-path, as <see cref="ReversePath"/> spells it.</summary>
    public const string NullReversePath = "";
}
