using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
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
    private readonly bool _keepData;
    private readonly OofReplyService? _responder;
    private bool _stopped;

    private SmtpTestServer(ServiceProvider provider, string dataDirectory, LogSink logs, SmtpOptions options, bool keepData, bool startResponder)
    {
        _provider = provider;
        _dataDirectory = dataDirectory;
        _keepData = keepData;
        _responder = startResponder ? provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<OofReplyService>().Single() : null;
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

    /// <summary>
    /// Starts the intake over a new data folder, or over <paramref name="dataDirectory"/> (kept when the server is disposed,
    /// to start another on it: a restart). The Out of Office responder runs only with <paramref name="startResponder"/>.
    /// </summary>
    public static async Task<SmtpTestServer> StartAsync(Action<SmtpOptions>? configure = null, bool lmtp = false, bool unixSocket = false, string? dataDirectory = null, bool startResponder = false)
    {
        bool keepData = dataDirectory is not null;
        dataDirectory ??= NewDataDirectory();
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
        services.AddPushboxSmtp(options);
        ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            await provider.GetRequiredService<PushboxDatabase>().MigrateAsync(CancellationToken.None);
            var server = new SmtpTestServer(provider, dataDirectory, logs, options, keepData, startResponder);
            // The intake alone (and the responder when asked): storage's listener for other processes' changes is not started.
            await server.Service.StartAsync(CancellationToken.None);
            if (server._responder is not null)
            {
                await server._responder.StartAsync(CancellationToken.None);
            }

            return server;
        }
        catch
        {
            await provider.DisposeAsync();
            if (!keepData)
            {
                System.IO.Directory.Delete(dataDirectory, recursive: true);
            }

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
            if (_responder is not null)
            {
                await _responder.StopAsync(cancellationToken);
            }

            await Service.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _provider.DisposeAsync();
        if (_keepData)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean: a file still open somewhere.
        }
    }

    public static string NewDataDirectory()
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
