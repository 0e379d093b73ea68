using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.OutOfOffice;
using Pushbox.Mailbox.Outbound;
using Pushbox.Mailbox.Quotas;

namespace Pushbox.Smtp;

/// <summary>Registers the SMTP intake.</summary>
public static class SmtpServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SmtpIntakeService"/> as a hosted service (also resolvable as itself, e.g. to read
    /// the bound ports), with <paramref name="options"/>, validated now. Needs <c>IDirectory</c>,
    /// <c>IMailboxStore</c> and <c>IBlobStore</c> (from <c>AddPushboxStorage</c>) and logging; adds
    /// <see cref="MailDelivery"/>, the <see cref="IMailSubmitter"/> and <see cref="TimeProvider.System"/> unless already registered,
    /// and the Out of Office responder (<see cref="OofResponder"/>, hosted; needs <c>IUserSettingsStore</c>), which answers mail
    /// delivered through <see cref="MailDelivery.DeliverInboundAsync"/>, and the <see cref="INonDeliveryReporter"/> that
    /// writes the bounce a local sender gets for a full local recipient. Mailbox limits apply when <c>MailboxQuotas</c>
    /// is registered.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static IServiceCollection AddPushboxSmtp(this IServiceCollection services, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new QuotaOptions());
        services.TryAddSingleton<MailboxQuotas>();
        services.TryAddSingleton<MailDelivery>();
        services.TryAddSingleton<OutboundQueueSignal>();
        services.TryAddSingleton<IMailSubmitter, MailSubmitter>();
        services.TryAddSingleton<INonDeliveryReporter, Relay.NonDeliveryReporter>();
        services.AddSingleton<SmtpIntakeService>();
        services.AddHostedService(provider => provider.GetRequiredService<SmtpIntakeService>());

        // Out of Office replies: deliveries are queued by the observer and answered by the hosted responder.
        services.TryAddSingleton<OofReplyBacklog>();
        services.AddSingleton<IDeliveryObserver>(provider => provider.GetRequiredService<OofReplyBacklog>());
        services.TryAddSingleton<OofResponder>();
        services.AddHostedService<OofReplyService>();
        return services;
    }

    /// <summary>
    /// Adds the outbound relay: <see cref="Relay.OutboundRelayService"/> as a hosted service (also resolvable as
    /// itself) sending the outbound queue through the smarthost of <paramref name="options"/>, validated now, and
    /// the <see cref="IMailSubmitter"/> unless already registered. Needs the store ports (<c>AddPushboxStorage</c>) and logging.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static IServiceCollection AddPushboxRelay(this IServiceCollection services, Relay.RelayOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new QuotaOptions());
        services.TryAddSingleton<MailboxQuotas>();
        services.TryAddSingleton<MailDelivery>();
        services.TryAddSingleton<OutboundQueueSignal>();
        services.TryAddSingleton<IMailSubmitter, MailSubmitter>();
        services.AddSingleton<Relay.OutboundRelayService>();
        services.AddHostedService(provider => provider.GetRequiredService<Relay.OutboundRelayService>());
        return services;
    }
}
