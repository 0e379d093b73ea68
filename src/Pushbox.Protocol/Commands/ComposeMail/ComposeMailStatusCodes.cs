namespace Pushbox.Protocol.Commands.ComposeMail;

/// <summary>The HTTP form of a <see cref="ComposeMailStatus"/> for protocol 12.1 and earlier, which has no status element for these commands.</summary>
public static class ComposeMailStatusCodes
{
    /// <summary>
    /// The HTTP status that replaces <paramref name="status"/> before 14.0 (MS-ASCMD 2.2.2's "HTTP status" column):
    /// 400 for a malformed body or query parameter, 413 for a message over the size limit, 503 for a transient
    /// failure, 507 for a full mailbox, and 500 (the SendMail answer for everything else, MS-ASCMD_R7549) otherwise.
    /// </summary>
    public static int HttpStatusFor(ComposeMailStatus status) => status switch
    {
        ComposeMailStatus.InvalidContent or ComposeMailStatus.InvalidXml or ComposeMailStatus.InvalidCombinationOfIds => 400,
        ComposeMailStatus.SendQuotaExceeded => 413,
        ComposeMailStatus.ServerErrorRetryLater => 503,
        ComposeMailStatus.MailboxQuotaExceeded => 507,
        _ => 500,
    };
}
