namespace Pushbox.Mailbox;

/// <summary>
/// The ClientIds of the messages each device sent (SendMail, SmartReply, SmartForward from EAS 14.0), so that a
/// command the device repeats — it never saw the answer on a bad link — sends nothing twice (MS-ASCMD status
/// 118). Records are kept for <see cref="Retention"/>, far longer than any device retries.
/// </summary>
public interface ISentClientIdStore
{
    /// <summary>How long a ClientId is remembered: 30 days.</summary>
    static TimeSpan Retention => TimeSpan.FromDays(30);

    /// <summary>Whether this device of this user has sent a message with <paramref name="clientId"/> (compared exactly).</summary>
    Task<bool> ContainsAsync(long userId, string deviceId, string clientId, CancellationToken cancellationToken);

    /// <summary>
    /// Remembers that the message with <paramref name="clientId"/> is being sent; true when it was not remembered yet,
    /// false when it was (a duplicate: send nothing). Call it inside the <see cref="IStoreTransactions"/> unit that
    /// accepts the message, so that the ClientId is recorded exactly when the message is: of two units recording the
    /// same ClientId at once, one gets true and the other waits for it and then gets false (or runs again and gets
    /// false). Forgets the user's records older than <see cref="Retention"/>.
    /// </summary>
    Task<bool> TryRecordAsync(long userId, string deviceId, string clientId, CancellationToken cancellationToken);
}
