using System.Data.Common;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Changes;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Users;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Tests;

/// <summary>
/// The device-access and remote-wipe contract of IDeviceStore: per-device decisions, the decided access with its
/// sync-state reset, wipes from order to acknowledgement, the organisation's rules and default (global: tested on a
/// database of their own), and the wake a device change sends to the user's waiting requests.
/// </summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task AccessOverride_IsKeptApartFromTheDecidedState_AndNullClearsIt()
    {
        User user = await NewUserAsync();
        Device device = await Devices.TouchDeviceAsync(user.Id, "O1", "Android", "UA", "16.1", None);
        Assert.Null(device.AccessOverride);

        await Devices.SetAccessOverrideAsync(device.Id, DeviceAccessState.Blocked, None);
        Device blocked = (await Devices.GetDeviceAsync(device.Id, None))!;
        Assert.Equal((DeviceAccessState.Blocked, DeviceAccessState.Allowed), (blocked.AccessOverride, blocked.AccessState));

        await Devices.SetAccessOverrideAsync(device.Id, null, None);
        Assert.Null((await Devices.GetDeviceAsync(device.Id, None))!.AccessOverride);
        await AssertRefused(MailboxErrorReason.ItemNotFound, () => Devices.SetAccessOverrideAsync(long.MaxValue, DeviceAccessState.Allowed, None));
        Assert.Null(await Devices.GetDeviceAsync(long.MaxValue, None));
    }

    [Fact]
    public async Task SetAccessState_ForgettingSyncState_DeletesAllTheDevicesStateInTheSameWrite()
    {
        User user = await NewUserAsync();
        Device device = await Devices.TouchDeviceAsync(user.Id, "F1", "Android", "UA", "16.1", None);
        Device other = await Devices.TouchDeviceAsync(user.Id, "F2", "Android", "UA", "16.1", None);
        await Devices.TrySaveSyncStateAsync(device.Id, "hierarchy", 0, 1, [1], None);
        await Devices.TrySaveSyncStateAsync(device.Id, "5", 0, 1, [1], None);
        await Devices.TrySaveSyncStateAsync(other.Id, "5", 0, 1, [1], None);

        await Devices.SetAccessStateAsync(device.Id, DeviceAccessState.Quarantined, forgetSyncState: false, None);
        Assert.NotNull(await Devices.GetSyncStateAsync(device.Id, "5", None));
        await Devices.SetAccessStateAsync(device.Id, DeviceAccessState.Allowed, forgetSyncState: true, None);

        Assert.Equal(DeviceAccessState.Allowed, (await Devices.GetDeviceAsync(device.Id, None))!.AccessState);
        Assert.Null(await Devices.GetSyncStateAsync(device.Id, "hierarchy", None));
        Assert.Null(await Devices.GetSyncStateAsync(device.Id, "5", None));
        Assert.NotNull(await Devices.GetSyncStateAsync(other.Id, "5", None));
    }

    [Fact]
    public async Task Wipe_FromOrderToAcknowledgement_KeepsItsTimes()
    {
        User user = await NewUserAsync();
        Device device = await Devices.TouchDeviceAsync(user.Id, "W1", "iPhone", "UA", "16.1", None);
        Assert.False(await Devices.MarkWipeSentAsync(device.Id, None));
        Assert.False(await Devices.RecordWipeAcknowledgementAsync(device.Id, RemoteWipeKind.Full, 1, None));

        var ordered = new DateTimeOffset(Fixture.Time.GetUtcNow().UtcTicks / 10 * 10, TimeSpan.Zero);
        await Devices.RequestWipeAsync(device.Id, RemoteWipeKind.Full, None);
        Assert.Equal(new DeviceWipe(RemoteWipeKind.Full, ordered, null, null, null), (await Devices.GetDeviceAsync(device.Id, None))!.Wipe);

        Fixture.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await Devices.MarkWipeSentAsync(device.Id, None));
        Assert.Equal(DeviceWipeState.Sent, (await Devices.GetDeviceAsync(device.Id, None))!.WipeState);
        Assert.False(await Devices.RecordWipeAcknowledgementAsync(device.Id, RemoteWipeKind.AccountOnly, 1, None));
        Fixture.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await Devices.RecordWipeAcknowledgementAsync(device.Id, RemoteWipeKind.Full, 2, None));
        Assert.Equal(DeviceWipeState.Failed, (await Devices.GetDeviceAsync(device.Id, None))!.WipeState);
        Fixture.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await Devices.RecordWipeAcknowledgementAsync(device.Id, RemoteWipeKind.Full, 1, None));

        DeviceWipe wipe = (await Devices.GetDeviceAsync(device.Id, None))!.Wipe!;
        Assert.Equal(
            (DeviceWipeState.Wiped, ordered + TimeSpan.FromMinutes(1), ordered + TimeSpan.FromMinutes(3), 1),
            (wipe.State, wipe.SentAt!.Value, wipe.AcknowledgedAt!.Value, wipe.AcknowledgementStatus!.Value));
        Assert.False(await Devices.MarkWipeSentAsync(device.Id, None));
        Assert.Equal(DeviceWipeState.Wiped, (await Devices.ListDevicesAsync(user.Id, None)).Single().WipeState);
    }

    [Fact]
    public async Task Wipe_AllowingTheDevice_ClearsACompletedWipe_ButNotAPendingOne()
    {
        User user = await NewUserAsync();
        Device done = await Devices.TouchDeviceAsync(user.Id, "WA", "iPhone", "UA", "16.1", None);
        Device pending = await Devices.TouchDeviceAsync(user.Id, "WB", "iPhone", "UA", "16.1", None);
        await Devices.RequestWipeAsync(done.Id, RemoteWipeKind.AccountOnly, None);
        await Devices.RecordWipeAcknowledgementAsync(done.Id, RemoteWipeKind.AccountOnly, 1, None);
        await Devices.RequestWipeAsync(pending.Id, RemoteWipeKind.Full, None);

        await Devices.SetAccessOverrideAsync(done.Id, DeviceAccessState.Allowed, None);
        await Devices.SetAccessOverrideAsync(pending.Id, DeviceAccessState.Allowed, None);

        Assert.Null((await Devices.GetDeviceAsync(done.Id, None))!.Wipe);
        Assert.Equal(DeviceWipeState.Pending, (await Devices.GetDeviceAsync(pending.Id, None))!.WipeState);
        Assert.True(await Devices.ClearWipeAsync(pending.Id, None));
        Assert.False(await Devices.ClearWipeAsync(pending.Id, None));
        Assert.Null((await Devices.GetDeviceAsync(pending.Id, None))!.Wipe);
        await AssertRefused(MailboxErrorReason.ItemNotFound, () => Devices.RequestWipeAsync(long.MaxValue, RemoteWipeKind.Full, None));
    }

    [Fact]
    public async Task Wipe_Ordered_WakesTheUsersWaitingRequestsWithAHierarchyChange_AndSoDoesRemovingTheDevice()
    {
        User user = await NewUserAsync();
        Device device = await Devices.TouchDeviceAsync(user.Id, "WW", "iPhone", "UA", "16.1", None);
        using ChangeSubscription subscription = Notifier.Subscribe(user.Id);

        await Devices.RequestWipeAsync(device.Id, RemoteWipeKind.Full, None);
        ChangeSet ordered = await subscription.WaitAsync(new CancellationTokenSource(NotificationTimeout).Token);
        await Devices.DeleteDeviceAsync(device.Id, None);
        ChangeSet removed = await subscription.WaitAsync(new CancellationTokenSource(NotificationTimeout).Token);

        Assert.True(ordered.Hierarchy || ordered.All);
        Assert.True(removed.Hierarchy || removed.All);
    }

    [Fact]
    public async Task ListAllDevices_ListsEveryUsersDevices()
    {
        User a = await NewUserAsync();
        User b = await NewUserAsync();
        Device da = await Devices.TouchDeviceAsync(a.Id, "LA", "iPhone", "UA", "16.1", None);
        Device db = await Devices.TouchDeviceAsync(b.Id, "LB", "Android", "UA", "14.1", None);

        IReadOnlyList<Device> all = await Devices.ListAllDevicesAsync(None);

        Assert.Contains(all, d => d.Id == da.Id && d.UserId == a.Id);
        Assert.Contains(all, d => d.Id == db.Id && d.UserId == b.Id);
    }

    [Fact]
    public async Task Migrate_From0007_KeepsADeviceThatWasNotAllowedAsItsOverride()
    {
        StorageOptions options = await Fixture.NewDatabaseAsync();
        ServiceProvider services = Fixture.BuildServices(options);
        PushboxDatabase database = services.GetRequiredService<PushboxDatabase>();
        SqlDialect dialect = database.Dialect;
        object now = dialect.ToDb(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        long blocked, allowed;
        DbConnection connection = await database.OpenAsync(None);
        await using (connection)
        {
            await dialect.PrepareDatabaseAsync(connection, None);
            await connection.ExecuteAsync(dialect.MigrationsTableSql);
            foreach (Migration migration in Migration.Load(dialect.MigrationFolder).Where(m => m.Version <= 7))
            {
                await connection.ExecuteAsync(migration.Sql);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @Now)",
                    new { migration.Version, migration.Name, Now = now });
            }

            long userId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO users (address, address_key, password_hash, created_at) VALUES ('v7@example.com', 'v7@example.com', '$h', @Now) RETURNING id",
                new { Now = now });
            const string insert = "INSERT INTO devices (user_id, device_id, device_type, user_agent, access_state, first_seen, last_seen) VALUES (@UserId, @DeviceId, 'iPhone', 'UA', @State, @Now, @Now) RETURNING id";
            blocked = await connection.ExecuteScalarAsync<long>(insert, new { UserId = userId, DeviceId = "B", State = 1, Now = now });
            allowed = await connection.ExecuteScalarAsync<long>(insert, new { UserId = userId, DeviceId = "A", State = 0, Now = now });
        }

        await database.MigrateAsync(None);

        IDeviceStore devices = services.GetRequiredService<IDeviceStore>();
        Assert.Equal(DeviceAccessState.Blocked, (await devices.GetDeviceAsync(blocked, None))!.AccessOverride);
        Assert.Null((await devices.GetDeviceAsync(allowed, None))!.AccessOverride);
        Assert.Equal(DeviceAccessRules.AllowAll.DefaultAccess, (await devices.GetAccessRulesAsync(None)).DefaultAccess);
    }

    [Fact]
    public async Task AccessRules_AreSavedByCharacteristicAndPatternInAnyCase_AndTheDefaultIsKept()
    {
        (_, _, IDeviceStore devices) = await FreshProvisioningAsync();
        Assert.Equal(DeviceAccessRules.AllowAll with { Rules = [] }, await devices.GetAccessRulesAsync(None) with { Rules = [] });
        Assert.Empty((await devices.GetAccessRulesAsync(None)).Rules);

        DeviceAccessRule iphone = await devices.SaveAccessRuleAsync(DeviceCharacteristic.DeviceType, " iPhone ", DeviceAccessState.Quarantined, None);
        DeviceAccessRule again = await devices.SaveAccessRuleAsync(DeviceCharacteristic.DeviceType, "IPHONE", DeviceAccessState.Blocked, None);
        DeviceAccessRule agent = await devices.SaveAccessRuleAsync(DeviceCharacteristic.UserAgent, "Apple-iPhone*", DeviceAccessState.Allowed, None);
        await devices.SetDefaultAccessAsync(DeviceAccessState.Quarantined, None);

        DeviceAccessRules rules = await devices.GetAccessRulesAsync(None);
        Assert.Equal(iphone.Id, again.Id);
        Assert.Equal(DeviceAccessState.Quarantined, rules.DefaultAccess);
        Assert.Equal(
            [(DeviceCharacteristic.DeviceType, "IPHONE", DeviceAccessState.Blocked), (DeviceCharacteristic.UserAgent, "Apple-iPhone*", DeviceAccessState.Allowed)],
            rules.Rules.Select(r => (r.Characteristic, r.Pattern, r.Access)));
        Assert.True(await devices.RemoveAccessRuleAsync(agent.Id, None));
        Assert.False(await devices.RemoveAccessRuleAsync(agent.Id, None));
        Assert.Single((await devices.GetAccessRulesAsync(None)).Rules);
        await Assert.ThrowsAsync<ArgumentException>(() => devices.SaveAccessRuleAsync(DeviceCharacteristic.Model, "*", DeviceAccessState.Blocked, None));
        await Assert.ThrowsAsync<ArgumentException>(() => devices.SaveAccessRuleAsync(DeviceCharacteristic.Model, new string('m', DeviceAccessRule.MaxPatternLength + 1), DeviceAccessState.Blocked, None));
    }
}
