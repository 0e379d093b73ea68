using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pushbox.Commands.Certificates;
using Pushbox.Commands.Compose;
using Pushbox.Commands.Email;
using Pushbox.Commands.Handlers;
using Pushbox.Commands.Hierarchy;
using Pushbox.Commands.Policies;
using Pushbox.Commands.Push;
using Pushbox.Commands.Sync;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Outbound;
using Pushbox.Mailbox.Quotas;
using Pushbox.Protocol;
using Pushbox.Wbxml;

namespace Pushbox.Commands;

/// <summary>Registers the command handlers and what they need.</summary>
public static class CommandsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="EasDispatcher"/> with every implemented command's handler, the sync engines, and
    /// the <see cref="IMailSubmitter"/> (unless registered already). Needs the store ports (<c>AddPushboxStorage</c>); uses the registered <see cref="WbxmlLimits"/>
    /// or the defaults.
    /// </summary>
    public static IServiceCollection AddPushboxCommands(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(WbxmlLimits.Default);
        services.TryAddSingleton<HierarchySync>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EmailItemRenderer>();
        services.TryAddSingleton<CollectionSync>();
        services.TryAddSingleton<QuarantineSync>();
        services.TryAddSingleton(new PingOptions());
        services.TryAddSingleton<HeldRequests>();
        services.TryAddSingleton<ProvisioningCounters>();
        services.TryAddSingleton<DeviceAccess>();
        services.TryAddSingleton(new QuotaOptions());
        services.TryAddSingleton<MailboxQuotas>();
        services.TryAddSingleton<MailDelivery>();
        services.TryAddSingleton<OutboundQueueSignal>();
        services.TryAddSingleton<IMailSubmitter, MailSubmitter>();
        services.AddSingleton<IEasCommandHandler, FolderSyncHandler>();
        services.AddSingleton<IEasCommandHandler, FolderCreateHandler>();
        services.AddSingleton<IEasCommandHandler, FolderUpdateHandler>();
        services.AddSingleton<IEasCommandHandler, FolderDeleteHandler>();
        services.AddSingleton<IEasCommandHandler, GetHierarchyHandler>();
        services.AddSingleton<IEasCommandHandler, ProvisionHandler>();
        services.AddSingleton<IEasCommandHandler, SyncHandler>();
        services.AddSingleton<IEasCommandHandler, ItemOperationsHandler>();
        services.AddSingleton<IEasCommandHandler, GetAttachmentHandler>();
        services.AddSingleton<IEasCommandHandler, GetItemEstimateHandler>();
        services.AddSingleton<IEasCommandHandler, MoveItemsHandler>();
        services.AddSingleton<IEasCommandHandler, PingHandler>();
        services.TryAddSingleton(new SendOptions());
        foreach (EasCommand compose in (EasCommand[])[EasCommand.SendMail, EasCommand.SmartReply, EasCommand.SmartForward])
        {
            services.AddSingleton<IEasCommandHandler>(sp => ActivatorUtilities.CreateInstance<ComposeMailHandler>(sp, compose));
        }

        services.AddSingleton<IEasCommandHandler, SettingsHandler>();
        services.AddSingleton<IEasCommandHandler, SearchHandler>();
        services.AddSingleton<IEasCommandHandler, FindHandler>();
        services.TryAddSingleton(new CertificateValidationOptions());
        services.TryAddSingleton<CertificateValidator>();
        services.AddSingleton<IEasCommandHandler, ResolveRecipientsHandler>();
        services.AddSingleton<IEasCommandHandler, ValidateCertHandler>();
        services.TryAddSingleton<EasDispatcher>();
        return services;
    }
}
