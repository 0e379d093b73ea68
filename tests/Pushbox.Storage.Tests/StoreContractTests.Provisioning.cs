using System.Data.Common;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Policies;
using Pushbox.Mailbox.Users;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Tests;

/// <summary>
/// The provisioning contract: IPolicyStore and the policy-key and device-information parts of
/// IDeviceStore. Policies are global, so tests that depend on which policy is the default run on a
/// database of their own.
/// </summary>
public abstract partial class StoreContractTests
{
    private IPolicyStore Policies => Fixture.Services.GetRequiredService<IPolicyStore>();

    // ---------------------------------------------------------------- policies

    [Fact]
    public async Task SavePolicy_CreatesAtVersionOne_ThenEverySaveOfTheNameInAnyCaseBumpsTheVersion()
    {
        string name = "Strict-" + Guid.NewGuid().ToString("N");

        Policy created = await Policies.SaveAsync($"  {name} ", """{"DevicePasswordEnabled":true}""", allowNonProvisionableDevices: false, None);
        Fixture.Time.Advance(TimeSpan.FromMinutes(1));
        Policy updated = await Policies.SaveAsync(name.ToUpperInvariant(), """{"DevicePasswordEnabled":false}""", allowNonProvisionableDevices: true, None);
        Policy unchanged = await Policies.SaveAsync(name, """{"DevicePasswordEnabled":false}""", allowNonProvisionableDevices: true, None);

        Assert.Equal((name, 1L, false, false), (created.Name, created.Version, created.IsDefault, created.AllowNonProvisionableDevices));
        Assert.Equal(created.Id, updated.Id);
        Assert.Equal((name.ToUpperInvariant(), 2L, true, """{"DevicePasswordEnabled":false}"""), (updated.Name, updated.Version, updated.AllowNonProvisionableDevices, updated.SettingsJson));
        Assert.Equal(created.UpdatedAt + TimeSpan.FromMinutes(1), updated.UpdatedAt);
        Assert.Equal(3L, unchanged.Version);
        Assert.Equal(unchanged, await Policies.GetAsync(name.ToLowerInvariant(), None));
        Assert.Single(await Policies.ListAsync(None), p => p.Id == created.Id);
        Assert.Null(await Policies.GetAsync("no-such-" + name, None));
    }

    [Fact]
    public async Task SavePolicy_EmptyOrTooLongName_IsRefusedAsInvalidPolicyName()
    {
        await AssertRefused(MailboxErrorReason.InvalidPolicyName, () => Policies.SaveAsync("  ", "{}", false, None));
        await AssertRefused(MailboxErrorReason.InvalidPolicyName, () => Policies.SaveAsync(new string('p', Policy.MaxNameLength + 1), "{}", false, None));
        Assert.Equal(Policy.MaxNameLength, (await Policies.SaveAsync(new string('p', Policy.MaxNameLength), "{}", false, None)).Name.Length);
    }

    [Fact]
    public async Task SetDefaultPolicy_LeavesAtMostOneDefault_AndKeepsVersions()
    {
        (IPolicyStore policies, _, _) = await FreshProvisioningAsync();
        Policy a = await policies.SaveAsync("A", "{}", false, None);
        Policy b = await policies.SaveAsync("B", "{}", false, None);

        await policies.SetDefaultAsync("a", None);
        Assert.Equal(["A"], (await policies.ListAsync(None)).Where(p => p.IsDefault).Select(p => p.Name));
        await policies.SetDefaultAsync("B", None);
        Assert.Equal(["B"], (await policies.ListAsync(None)).Where(p => p.IsDefault).Select(p => p.Name));
        await AssertRefused(MailboxErrorReason.PolicyNotFound, () => policies.SetDefaultAsync("C", None));
        Assert.Equal(["B"], (await policies.ListAsync(None)).Where(p => p.IsDefault).Select(p => p.Name));
        await policies.SetDefaultAsync(null, None);
        Assert.DoesNotContain(await policies.ListAsync(None), p => p.IsDefault);

        Assert.Equal([(a.Id, 1L), (b.Id, 1L)], (await policies.ListAsync(None)).Select(p => (p.Id, p.Version)));
    }

