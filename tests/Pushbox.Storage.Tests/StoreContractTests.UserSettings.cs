using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.OutOfOffice;
using Pushbox.Mailbox.Users;

namespace Pushbox.Storage.Tests;

/// <summary>
/// The IUserSettingsStore contract: Out of Office settings with their generations and the once-per-sender reply
/// record, and devices' recovery passwords (sealed at rest, readable back only for their device).
/// </summary>
public abstract partial class StoreContractTests
{
    private static readonly OofSettings Away = OofSettings.Off with
    {
        Mode = OofMode.Scheduled,
        Start = new DateTimeOffset(2030, 7, 1, 8, 0, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2030, 7, 15, 17, 30, 0, TimeSpan.Zero),
        Internal = new OofReply(true, "Back on the 15th.", false),
        ExternalUnknown = new OofReply(true, "<p>Away — back on the 15th.</p>", true),
    };

    private IUserSettingsStore UserSettings => Fixture.Services.GetRequiredService<IUserSettingsStore>();

    [Fact]
    public async Task GetOof_NeverSet_IsOff()
    {
        User user = await NewUserAsync();

        Assert.Equal(OofSettings.Off, await UserSettings.GetOofAsync(user.Id, None));
    }

    [Fact]
    public async Task SetOof_RoundTrips_AndEverySaveIsANewGeneration()
    {
        User user = await NewUserAsync();

        OofSettings first = await UserSettings.SetOofAsync(user.Id, Away, None);
        OofSettings read = await UserSettings.GetOofAsync(user.Id, None);
        OofSettings second = await UserSettings.SetOofAsync(user.Id, Away with { Mode = OofMode.On, Start = null, End = null }, None);

        Assert.Equal(Away with { Generation = first.Generation }, read);
        Assert.True(first.Generation > 0);
        Assert.True(second.Generation > first.Generation);
        Assert.Equal(OofMode.On, (await UserSettings.GetOofAsync(user.Id, None)).Mode);
    }

    [Fact]
    public async Task SetOof_Inconsistent_IsRefused()
    {
        User user = await NewUserAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => UserSettings.SetOofAsync(user.Id, Away with { Mode = OofMode.On }, None));
        await Assert.ThrowsAsync<ArgumentException>(() => UserSettings.SetOofAsync(user.Id, Away with { End = Away.Start }, None));
        await AssertRefused(MailboxErrorReason.UserNotFound, () => UserSettings.SetOofAsync(long.MaxValue, Away, None));
    }

    [Fact]
    public async Task TryRecordOofReply_IsTrueOncePerSenderAndGeneration_AndASaveStartsOver()
    {
        User user = await NewUserAsync();
        OofSettings saved = await UserSettings.SetOofAsync(user.Id, Away, None);

        Assert.True(await UserSettings.TryRecordOofReplyAsync(user.Id, saved.Generation, "bob@remote.test", None));
        Assert.False(await UserSettings.TryRecordOofReplyAsync(user.Id, saved.Generation, "BOB@Remote.Test", None));
        Assert.True(await UserSettings.TryRecordOofReplyAsync(user.Id, saved.Generation, "carol@remote.test", None));

        OofSettings changed = await UserSettings.SetOofAsync(user.Id, saved, None);
        Assert.False(await UserSettings.TryRecordOofReplyAsync(user.Id, saved.Generation, "dave@remote.test", None)); // a stale generation
        Assert.True(await UserSettings.TryRecordOofReplyAsync(user.Id, changed.Generation, "bob@remote.test", None));
        Assert.Equal(1, await Fixture.ScalarAsync("SELECT COUNT(*) FROM oof_replies WHERE user_id = @Id", new { user.Id })); // older generations are gone
    }

    [Fact]
    public async Task TryRecordOofReply_RacingDeliveries_OnlyOneWins()
    {
        User user = await NewUserAsync();
        OofSettings saved = await UserSettings.SetOofAsync(user.Id, Away, None);

        bool[] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => UserSettings.TryRecordOofReplyAsync(user.Id, saved.Generation, "bob@remote.test", None))));

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task RecoveryPassword_IsSealedAtRest_ReadsBack_AndClears()
    {
        User user = await NewUserAsync();
        Device device = await Devices.TouchDeviceAsync(user.Id, "RECOVERY" + Guid.NewGuid().ToString("N")[..8], "Phone", "UA", "16.1", None);
        const string password = "correct horse battery staple";

        Assert.Null(await UserSettings.GetRecoveryPasswordAsync(device.Id, None));
        await UserSettings.SetRecoveryPasswordAsync(device.Id, password, None);

        Assert.Equal(password, await UserSettings.GetRecoveryPasswordAsync(device.Id, None));
        IReadOnlyList<string> clear = await Fixture.QueryStringsAsync("SELECT device_id FROM device_recovery_passwords WHERE device_id = @Id", new { device.Id });
        Assert.Single(clear);
        Assert.Equal(0, await Fixture.ScalarAsync(
            Fixture.Provider == StorageProvider.Sqlite
                ? "SELECT COUNT(*) FROM device_recovery_passwords WHERE instr(CAST(sealed AS TEXT), @P) > 0"
                : "SELECT COUNT(*) FROM device_recovery_passwords WHERE position(convert_to(@P, 'UTF8') in sealed) > 0",
            new { P = password }));

        await UserSettings.SetRecoveryPasswordAsync(device.Id, string.Empty, None);
        Assert.Null(await UserSettings.GetRecoveryPasswordAsync(device.Id, None));
        await AssertRefused(MailboxErrorReason.ItemNotFound, () => UserSettings.SetRecoveryPasswordAsync(long.MaxValue, password, None));
    }

    [Fact]
    public async Task RecoveryPassword_CopiedToAnotherDevice_DoesNotOpen()
    {
        User user = await NewUserAsync();
        Device first = await Devices.TouchDeviceAsync(user.Id, "FIRST" + Guid.NewGuid().ToString("N")[..8], "Phone", "UA", "16.1", None);
        Device second = await Devices.TouchDeviceAsync(user.Id, "SECOND" + Guid.NewGuid().ToString("N")[..8], "Phone", "UA", "16.1", None);
        await UserSettings.SetRecoveryPasswordAsync(first.Id, "first-secret", None);
        await UserSettings.SetRecoveryPasswordAsync(second.Id, "second-secret", None);

        await Fixture.ScalarAsync(
            "UPDATE device_recovery_passwords SET sealed = (SELECT sealed FROM device_recovery_passwords WHERE device_id = @First) WHERE device_id = @Second",
            new { First = first.Id, Second = second.Id });

        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => UserSettings.GetRecoveryPasswordAsync(second.Id, None));
    }
}
