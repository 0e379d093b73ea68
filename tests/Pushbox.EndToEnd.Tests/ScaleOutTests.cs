using System.Globalization;
using System.Xml.Linq;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// Two <c>pushbox serve</c> processes on one PostgreSQL database and one shared data folder, as nodes behind a
/// load balancer: a device's requests alternate between them, and its sync state (in the database) carries
/// over — windows continue, a request retried on the other node gets the same answer, and a change made
/// through one node reaches a device syncing through the other. PostgreSQL comes from <c>PUSHBOX_TEST_POSTGRES</c>
/// (as for the storage tests; <c>.ci/run</c> starts it); these tests are never skipped.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private const string User = "scale@example.com";
    private static readonly XNamespace AirSync = EasNamespaces.AirSync;
    private static readonly XNamespace Email = EasNamespaces.Email;

    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-e2e-scale-").FullName;
    private readonly string _dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
    private readonly TestPostgresDatabase _database = new("pushbox_e2e_");
    private PushboxServerProcess? _nodeA;
    private PushboxServerProcess? _nodeB;

    public ScaleOutTests()
    {
    }

    public async Task InitializeAsync()
    {
        await _database.CreateForAsync(_data);
        await PushboxCli.AddUserAsync(_dll, _data, User, ServerFixture.Password, "Scale");

        // One after the other: the first creates the shared TLS certificate, the second finds it.
        _nodeA = await PushboxServerProcess.StartAsync(new PushboxServerOptions { PushboxDll = _dll, DataDirectory = _data });
        _nodeB = await PushboxServerProcess.StartAsync(new PushboxServerOptions { PushboxDll = _dll, DataDirectory = _data });
    }

    public async Task DisposeAsync()
    {
        foreach (PushboxServerProcess? node in new[] { _nodeA, _nodeB })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        await _database.DropAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Sync_AlternatingBetweenTwoNodes_ContinuesWindowsAndReplaysAndSeesTheOtherNodesChanges()
    {
        await SmtpDelivery.DeliverAsync(_nodeA!.SmtpPort, "sender@remote.invalid", User, Enumerable.Range(1, 30).Select(i =>
            SmtpDelivery.TextMessage("sender@remote.invalid", User, string.Create(CultureInfo.InvariantCulture, $"Message {i:D4}"), "Body")));
        string device = ServerFixture.NewDeviceId();
        using EasClient onA = Client(_nodeA, device);
        using EasClient onB = Client(_nodeB!, device);
        string inbox = (await onA.FolderSyncAsync("0", "16.1")).Adds.Single(f => f.Type == 2).ServerId;

        string key = (await onA.SyncAsync(inbox, "0")).Collection.SyncKey!;
        SyncCollectionResult first = (await onB.SyncAsync(inbox, key, 10)).Collection;
        SyncCollectionResult retriedOnA = (await onA.SyncAsync(inbox, key, 10)).Collection;
        SyncCollectionResult second = (await onA.SyncAsync(inbox, retriedOnA.SyncKey!, 10)).Collection;
        SyncCollectionResult third = (await onB.SyncAsync(inbox, second.SyncKey!, 10)).Collection;

        Assert.Equal(first.SyncKey, retriedOnA.SyncKey);
        Assert.Equal(first.Commands.Select(c => c.ServerId), retriedOnA.Commands.Select(c => c.ServerId));
        List<string?> all = [.. first.Commands.Concat(second.Commands).Concat(third.Commands).Select(c => c.ServerId)];
        Assert.Equal(30, all.Count);
        Assert.Equal(30, all.Distinct().Count());
        Assert.False(third.MoreAvailable);

        // A second device marks a message read through node B; the first device learns it through node A.
        string other = ServerFixture.NewDeviceId();
        using EasClient tablet = Client(_nodeB!, other);
        string tabletKey = (await tablet.SyncAsync(inbox, "0")).Collection.SyncKey!;
        SyncCollectionResult tabletAll = (await tablet.SyncAsync(inbox, tabletKey, 100)).Collection;
        string target = tabletAll.Commands[0].ServerId!;
        var change = new XElement(AirSync + "Commands", new XElement(AirSync + "Change", new XElement(AirSync + "ServerId", target), new XElement(AirSync + "ApplicationData", new XElement(Email + "Read", "1"))));
        Assert.Equal(1, (await tablet.SyncAsync(inbox, tabletAll.SyncKey!, commands: change)).Collection.Status);

        SyncCollectionResult seen = (await onA.SyncAsync(inbox, third.SyncKey!)).Collection;

        SyncItem changed = Assert.Single(seen.Commands);
        Assert.Equal(("Change", target, "1"), (changed.Kind, changed.ServerId, changed.Email("Read")));
        AssertHealthy(_nodeA);
        AssertHealthy(_nodeB!);
        Assert.False(File.Exists(Path.Combine(_data, "pushbox.db")), "The nodes used SQLite, not the PostgreSQL database");
    }

    [Fact]
    public async Task Ping_HeldOnOneNode_IsWokenByMailDeliveredThroughTheOther()
    {
        await SmtpDelivery.DeliverAsync(_nodeA!.SmtpPort, "sender@remote.invalid", User, [SmtpDelivery.TextMessage("sender@remote.invalid", User, "First", "Body")]);
        using EasClient onB = Client(_nodeB!, ServerFixture.NewDeviceId());
        string inbox = (await onB.FolderSyncAsync("0", "16.1")).Adds.Single(f => f.Type == 2).ServerId;
        string key = (await onB.SyncAsync(inbox, "0")).Collection.SyncKey!;
        Assert.Single((await onB.SyncAsync(inbox, key, 100)).Collection.Commands);
        XNamespace ping = "Ping:";
        string request = new XElement(
            ping + "Ping",
            new XElement(ping + "HeartbeatInterval", "120"),
            new XElement(ping + "Folders", new XElement(ping + "Folder", new XElement(ping + "Id", inbox), new XElement(ping + "Class", "Email")))).ToString(SaveOptions.DisableFormatting);

        Task<EasResponse> held = onB.SendAsync("Ping", request, "16.1");
        await Task.Delay(1000);
        Assert.False(held.IsCompleted, "The Ping answered although nothing changed");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await SmtpDelivery.DeliverAsync(_nodeA.SmtpPort, "sender@remote.invalid", User, [SmtpDelivery.TextMessage("sender@remote.invalid", User, "Second", "Body")]);
        EasResponse answer = await held.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("2", answer.Xml!.Root!.Element(ping + "Status")?.Value);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The Ping took {clock.Elapsed} to answer");
        AssertHealthy(_nodeA);
        AssertHealthy(_nodeB!);
    }

    private static EasClient Client(PushboxServerProcess node, string deviceId)
    {
        EasClientOptions options = node.ClientOptions(User, ServerFixture.Password, deviceId, "16.1");
        options.DeviceType = ServerFixture.DeviceType;
        return new EasClient(options);
    }

    private static void AssertHealthy(PushboxServerProcess node)
    {
        Assert.False(node.HasExited, "pushbox serve has exited:\n" + string.Join('\n', node.Output));
        string[] errors = [.. node.Output.Where(l => l.Contains("fail: ", StringComparison.Ordinal) || l.Contains("crit: ", StringComparison.Ordinal))];
        Assert.True(errors.Length == 0, "A node logged an error:\n" + string.Join('\n', errors));
    }
}
