using MimeKit;
using MimeKit.Utils;

namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>
/// What the Out of Office decision needs to know about a delivered message: its envelope sender and the headers that
/// mark automatic or list mail (RFC 3834 section 2) and tie a reply to it. Read from the header block alone.
/// </summary>
/// <param name="ReversePath">The envelope sender (MAIL FROM) as given; empty for the null reverse-path.</param>
/// <param name="AutoSubmitted">The Auto-Submitted value (RFC 3834 section 5); null when absent.</param>
/// <param name="Precedence">The Precedence value (bulk, list, junk); null when absent.</param>
/// <param name="HasListHeaders">Whether it carries List-Id or another List-* header (RFC 2369, RFC 2919), or Mailing-List.</param>
/// <param name="AutoResponseSuppress">Microsoft's X-Auto-Response-Suppress value; null when absent.</param>
/// <param name="IsOtherAutomatic">Whether another mark of automatic mail is present: X-Autoreply, X-Autorespond, or a multipart/report (a delivery or read report).</param>
/// <param name="Recipients">The addresses in To and Cc.</param>
/// <param name="Subject">The subject, for the reply's.</param>
/// <param name="MessageId">The Message-ID, for In-Reply-To and References; null when absent.</param>
/// <param name="References">The References message ids, oldest first.</param>
public sealed record OofMessageFacts(
    string ReversePath,
    string? AutoSubmitted,
    string? Precedence,
    bool HasListHeaders,
    string? AutoResponseSuppress,
    bool IsOtherAutomatic,
    IReadOnlyList<string> Recipients,
    string Subject,
    string? MessageId,
    IReadOnlyList<string> References)
{
    private const int MaxSubjectLength = 998;

    private static readonly string[] ListHeaders = ["List-Id", "List-Unsubscribe", "List-Post", "List-Help", "List-Subscribe", "List-Owner", "List-Archive", "Mailing-List"];

    /// <summary>Reads the facts from a message's headers.</summary>
    public static OofMessageFacts Read(HeaderList headers, string reversePath)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(reversePath);
        var recipients = new List<string>();
        foreach (string field in (string[])["To", "Cc"])
        {
            foreach (Header header in headers.Where(h => h.Field.Equals(field, StringComparison.OrdinalIgnoreCase)))
            {
                if (InternetAddressList.TryParse(header.Value, out InternetAddressList? list))
                {
                    recipients.AddRange(list.Mailboxes.Select(m => m.Address));
                }
            }
        }

        string? contentType = headers[HeaderId.ContentType];
        bool report = contentType is not null && ContentType.TryParse(contentType, out ContentType? type) && type.IsMimeType("multipart", "report");
        string? messageId = headers[HeaderId.MessageId] is { } id ? MimeUtils.EnumerateReferences(id).FirstOrDefault() : null;
        string[] references = headers[HeaderId.References] is { } refs ? [.. MimeUtils.EnumerateReferences(refs)] : [];
        string subject = headers[HeaderId.Subject] is { } raw ? (raw.Length > MaxSubjectLength ? raw[..MaxSubjectLength] : raw) : string.Empty;
        return new OofMessageFacts(
            reversePath.Trim(),
            Trimmed(headers["Auto-Submitted"]),
            Trimmed(headers["Precedence"]),
            ListHeaders.Any(h => headers.Contains(h)),
            Trimmed(headers["X-Auto-Response-Suppress"]),
            report || headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond"),
            recipients,
            subject,
            messageId,
            references);
    }

    private static string? Trimmed(string? value) => value?.Trim();
}
