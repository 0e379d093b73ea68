using MimeKit;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;

namespace Pushbox.Smtp.Relay;

/// <summary>
/// The <see cref="INonDeliveryReporter"/>: the relay's RFC 3464 notification (<see cref="DeliveryStatusNotification"/>),
/// reported by this server's SMTP name, for recipients a local submission could not reach (a full local mailbox).
/// </summary>
internal sealed class NonDeliveryReporter(SmtpOptions options, IBlobStore blobs, TimeProvider time) : INonDeliveryReporter
{
    public async Task<BlobRef> WriteAsync(BlobRef original, string sender, IReadOnlyList<UndeliveredRecipient> recipients, DateTimeOffset arrival, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(recipients);
        HeaderList headers = await ReadHeadersAsync(original, cancellationToken).ConfigureAwait(false);
        List<RelayOutcome> failures = [.. recipients.Select(r => new RelayOutcome(r.Address, RelayOutcomeKind.Permanent, r.Reply, r.StatusCode))];
        MimeMessage notification = DeliveryStatusNotification.Build(options.ServerName, sender, headers, failures, arrival, time.GetUtcNow(), expired: false);
        using var buffer = new MemoryStream();
        await notification.WriteToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        return await blobs.PutAsync(buffer, buffer.Length, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The original's header only (its body may be large and is not quoted); empty when it is gone or unreadable.</summary>
    private async Task<HeaderList> ReadHeadersAsync(BlobRef original, CancellationToken cancellationToken)
    {
        Stream? stream = await blobs.OpenReadAsync(original.Hash, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return [];
        }

        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await new MimeParser(stream, MimeFormat.Entity).ParseHeadersAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException)
            {
                return [];
            }
        }
    }
}
