using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Quotas;
using Pushbox.Mailbox.Users;
using Pushbox.Storage;

namespace Pushbox.Smtp.Tests.Support;

/// <summary>
/// The real SMTP intake over the real storage, composed as the server composes them
/// (<c>AddPushboxStorage</c> with SQLite and the file blob store in a temporary data folder, then
/// <c>AddPushboxSmtp</c>) and started as the host starts hosted services, on loopback port 0 (SMTP,
/// optionally LMTP over TCP and a Unix socket). The stores are wrapped only to let a test hold or fail
/// a write.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    public const string ServerName = "mx.pushbox.test";

    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;
    private readonly string _dataDirectory;
    private bool _stopped;

    private SmtpTestServer(ServiceProvider provider, string dataDirectory, LogSink logs, SmtpOptions options)
    {
        _provider = provider;
        _dataDirectory = dataDirectory;
        Logs = logs;
        Options = options;
        Directory = provider.GetRequiredService<IDirectory>();
        Store = (HookedMailboxStore)provider.GetRequiredService<IMailboxStore>();
        Blobs = (HookedBlobStore)provider.GetRequiredService<IBlobStore>();
        Service = provider.GetRequiredService<SmtpIntakeService>();
    }

    public IDirectory Directory { get; }

    /// <summary>The server's services, for what the tests drive directly (the Out of Office responder, the outbound queue).</summary>
    public IServiceProvider Services => _provider;

    public HookedMailboxStore Store { get; }

    public HookedBlobStore Blobs { get; }

    public LogSink Logs { get; }

    public SmtpOptions Options { get; }

    public SmtpIntakeService Service { get; }

    public IPEndPoint SmtpEndPoint => (IPEndPoint)Service.SmtpEndPoints[0];

    public IPEndPoint LmtpEndPoint => Service.LmtpEndPoints.OfType<IPEndPoint>().First();

    public UnixDomainSocketEndPoint LmtpSocket => Service.LmtpEndPoints.OfType<UnixDomainSocketEndPoint>().First();

    public static async Task<SmtpTestServer> StartAsync(Action<SmtpOptions>? configure = null, bool lmtp = false, bool unixSocket = false, QuotaOptions? quotas = null)
    {
        string dataDirectory = NewDataDirectory();
        var options = new SmtpOptions { ServerName = ServerName };
        options.Endpoints.Clear();
        options.Endpoints.Add(new IPEndPoint(IPAddress.Loopback, 0));
        if (lmtp)
        {
            options.LmtpEndpoints.Add(new IPEndPoint(IPAddress.Loopback, 0));
        }

        if (unixSocket)
        {
            options.LmtpEndpoints.Add(new UnixDomainSocketEndPoint(Path.Combine(dataDirectory, "lmtp.sock")));
        }

        configure?.Invoke(options);
        var logs = new LogSink();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        services.AddSingleton(logs);
        services.AddSingleton(typeof(ILogger<>), typeof(SinkLogger<>));
        services.AddPushboxStorage(new StorageOptions { DataDirectory = dataDirectory });
        Decorate<IMailboxStore>(services, inner => new HookedMailboxStore(inner));
        Decorate<IBlobStore>(services, inner => new HookedBlobStore(inner));
        if (quotas is not null)
        {
            services.AddSingleton(quotas);
            services.AddSingleton<MailboxQuotas>();
        }

        services.AddPushboxSmtp(options);
        ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            await provider.GetRequiredService<PushboxDatabase>().MigrateAsync(CancellationToken.None);
            var server = new SmtpTestServer(provider, dataDirectory, logs, options);
            // The intake alone: storage's listener for other processes' changes is not started.
            await server.Service.StartAsync(CancellationToken.None);
            return server;
        }
        catch
        {
            await provider.DisposeAsync();
            System.IO.Directory.Delete(dataDirectory, recursive: true);
            throw;
        }
    }

    public async Task<User> AddUserAsync(string address, params string[] aliases)
    {
        User user = await Directory.CreateUserAsync(new NewUser(address, string.Empty, "not-a-real-hash"), CancellationToken.None);
        foreach (string alias in aliases)
        {
            await Directory.AddAliasAsync(user.Id, alias, CancellationToken.None);
        }

        return user;
    }

    public async Task<IReadOnlyList<StoredItem>> InboxAsync(long userId)
    {
        Folder inbox = await Store.GetStandardFolderAsync(userId, FolderType.Inbox, CancellationToken.None);
        return (await Store.GetChangesAsync(userId, inbox.Id, 0, 1000, CancellationToken.None)).Changed;
    }

    /// <summary>The stored content of an item, as the blob store returns it.</summary>
    public async Task<byte[]> ContentAsync(StoredItem item)
    {
        Stream stream = await Blobs.OpenReadAsync(item.BlobHash!, CancellationToken.None) ?? throw new InvalidOperationException("blob missing");
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    /// <summary>Every file in the blob folder, temporary ones included: empty means nothing was kept.</summary>
    public IReadOnlyList<string> BlobFiles()
    {
        string root = Path.Combine(_dataDirectory, StorageOptions.BlobFolderName);
        return System.IO.Directory.Exists(root) ? System.IO.Directory.GetFiles(root, "*", SearchOption.AllDirectories) : [];
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_stopped)
        {
            _stopped = true;
            await Service.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _provider.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean: a file still open somewhere.
        }
    }

    private static string NewDataDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "pushbox-smtp-tests", Guid.NewGuid().ToString("N")[..16]);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    private static void Decorate<TService>(ServiceCollection services, Func<TService, TService> wrap)
        where TService : class
    {
        ServiceDescriptor original = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(original);
        services.AddSingleton(provider => wrap((TService)(original.ImplementationFactory?.Invoke(provider)
            ?? original.ImplementationInstance
            ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!))));
    }
}
