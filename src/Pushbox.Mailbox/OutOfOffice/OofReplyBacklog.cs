using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Pushbox.Mailbox.Delivery;

namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>
/// The hand-off between delivery and the <see cref="OofResponder"/>: an <see cref="IDeliveryObserver"/> that only queues.
/// The queue is bounded (<see cref="Capacity"/>); when it is full a message gets no automatic reply and a warning is
/// logged, and the delivery goes on unaffected. It lives in memory: messages delivered just before a shutdown may get no
/// reply. Mail from the null reverse-path never gets one and is not queued.
/// </summary>
public sealed partial class OofReplyBacklog(ILogger<OofReplyBacklog> logger) : IDeliveryObserver
{
    /// <summary>Delivered messages waiting for the responder.</summary>
    public const int Capacity = 4096;

    private readonly Channel<DeliveredMail> _channel = Channel.CreateBounded<DeliveredMail>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Where the responder takes the messages from.</summary>
    public ChannelReader<DeliveredMail> Reader => _channel.Reader;

    /// <inheritdoc/>
    public void OnDelivered(DeliveredMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (mail.ReversePath.Length == 0 || mail.UserIds.Count == 0)
        {
            return;
        }

        if (!_channel.Writer.TryWrite(mail))
        {
            LogQueueFull(mail.Content.Hash);
        }
    }

    [LoggerMessage(EventId = 3303, Level = LogLevel.Warning, Message = "Out of Office queue full: message {Hash} gets no automatic reply")]
    private partial void LogQueueFull(string hash);
}