    [Fact]
    public async Task GetEffectivePolicy_IsTheAssignedPolicy_ElseTheDefault_ElseNone()
    {
        (IPolicyStore policies, IDirectory directory, _) = await FreshProvisioningAsync();
        User user = await directory.CreateUserAsync(new NewUser(NewAddress(), "", "$h"), None);
        Policy standard = await policies.SaveAsync("Standard", "{}", false, None);
        Policy strict = await policies.SaveAsync("Strict", "{}", false, None);

        Assert.Null(await policies.GetEffectiveAsync(user.Id, None));
        await policies.SetDefaultAsync("Standard", None);
        Assert.Equal(standard.Id, (await policies.GetEffectiveAsync(user.Id, None))?.Id);
        await policies.AssignAsync(user.Id, "STRICT", None);
        Assert.Equal(strict.Id, (await policies.GetEffectiveAsync(user.Id, None))?.Id);
        await policies.SetDefaultAsync(null, None);
        Assert.Equal(strict.Id, (await policies.GetEffectiveAsync(user.Id, None))?.Id);
        await policies.AssignAsync(user.Id, null, None);
        Assert.Null(await policies.GetEffectiveAsync(user.Id, None));

        await AssertRefused(MailboxErrorReason.UserNotFound, () => policies.GetEffectiveAsync(long.MaxValue, None));
        await AssertRefused(MailboxErrorReason.UserNotFound, () => policies.AssignAsync(long.MaxValue, "Strict", None));
        await AssertRefused(MailboxErrorReason.PolicyNotFound, () => policies.AssignAsync(user.Id, "Nonexistent", None));
    }

    [Fact]
    public async Task DeletePolicy_WhileAssignedOrDefault_IsRefusedAsPolicyInUse()
    {
        (IPolicyStore policies, IDirectory directory, IDeviceStore devices) = await FreshProvisioningAsync();
        User user = await directory.CreateUserAsync(new NewUser(NewAddress(), "", "$h"), None);
        Policy assigned = await policies.SaveAsync("Assigned", "{}", false, None);
        await policies.SaveAsync("Default", "{}", false, None);
        await policies.AssignAsync(user.Id, "Assigned", None);
        await policies.SetDefaultAsync("Default", None);
        Device device = await devices.TouchDeviceAsync(user.Id, "PROV", "iPhone", "UA", "16.1", None);
        await devices.SetPendingPolicyKeyAsync(device.Id, 7, None);
        Assert.True(await devices.ConfirmPolicyKeyAsync(device.Id, 7, 8, assigned.Id, assigned.Version, None));

        await AssertRefused(MailboxErrorReason.PolicyInUse, () => policies.DeleteAsync("assigned", None));
        await AssertRefused(MailboxErrorReason.PolicyInUse, () => policies.DeleteAsync("Default", None));
        Assert.Equal(2, (await policies.ListAsync(None)).Count);

        await policies.AssignAsync(user.Id, null, None);
        Assert.True(await policies.DeleteAsync("ASSIGNED", None));
        Assert.False(await policies.DeleteAsync("Assigned", None));
        Assert.Null(await policies.GetAsync("Assigned", None));

        // The device's key was for a policy that is gone: it must provision again.
        Device after = (await devices.ListDevicesAsync(user.Id, None)).Single();
        Assert.Null(after.PolicyId);
        await AssertRefused(MailboxErrorReason.PolicyNotFound, () => policies.AssignAsync(user.Id, "Assigned", None));
    }

    // ---------------------------------------------------------------- device provisioning state

