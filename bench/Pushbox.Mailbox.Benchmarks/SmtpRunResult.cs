using Pushbox.Storage;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>What one SMTP delivery run measured.</summary>
/// <param name="Provider">The database.</param>
/// <param name="Variant">The run that counts, or a diagnostic or contrast.</param>
/// <param name="Messages">Messages timed (warm-up excluded).</param>
/// <param name="Connections">Parallel SMTP connections.</param>
/// <param name="SentBytes">The timed messages' total size as written by the client.</param>
/// <param name="SmallestMessage">The smallest timed message, in bytes.</param>
/// <param name="LargestMessage">The largest timed message, in bytes.</param>
/// <param name="Elapsed">From the first timed SendAsync to the last 250.</param>
/// <param name="LatencyMs">Per message, SendAsync start to its 250, in milliseconds.</param>
/// <param name="BlobPutMs">Per message, time in the blob store's PutAsync.</param>
/// <param name="FolderLookupMs">Per message, time in GetStandardFolderAsync.</param>
/// <param name="AddEmailMs">Per message, time in AddEmailAsync (transaction and commit).</param>
/// <param name="InboxItems">Items in the recipient's Inbox afterwards (warm-up included).</param>
/// <param name="Delivered">How many of the timed messages were found in the Inbox by Message-ID.</param>
/// <param name="Wal">PostgreSQL with diagnostics only: WAL activity over the timed run.</param>
/// <param name="Probe">With diagnostics only: what a durable write costs on this machine, outside Pushbox; measured after the run.</param>
internal sealed record SmtpRunResult(
    StorageProvider Provider,
    SmtpVariant Variant,
    int Messages,
    int Connections,
    long SentBytes,
    int SmallestMessage,
    int LargestMessage,
    TimeSpan Elapsed,
    double[] LatencyMs,
    double[] BlobPutMs,
    double[] FolderLookupMs,
    double[] AddEmailMs,
    long InboxItems,
    int Delivered,
    WalCounters? Wal,
    DurabilityProbe.Result? Probe)
{
    /// <summary>The row label: the database, and what differs when this is not the run that counts.</summary>
    public string Label => Variant switch
    {
        SmtpVariant.NoCommitFlush => $"{Provider}, synchronous_commit=off (not durable, diagnostic)",
        SmtpVariant.ClientNagle => $"{Provider}, client with Nagle (MailKit's socket)",
        _ => Provider.ToString(),
    };

    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    /// <summary>MB/s with 1 MB = 10^6 bytes.</summary>
    public double MegabytesPerSecond => SentBytes / 1e6 / Elapsed.TotalSeconds;

    public bool AllDelivered => Delivered == Messages;
}
