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

    /// <summary>Remembers that the message was sent; recording the same ClientId again changes nothing. Forgets the user's records older than <see cref="Retention"/>.</summary>
    Task RecordAsync(long userId, string deviceId, string clientId, CancellationToken cancellationToken);
}
