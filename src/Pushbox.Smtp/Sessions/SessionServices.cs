using System.Net.Security;
using Microsoft.Extensions.Logging;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Quotas;

namespace Pushbox.Smtp.Sessions;

/// <summary>What every session of one service shares.</summary>
internal sealed record SessionServices(
    SmtpOptions Options,
    MailDelivery Delivery,
    IBlobStore Blobs,
    TimeProvider Time,
    ILogger Logger,
    SslStreamCertificateContext? Certificate,
    MailboxQuotas Quotas);