    [Fact]
    public async Task ConfirmPolicyKey_IsACompareAndSetOnThePendingKey()
    {
        User user = await NewUserAsync();
        Policy policy = await Policies.SaveAsync("Cas-" + Guid.NewGuid().ToString("N"), "{}", false, None);
        Device device = await Devices.TouchDeviceAsync(user.Id, "CAS", "Android", "UA", "16.1", None);
        Assert.Equal((null, null, null, null), (device.PendingPolicyKey, device.PolicyKey, device.PolicyId, device.PolicyVersion));

        Assert.False(await Devices.ConfirmPolicyKeyAsync(device.Id, 111, 222, policy.Id, policy.Version, None));
        await Devices.SetPendingPolicyKeyAsync(device.Id, 111, None);
        Assert.Equal(111u, (await ReadDeviceAsync(user.Id, "CAS")).PendingPolicyKey);
        Assert.False(await Devices.ConfirmPolicyKeyAsync(device.Id, 999, 222, policy.Id, policy.Version, None));
        Assert.True(await Devices.ConfirmPolicyKeyAsync(device.Id, 111, uint.MaxValue, policy.Id, policy.Version, None));
        Assert.False(await Devices.ConfirmPolicyKeyAsync(device.Id, 111, 333, policy.Id, policy.Version, None));

        Device confirmed = await ReadDeviceAsync(user.Id, "CAS");
        Assert.Equal((null, uint.MaxValue, policy.Id, policy.Version), (confirmed.PendingPolicyKey, confirmed.PolicyKey, confirmed.PolicyId, confirmed.PolicyVersion));

        // A new download leaves the confirmed key in place until it is acknowledged.
        await Devices.SetPendingPolicyKeyAsync(device.Id, 444, None);
        Assert.Equal((444u, uint.MaxValue), ((await ReadDeviceAsync(user.Id, "CAS")).PendingPolicyKey, (await ReadDeviceAsync(user.Id, "CAS")).PolicyKey));

        await Devices.ClearPolicyKeysAsync(device.Id, None);
        Device cleared = await ReadDeviceAsync(user.Id, "CAS");
        Assert.Equal((null, null, null, null), (cleared.PendingPolicyKey, cleared.PolicyKey, cleared.PolicyId, cleared.PolicyVersion));
    }

    [Fact]
    public async Task ConfirmPolicyKey_TwoAcknowledgementsOfOneDownload_ExactlyOneWins()
    {
        User user = await NewUserAsync();
        Policy policy = await Policies.SaveAsync("Race-" + Guid.NewGuid().ToString("N"), "{}", false, None);
        Device device = await Devices.TouchDeviceAsync(user.Id, "RACE", "Android", "UA", "16.1", None);
        await Devices.SetPendingPolicyKeyAsync(device.Id, 5, None);

        bool[] won = await Task.WhenAll(
            Task.Run(() => Devices.ConfirmPolicyKeyAsync(device.Id, 5, 6, policy.Id, policy.Version, None)),
            Task.Run(() => Devices.ConfirmPolicyKeyAsync(device.Id, 5, 7, policy.Id, policy.Version, None)));

        Assert.Single(won, w => w);
        Assert.Equal(won[0] ? 6u : 7u, (await ReadDeviceAsync(user.Id, "RACE")).PolicyKey);
    }

