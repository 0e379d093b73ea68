using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Changes;
using Pushbox.Mailbox.OutOfOffice;
using Pushbox.Mailbox.Search;
using Pushbox.Storage.Blobs;
using Pushbox.Storage.Secrets;
using Pushbox.Storage.Stores;

namespace Pushbox.Storage;

/// <summary>Registers Pushbox storage.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDirectory"/>, <see cref="IMailboxStore"/>, <see cref="IDeviceStore"/>,
    /// <see cref="IPolicyStore"/>, <see cref="IOutboundQueueStore"/>, <see cref="ISentClientIdStore"/>, <see cref="IStoreTransactions"/>, <see cref="Mailbox.OutOfOffice.IOofPendingStore"/>, <see cref="IMailboxSearch"/>,
    /// <see cref="IGlobalAddressList"/>, <see cref="IUserSettingsStore"/> (recovery passwords sealed with a key in the data folder)
    /// and <see cref="IBlobStore"/> (all singletons) over the database and data folder of
    /// <paramref name="options"/>, the <see cref="PushboxDatabase"/> (call its
    /// <see cref="PushboxDatabase.MigrateAsync"/> before serving), and <see cref="TimeProvider.System"/>
    /// unless a <see cref="TimeProvider"/> is registered already. The options are validated and copied
    /// now; later changes to the instance have no effect. Nothing is opened until first use.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static IServiceCollection AddPushboxStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid storage settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)), nameof(options));
        }

        var settings = new StorageOptions
        {
            Provider = options.Provider,
            DataDirectory = Path.GetFullPath(options.DataDirectory),
            ConnectionString = options.ConnectionString,
            BusyTimeout = options.BusyTimeout,
        };

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IChangeNotifier, ChangeHub>();
        services.AddSingleton(sp => new PushboxDatabase(settings, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IChangeNotifier>()));
        // Changes committed by another process (another node, or the CLI) reach this one's held requests.
        if (settings.Provider == StorageProvider.Postgres)
        {
            services.AddHostedService<PostgresChangeListener>();
        }
        else
        {
            services.AddHostedService<SqliteChangeListener>();
        }

        services.AddSingleton<IDirectory>(sp => new SqlDirectory(sp.GetRequiredService<PushboxDatabase>()));
        services.AddSingleton<IMailboxStore>(sp => new SqlMailboxStore(sp.GetRequiredService<PushboxDatabase>()));
        services.AddSingleton<IMailboxSearch>(sp => new SqlMailboxStore(sp.GetRequiredService<PushboxDatabase>()));
        services.AddSingleton<IGlobalAddressList>(sp => new SqlGlobalAddressList(sp.GetRequiredService<PushboxDatabase>()));
        services.TryAddSingleton<SearchIndexer>();
        services.AddSingleton<IDeviceStore>(sp => new SqlDeviceStore(sp.GetRequiredService<PushboxDatabase>()));
        services.AddSingleton<IPolicyStore>(sp => new SqlPolicyStore(sp.GetRequiredService<PushboxDatabase>()));
        services.AddSingleton<IOutboundQueueStore>(sp => new SqlOutboundQueueStore(sp.GetRequiredService<PushboxDatabase>()));
        services.AddSingleton<ISentClientIdStore>(sp => new SqlSentClientIdStore(sp.GetRequiredService<PushboxDatabase>()));
        services.AddSingleton<IOofPendingStore>(sp => new SqlOofPendingStore(sp.GetRequiredService<PushboxDatabase>()));
        services.AddSingleton<IStoreTransactions>(sp => new SqlStoreTransactions(sp.GetRequiredService<PushboxDatabase>()));
        services.AddSingleton<IUserSettingsStore>(sp => new SqlUserSettingsStore(sp.GetRequiredService<PushboxDatabase>(), new RecoveryPasswordSealer(settings.DataDirectory)));
        services.AddSingleton<IBlobStore>(sp => new FileBlobStore(Path.Combine(settings.DataDirectory, StorageOptions.BlobFolderName), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
