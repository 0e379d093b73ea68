using System.CommandLine;
using System.Globalization;
using Pushbox.Http.ProtocolLog;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Devices;

namespace Pushbox;

/// <summary>
/// <c>pushbox device list|log|show|recovery-password|allow|block|quarantine</c>: a user's phones, the per-device
/// protocol log administrators debug with, what a device said about itself, its recovery password, and whether each
/// device may synchronise.
/// </summary>
internal static class DeviceCommand
{
    public static Command Create()
    {
        var command = new Command("device", "Look at a user's devices, switch their protocol logs on or off, and allow, block or quarantine them.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Log());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(RecoveryPassword());
        command.Subcommands.Add(Access("allow", DeviceAccessState.Allowed, "Let a device synchronise again (takes effect at its next request)."));
        command.Subcommands.Add(Access("block", DeviceAccessState.Blocked, "Refuse every request of a device, Provision included (takes effect at its next request)."));
        command.Subcommands.Add(Access("quarantine", DeviceAccessState.Quarantined, "Refuse a device until an administrator allows or blocks it (takes effect at its next request)."));
        return command;
    }

    private static Command List()
    {
        var email = new Argument<string>("EMAIL") { Description = "The user's address (or one of their aliases)." };
        var command = new Command("list", "List a user's devices with type, protocol version and last contact.") { email };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            IReadOnlyList<Device> devices = await services.GetRequiredService<IDeviceStore>().ListDevicesAsync(user.Id, ct);
            Console.Write(TextTable.Format(
                ["DEVICE ID", "TYPE", "VERSION", "ACCESS", "LOG", "FIRST SEEN", "LAST SEEN", "USER AGENT"],
                devices.Select(d => (IReadOnlyList<string>)
                [
                    d.DeviceId, d.DeviceType, d.ProtocolVersion, d.AccessState.ToString(), d.ProtocolLog ? "on" : "off",
                    d.FirstSeen.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    d.LastSeen.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    d.UserAgent,
                ])));
            Console.WriteLine($"{devices.Count} device(s)");
            return 0;
        }));
        return command;
    }

    private static Command Log()
    {
        var email = new Argument<string>("EMAIL") { Description = "The user's address (or one of their aliases)." };
        var deviceId = new Argument<string>("DEVICEID") { Description = "The DeviceId, as `pushbox device list` shows it." };
        var state = new Argument<string>("on|off") { Description = "on: write every request and response of the device, decoded, to its log file; off: stop." };
        state.AcceptOnlyFromAmong("on", "off");
        var command = new Command("log", "Switch a device's protocol log on or off (takes effect at its next request; passwords are removed).") { email, deviceId, state };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            var store = services.GetRequiredService<IDeviceStore>();
            string id = parse.GetValue(deviceId)!;
            if (await FindDeviceAsync(store, user.Id, id, ct) is not { } device)
            {
                return await NoSuchDevice(user.Address, id);
            }

            bool on = parse.GetValue(state) == "on";
            await store.SetProtocolLogAsync(device.Id, on, ct);
            string data = CliContext.DataDirectory(parse);
            string path = new DeviceProtocolLog(data, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<DeviceProtocolLog>.Instance)
                .GetLogPath(user.Address, device.DeviceId) ?? Path.Combine(data, DeviceProtocolLog.FolderName);
            Console.WriteLine(on
                ? $"Logging every request of {device.DeviceId} ({user.Address}) to {path}."
                : $"Stopped logging {device.DeviceId} ({user.Address}); the log stays at {path}.");
            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var email = new Argument<string>("EMAIL") { Description = "The user's address (or one of their aliases)." };
        var deviceId = new Argument<string>("DEVICEID") { Description = "The DeviceId, as `pushbox device list` shows it." };
        var command = new Command("show", "Show what a device said about itself (Settings or Provision DeviceInformation) and whether it stored a recovery password.") { email, deviceId };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            string id = parse.GetValue(deviceId)!;
            if (await FindDeviceAsync(services.GetRequiredService<IDeviceStore>(), user.Id, id, ct) is not { } device)
            {
                return await NoSuchDevice(user.Address, id);
            }

            bool recovery = await services.GetRequiredService<IUserSettingsStore>().GetRecoveryPasswordAsync(device.Id, ct) is not null;
            DeviceInformation info = device.Information;
            Console.Write(TextTable.Format(
                ["FIELD", "VALUE"],
                [
                    ["Device ID", device.DeviceId], ["Type", device.DeviceType], ["User agent", device.UserAgent], ["Protocol", device.ProtocolVersion],
                    ["Model", info.Model ?? string.Empty], ["IMEI", info.Imei ?? string.Empty], ["Friendly name", info.FriendlyName ?? string.Empty],
                    ["OS", info.OS ?? string.Empty], ["OS language", info.OSLanguage ?? string.Empty], ["Phone number", info.PhoneNumber ?? string.Empty],
                    ["Mobile operator", info.MobileOperator ?? string.Empty], ["Recovery password", recovery ? "stored" : "none"],
                ]));
            return 0;
        }));
        return command;
    }

    private static Command RecoveryPassword()
    {
        var email = new Argument<string>("EMAIL") { Description = "The user's address (or one of their aliases)." };
        var deviceId = new Argument<string>("DEVICEID") { Description = "The DeviceId, as `pushbox device list` shows it." };
        var command = new Command("recovery-password", "Print the recovery password a device stored (Settings DevicePassword), to give to its user who is locked out of the device.") { email, deviceId };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            string id = parse.GetValue(deviceId)!;
            if (await FindDeviceAsync(services.GetRequiredService<IDeviceStore>(), user.Id, id, ct) is not { } device)
            {
                return await NoSuchDevice(user.Address, id);
            }

            if (await services.GetRequiredService<IUserSettingsStore>().GetRecoveryPasswordAsync(device.Id, ct) is not { } password)
            {
                return await CliContext.Error($"{device.DeviceId} ({user.Address}) has stored no recovery password");
            }

            Console.WriteLine(password);
            return 0;
        }));
        return command;
    }

    private static Command Access(string name, DeviceAccessState state, string description)
    {
        var email = new Argument<string>("EMAIL") { Description = "The user's address (or one of their aliases)." };
        var deviceId = new Argument<string>("DEVICEID") { Description = "The DeviceId, as `pushbox device list` shows it." };
        var command = new Command(name, description) { email, deviceId };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            var store = services.GetRequiredService<IDeviceStore>();
            string id = parse.GetValue(deviceId)!;
            if (await FindDeviceAsync(store, user.Id, id, ct) is not { } device)
            {
                return await NoSuchDevice(user.Address, id);
            }

            await store.SetAccessStateAsync(device.Id, state, ct);
            Console.WriteLine($"{device.DeviceId} ({user.Address}) is now {state} (was {device.AccessState}).");
            return 0;
        }));
        return command;
    }

    /// <summary>The user's device with this DeviceId, compared as `device list` prints it (case-insensitively); null when none.</summary>
    private static async Task<Device?> FindDeviceAsync(IDeviceStore store, long userId, string deviceId, CancellationToken ct) =>
        (await store.ListDevicesAsync(userId, ct)).FirstOrDefault(d => string.Equals(d.DeviceId, deviceId, StringComparison.OrdinalIgnoreCase));

    private static Task<int> NoSuchDevice(string address, string deviceId) =>
        CliContext.Error($"{address} has no device {deviceId} (see pushbox device list {address})");
}
