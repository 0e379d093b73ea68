using System.Globalization;
using System.Text;

namespace Pushbox.Smtp.Protocol;

/// <summary>
/// The <c>Return-Path:</c> and <c>Received:</c> fields a final delivery prepends (RFC 5321 §4.4). Every
/// part comes from the session and is already checked (host names are printable ASCII, addresses
/// passed <see cref="MailboxSyntax"/>), so nothing a client sends can break the header block. Pure.
/// </summary>
internal static class TraceHeaders
{
    /// <summary>Builds the two fields, each ending in CRLF, folded so that no line passes 998 octets.</summary>
    /// <param name="reversePath">The MAIL FROM address, empty for the null path.</param>
    /// <param name="heloName">What the client said in EHLO, HELO or LHLO.</param>
    /// <param name="remote">The client's address as a TCP-info literal (<c>[192.0.2.1]</c>, <c>[IPv6:…]</c>) or a comment such as <c>unix socket</c>.</param>
    /// <param name="serverName">Our host name.</param>
    /// <param name="protocol">The RFC 3848 "with" keyword: SMTP, ESMTP, ESMTPS, LMTP, LMTPS.</param>
    /// <param name="id">The transaction id that also appears in our logs and replies.</param>
    /// <param name="recipient">The one recipient, or null when there are several (naming them would disclose Bcc recipients to each other).</param>
    /// <param name="time">When the message was received.</param>
    public static byte[] Build(string reversePath, string heloName, string remote, string serverName, string protocol, string id, string? recipient, DateTimeOffset time)
    {
        var text = new StringBuilder(256 + reversePath.Length + (recipient?.Length ?? 0));
        text.Append("Return-Path: <").Append(reversePath).Append(">\r\n");
        text.Append("Received: from ").Append(heloName).Append(" (").Append(remote).Append(")\r\n");
        text.Append("\tby ").Append(serverName).Append(" (Pushbox) with ").Append(protocol).Append(" id ").Append(id);
        if (recipient is not null)
        {
            text.Append("\r\n\tfor <").Append(recipient).Append('>');
        }

        text.Append(";\r\n\t").Append(FormatDate(time)).Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>An RFC 5322 date-time in UTC, e.g. <c>Wed, 25 Nov 2026 10:00:00 +0000</c>.</summary>
    public static string FormatDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}