    [Fact]
    public async Task PolicyKeys_UnknownDeviceOrPolicyOrZeroKey_AreRefused()
    {
        User user = await NewUserAsync();
        Device device = await Devices.TouchDeviceAsync(user.Id, "BAD", "Android", "UA", "16.1", None);
        await Devices.SetPendingPolicyKeyAsync(device.Id, 1, None);

        await AssertRefused(MailboxErrorReason.ItemNotFound, () => Devices.SetPendingPolicyKeyAsync(long.MaxValue, 1, None));
        await AssertRefused(MailboxErrorReason.ItemNotFound, () => Devices.ConfirmPolicyKeyAsync(long.MaxValue, 1, 2, 1, 1, None));
        await AssertRefused(MailboxErrorReason.ItemNotFound, () => Devices.ClearPolicyKeysAsync(long.MaxValue, None));
        await AssertRefused(MailboxErrorReason.PolicyNotFound, () => Devices.ConfirmPolicyKeyAsync(device.Id, 1, 2, long.MaxValue, 1, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Devices.SetPendingPolicyKeyAsync(device.Id, 0, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Devices.ConfirmPolicyKeyAsync(device.Id, 1, 0, 1, 1, None));
        Assert.Equal(1u, (await ReadDeviceAsync(user.Id, "BAD")).PendingPolicyKey);
    }

    [Fact]
    public async Task SetDeviceInformation_RoundTrips_AndReplacesEveryField()
    {
        User user = await NewUserAsync();
        Device device = await Devices.TouchDeviceAsync(user.Id, "INFO", "iPhone", "UA", "16.1", None);
        Assert.Equal(DeviceInformation.None, device.Information);
        var full = new DeviceInformation("iPhone15,2", "356938035643809", "Ålice’s iPhone", "iOS 17.4", "de-CH", "+41 79 123 45 67", "Swisscom");

        await Devices.SetDeviceInformationAsync(device.Id, full, None);
        Assert.Equal(full, (await ReadDeviceAsync(user.Id, "INFO")).Information);
        Assert.Equal(full, (await Devices.TouchDeviceAsync(user.Id, "INFO", "iPhone", "UA", "16.1", None)).Information);

        await Devices.SetDeviceInformationAsync(device.Id, new DeviceInformation(Model: "Pixel 8", OS: "Android 14"), None);
        Assert.Equal(new DeviceInformation(Model: "Pixel 8", OS: "Android 14"), (await ReadDeviceAsync(user.Id, "INFO")).Information);

        await Assert.ThrowsAsync<ArgumentException>(() => Devices.SetDeviceInformationAsync(device.Id, new DeviceInformation(FriendlyName: new string('x', DeviceInformation.MaxFieldLength + 1)), None));
        await AssertRefused(MailboxErrorReason.ItemNotFound, () => Devices.SetDeviceInformationAsync(long.MaxValue, full, None));
    }

    [Fact]
    public async Task Migrate_From0003_KeepsDevicesAndPolicies_AndStartsDevicesUnprovisioned()
    {
        StorageOptions options = await Fixture.NewDatabaseAsync();
        ServiceProvider services = Fixture.BuildServices(options);
        PushboxDatabase database = services.GetRequiredService<PushboxDatabase>();
        SqlDialect dialect = database.Dialect;
        object now = dialect.ToDb(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        DbConnection connection = await database.OpenAsync(None);
        await using (connection)
        {
            await dialect.PrepareDatabaseAsync(connection, None);
            await connection.ExecuteAsync(dialect.MigrationsTableSql);
            foreach (Migration migration in Migration.Load(dialect.MigrationFolder).Where(m => m.Version <= 3))
            {
                await connection.ExecuteAsync(migration.Sql);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @Now)",
                    new { migration.Version, migration.Name, Now = now });
            }

            long userId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO users (address, address_key, password_hash, created_at) VALUES ('old@example.com', 'old@example.com', '$h', @Now) RETURNING id",
                new { Now = now });
            await connection.ExecuteAsync(
                "INSERT INTO devices (user_id, device_id, device_type, user_agent, protocol_version, protocol_log, first_seen, last_seen) " +
                "VALUES (@UserId, 'OLD', 'iPhone', 'Apple-iPhone/1', '16.1', @Log, @Now, @Now)",
                new { UserId = userId, Log = true, Now = now });
            await connection.ExecuteAsync("INSERT INTO policies (name, settings, updated_at) VALUES ('Legacy', '{\"x\":1}', @Now)", new { Now = now });
        }

        Assert.Equal(3, await database.GetSchemaVersionAsync(None));
        Assert.Equal(database.LatestSchemaVersion - 3, await database.MigrateAsync(None));

        User user = (await services.GetRequiredService<IDirectory>().FindUserAsync("old@example.com", None))!;
        Device device = (await services.GetRequiredService<IDeviceStore>().ListDevicesAsync(user.Id, None)).Single();
        Assert.Equal(("OLD", "Apple-iPhone/1", "16.1", true), (device.DeviceId, device.UserAgent, device.ProtocolVersion, device.ProtocolLog));
        Assert.Equal((null, null, null, null), (device.PendingPolicyKey, device.PolicyKey, device.PolicyId, device.PolicyVersion));
        Assert.Equal(DeviceInformation.None, device.Information);

        IPolicyStore policies = services.GetRequiredService<IPolicyStore>();
        Policy legacy = (await policies.GetAsync("LEGACY", None))!;
        Assert.Equal(("Legacy", "{\"x\":1}", 1L, false), (legacy.Name, legacy.SettingsJson, legacy.Version, legacy.AllowNonProvisionableDevices));
        Assert.Equal(2L, (await policies.SaveAsync("legacy", "{}", true, None)).Version);
    }

    // ---------------------------------------------------------------- provisioning helpers

    /// <summary>The stores over a new, migrated database, for tests that depend on which policy is the default.</summary>
    private async Task<(IPolicyStore Policies, IDirectory Directory, IDeviceStore Devices)> FreshProvisioningAsync()
    {
        ServiceProvider services = await Fixture.CreateServicesAsync();
        await services.GetRequiredService<PushboxDatabase>().MigrateAsync(None);
        return (services.GetRequiredService<IPolicyStore>(), services.GetRequiredService<IDirectory>(), services.GetRequiredService<IDeviceStore>());
    }

    /// <summary>Re-reads one device of the user.</summary>
    private async Task<Device> ReadDeviceAsync(long userId, string deviceId) =>
        (await Devices.ListDevicesAsync(userId, None)).Single(d => d.DeviceId == deviceId);
}
