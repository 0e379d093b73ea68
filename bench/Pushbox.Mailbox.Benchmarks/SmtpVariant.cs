namespace Pushbox.Mailbox.Benchmarks;

/// <summary>How an SMTP run differs from the one whose figures count.</summary>
internal enum SmtpVariant
{
    /// <summary>The figures: client sockets with TCP_NODELAY, the store as Pushbox configures it; with the durability probe and WAL counters.</summary>
    Standard,

    /// <summary>
    /// Diagnostic, PostgreSQL only: the database set to <c>synchronous_commit = off</c>, so a commit
    /// returns before its WAL is flushed. Not durable, never a configuration: it shows how much of the
    /// time the flush takes.
    /// </summary>
    NoCommitFlush,

    /// <summary>Contrast: the clients on MailKit's own sockets, which leave Nagle's algorithm on.</summary>
    ClientNagle,
}
