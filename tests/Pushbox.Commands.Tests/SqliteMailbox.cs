using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Changes;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Search;
using Pushbox.Mailbox.Users;
using Pushbox.Storage;

namespace Pushbox.Commands.Tests;

/// <summary>A real SQLite store in a temporary data folder, with one user and one device.</summary>
public sealed class SqliteMailbox : IAsyncDisposable
{
    private readonly string _data = System.IO.Directory.CreateTempSubdirectory("pushbox-commands-").FullName;
    private readonly ServiceProvider _services;

    private SqliteMailbox()
    {
        var services = new ServiceCollection();
        services.AddPushboxStorage(new StorageOptions { DataDirectory = _data });
        _services = services.BuildServiceProvider();
    }

    public IMailboxStore Store => _services.GetRequiredService<IMailboxStore>();

    public IDeviceStore Devices => _services.GetRequiredService<IDeviceStore>();

    public IDirectory Directory => _services.GetRequiredService<IDirectory>();

    public IPolicyStore Policies => _services.GetRequiredService<IPolicyStore>();

    public IBlobStore Blobs => _services.GetRequiredService<IBlobStore>();

    /// <summary>Registers this mailbox's stores and a logger that discards everything: what <c>AddPushboxCommands</c> needs.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton(Store);
        services.AddSingleton(Devices);
        services.AddSingleton(Policies);
        services.AddSingleton(Blobs);
        services.AddSingleton(Directory);
        services.AddSingleton(_services.GetRequiredService<IUserSettingsStore>());
        services.AddSingleton(_services.GetRequiredService<IMailboxSearch>());
        services.AddSingleton(_services.GetRequiredService<IGlobalAddressList>());
        services.AddSingleton(_services.GetRequiredService<IOutboundQueueStore>());
        services.AddSingleton(_services.GetRequiredService<ISentClientIdStore>());
        services.AddSingleton(_services.GetRequiredService<IStoreTransactions>());
        services.AddSingleton(_services.GetRequiredService<IChangeNotifier>());
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
    }

    public User User { get; private set; } = null!;

    public Device Device { get; private set; } = null!;

    public static async Task<SqliteMailbox> CreateAsync()
    {
        var mailbox = new SqliteMailbox();
        await mailbox._services.GetRequiredService<PushboxDatabase>().MigrateAsync(CancellationToken.None);
        mailbox.User = await mailbox.Directory.CreateUserAsync(new NewUser("user@example.com", "User", "$none"), CancellationToken.None);
        mailbox.Device = await mailbox.AddDeviceAsync("DEVICE1");
        return mailbox;
    }

    public Task<Device> AddDeviceAsync(string deviceId) =>
        Devices.TouchDeviceAsync(User.Id, deviceId, "TestPhone", "Test/1.0", "16.1", CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        System.IO.Directory.Delete(_data, recursive: true);
    }
}
