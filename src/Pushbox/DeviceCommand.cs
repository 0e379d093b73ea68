using System.CommandLine;
using System.Globalization;
using Pushbox.Http.ProtocolLog;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Policies;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pushbox;

/// <summary>
/// <c>pushbox device list|log|show|recovery-password|allow|block|quarantine|wipe|remove|rule</c>: users' phones, the
/// per-device protocol log administrators debug with, what a device said about itself and its recovery password, whether
/// each device may synchronise (per device, and by organisation-wide rules), remote wipe, and forgetting a device.
/// </summary>
internal static partial class DeviceCommand
{
    public static Command Create()
    {
        var command = new Command("device", "Look at a user's devices, switch their protocol logs on or off, and allow, block or quarantine them.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Log());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(RecoveryPassword());
        command.Subcommands.Add(Access("allow", DeviceAccessState.Allowed, "Let a device synchronise whatever the rules say; also lets a wiped device start over (takes effect at its next request)."));
        command.Subcommands.Add(Access("block", DeviceAccessState.Blocked, "Refuse every request of a device, Provision included, whatever the rules say (takes effect at its next request)."));
        command.Subcommands.Add(Access("quarantine", DeviceAccessState.Quarantined, "Let a device see only a quarantine notice until an administrator allows or blocks it (takes effect at its next request)."));
        command.Subcommands.Add(Wipe());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Rule());
        return command;
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private static Command List()
    {
        var email = new Argument<string?>("EMAIL") { Description = "The user's address (or one of their aliases); every user's devices when left out.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Write the devices as a JSON array instead of a table." };
        var command = new Command("list", "List devices with type, model, OS, protocol version, contacts, policy, access and wipe state.") { email, json };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            var directory = services.GetRequiredService<IDirectory>();
            var store = services.GetRequiredService<IDeviceStore>();
            IReadOnlyList<Device> devices;
            Dictionary<long, string> addresses;
            if (parse.GetValue(email) is { } address)
            {
                if (await CliContext.FindUserOrComplainAsync(directory, address, ct) is not { } user)
                {
                    return CliContext.ExitFailure;
                }

                devices = await store.ListDevicesAsync(user.Id, ct);
                addresses = new() { [user.Id] = user.Address };
            }
            else
            {
                devices = await store.ListAllDevicesAsync(ct);
                addresses = (await directory.ListUsersAsync(ct)).ToDictionary(u => u.Id, u => u.Address);
            }

            IReadOnlyList<Policy> policies = await services.GetRequiredService<IPolicyStore>().ListAsync(ct);
            DeviceAccessRules rules = await store.GetAccessRulesAsync(ct);
            var rows = new List<DeviceListing>(devices.Count);
            foreach (Device d in devices)
            {
                Policy? effective = await services.GetRequiredService<IPolicyStore>().GetEffectiveAsync(d.UserId, ct);
                rows.Add(new DeviceListing(
                    addresses.GetValueOrDefault(d.UserId, d.UserId.ToString(CultureInfo.InvariantCulture)),
                    d.DeviceId,
                    d.DeviceType,
                    d.Information.Model,
                    d.Information.OS,
                    d.ProtocolVersion,
                    d.FirstSeen,
                    d.LastSeen,
                    PolicyStatus(d, effective, policies),
                    rules.Decide(d),
                    d.AccessOverride is null ? "rules" : "device",
                    d.WipeState,
                    d.Wipe?.Kind,
                    d.Wipe?.RequestedAt,
                    d.Wipe?.SentAt,
                    d.Wipe?.AcknowledgedAt,
                    d.ProtocolLog,
                    d.UserAgent));
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows, Json));
                return 0;
            }

            Console.Write(TextTable.Format(
                ["USER", "DEVICE ID", "TYPE", "MODEL", "OS", "VERSION", "FIRST SEEN", "LAST SEEN", "POLICY", "ACCESS", "WIPE", "LOG"],
                rows.Select(r => (IReadOnlyList<string>)
                [
                    r.User, r.DeviceId, r.DeviceType, r.Model ?? "-", r.OS ?? "-", r.ProtocolVersion,
                    r.FirstSeen.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    r.LastSeen.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    r.Policy,
                    r.AccessSetBy == "device" ? $"{r.Access} (device)" : r.Access.ToString(),
                    r.Wipe == DeviceWipeState.None ? "-" : $"{r.Wipe} ({r.WipeKind})" + (r.WipeAcknowledgedAt is { } at ? at.ToString(" yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : string.Empty),
                    r.ProtocolLog ? "on" : "off",
                ])));
            Console.WriteLine($"{rows.Count} device(s)");
            return 0;
        }));
        return command;
    }

    /// <summary>The device's provisioning as an administrator reads it: the policy name with "current" or "outdated", "pending" mid-handshake, "none".</summary>
    private static string PolicyStatus(Device device, Policy? effective, IReadOnlyList<Policy> policies)
    {
        if (device.PolicyKey is null)
        {
            return device.PendingPolicyKey is null ? (effective is null ? "not required" : "not provisioned") : "pending acknowledgement";
        }

        string name = policies.FirstOrDefault(p => p.Id == device.PolicyId)?.Name ?? "deleted policy";
        bool current = effective is not null && device.PolicyId == effective.Id && device.PolicyVersion == effective.Version;
        return current ? $"{name} (current)" : $"{name} (outdated)";
    }

    private static Command Wipe()
    {
        Argument<string> email = EmailArgument();
        Argument<string> deviceId = DeviceIdArgument();
        var accountOnly = new Option<bool>("--account-only") { Description = "Erase only this account's data and credentials from the device (protocol 16.1 devices), not the whole device." };
        var command = new Command("wipe", "Order a remote wipe of a device: it is sent at the device's next request (at once to a device waiting in a Ping); afterwards the device is refused until removed or allowed.") { email, deviceId, accountOnly };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await FindAsync(services, parse.GetValue(email)!, parse.GetValue(deviceId)!, ct) is not ({ } user, { } device))
            {
                return CliContext.ExitFailure;
            }

            bool account = parse.GetValue(accountOnly);
            if (account && device.ProtocolVersion != "16.1")
            {
                return await CliContext.Error($"{device.DeviceId} speaks protocol {device.ProtocolVersion}; an account-only wipe needs 16.1 (order a full wipe, or wait until it speaks 16.1)");
            }

            await services.GetRequiredService<IDeviceStore>().RequestWipeAsync(device.Id, account ? RemoteWipeKind.AccountOnly : RemoteWipeKind.Full, ct);
            LogWipeOrdered(services.GetRequiredService<ILoggerFactory>().CreateLogger("Pushbox.Device"), account ? RemoteWipeKind.AccountOnly : RemoteWipeKind.Full, device.DeviceId, user.Address);
            Console.WriteLine($"{(account ? "Account-only wipe" : "Remote wipe")} of {device.DeviceId} ({user.Address}) ordered; it is sent at the device's next request (see pushbox device list {user.Address}).");
            return 0;
        }));
        return command;
    }

    private static Command Remove()
    {
        Argument<string> email = EmailArgument();
        Argument<string> deviceId = DeviceIdArgument();
        var command = new Command("remove", "Forget a device: its sync state, policy keys, wipe and access decision. At its next contact it starts over as a new device.") { email, deviceId };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await FindAsync(services, parse.GetValue(email)!, parse.GetValue(deviceId)!, ct) is not ({ } user, { } device))
            {
                return CliContext.ExitFailure;
            }

            await services.GetRequiredService<IDeviceStore>().DeleteDeviceAsync(device.Id, ct);
            Console.WriteLine($"Removed {device.DeviceId} ({user.Address}).");
            return 0;
        }));
        return command;
    }

    private static Command Rule()
    {
        var command = new Command("rule", "Organisation-wide device access: rules by DeviceType, model, User-Agent or OS, and the default access level. A device's own allow/block/quarantine takes precedence over the rules; among matching rules block beats quarantine beats allow; the default applies when no rule matches.");

        var characteristic = new Argument<string>("devicetype|model|useragent|os") { Description = "What the rule matches." };
        characteristic.AcceptOnlyFromAmong("devicetype", "model", "useragent", "os");
        var pattern = new Argument<string>("PATTERN") { Description = "The value, matched whole and ignoring case; a trailing * matches any value that starts with the rest." };
        var level = new Argument<string>("allow|block|quarantine") { Description = "The access level of matching devices." };
        level.AcceptOnlyFromAmong("allow", "block", "quarantine");
        var add = new Command("add", "Add a rule (or change the level of the rule with the same characteristic and pattern).") { characteristic, pattern, level };
        add.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            DeviceAccessRule rule = await services.GetRequiredService<IDeviceStore>().SaveAccessRuleAsync(
                ParseCharacteristic(parse.GetValue(characteristic)!), parse.GetValue(pattern)!, ParseLevel(parse.GetValue(level)!), ct);
            Console.WriteLine($"Rule {rule.Id}: {rule.Characteristic} {rule.Pattern} -> {rule.Access}.");
            return 0;
        }));

        var list = new Command("list", "List the rules and the default access level.");
        list.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            DeviceAccessRules rules = await services.GetRequiredService<IDeviceStore>().GetAccessRulesAsync(ct);
            Console.Write(TextTable.Format(
                ["ID", "MATCHES", "PATTERN", "ACCESS", "ADDED"],
                rules.Rules.Select(r => (IReadOnlyList<string>)
                [
                    r.Id.ToString(CultureInfo.InvariantCulture), r.Characteristic.ToString(), r.Pattern, r.Access.ToString(),
                    r.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                ])));
            Console.WriteLine($"{rules.Rules.Count} rule(s); default access: {rules.DefaultAccess}");
            return 0;
        }));

        var id = new Argument<long>("ID") { Description = "The rule's id, as `pushbox device rule list` shows it." };
        var remove = new Command("remove", "Remove a rule.") { id };
        remove.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
            await services.GetRequiredService<IDeviceStore>().RemoveAccessRuleAsync(parse.GetValue(id), ct)
                ? Done($"Removed rule {parse.GetValue(id)}.")
                : await CliContext.Error($"there is no rule {parse.GetValue(id)} (see pushbox device rule list)")));

        var defaultLevel = new Argument<string>("allow|block|quarantine") { Description = "The access level of devices no rule or per-device decision covers." };
        defaultLevel.AcceptOnlyFromAmong("allow", "block", "quarantine");
        var setDefault = new Command("default", "Set the access level of devices no rule or per-device decision covers (existing devices included, at their next request).") { defaultLevel };
        setDefault.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            DeviceAccessState access = ParseLevel(parse.GetValue(defaultLevel)!);
            await services.GetRequiredService<IDeviceStore>().SetDefaultAccessAsync(access, ct);
            return Done($"Default access: {access}.");
        }));

        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        command.Subcommands.Add(remove);
        command.Subcommands.Add(setDefault);
        return command;
    }

    private static int Done(string message)
    {
        Console.WriteLine(message);
        return 0;
    }

    private static DeviceCharacteristic ParseCharacteristic(string value) => value switch
    {
        "devicetype" => DeviceCharacteristic.DeviceType,
        "model" => DeviceCharacteristic.Model,
        "useragent" => DeviceCharacteristic.UserAgent,
        _ => DeviceCharacteristic.OS,
    };

    private static DeviceAccessState ParseLevel(string value) => value switch
    {
        "allow" => DeviceAccessState.Allowed,
        "block" => DeviceAccessState.Blocked,
        _ => DeviceAccessState.Quarantined,
    };

    private static Argument<string> EmailArgument() => new("EMAIL") { Description = "The user's address (or one of their aliases)." };

    private static Argument<string> DeviceIdArgument() => new("DEVICEID") { Description = "The DeviceId, as `pushbox device list` shows it." };

    /// <summary>The user and their device, or an error line and nulls.</summary>
    private static async Task<(Mailbox.Users.User? User, Device? Device)> FindAsync(IServiceProvider services, string address, string deviceId, CancellationToken ct)
    {
        if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), address, ct) is not { } user)
        {
            return (null, null);
        }

        if (await FindDeviceAsync(services.GetRequiredService<IDeviceStore>(), user.Id, deviceId, ct) is not { } device)
        {
            await NoSuchDevice(user.Address, deviceId);
            return (user, null);
        }

        return (user, device);
    }

    private static Command Log()
    {
        Argument<string> email = EmailArgument();
        Argument<string> deviceId = DeviceIdArgument();
        var state = new Argument<string>("on|off") { Description = "on: write every request and response of the device, decoded, to its log file; off: stop." };
        state.AcceptOnlyFromAmong("on", "off");
        var command = new Command("log", "Switch a device's protocol log on or off (takes effect at its next request; passwords are removed).") { email, deviceId, state };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await FindAsync(services, parse.GetValue(email)!, parse.GetValue(deviceId)!, ct) is not ({ } user, { } device))
            {
                return CliContext.ExitFailure;
            }

            var store = services.GetRequiredService<IDeviceStore>();

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
        Argument<string> email = EmailArgument();
        Argument<string> deviceId = DeviceIdArgument();
        var command = new Command("show", "Show what a device said about itself (Settings or Provision DeviceInformation) and whether it stored a recovery password.") { email, deviceId };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await FindAsync(services, parse.GetValue(email)!, parse.GetValue(deviceId)!, ct) is not ({ } user, { } device))
            {
                return CliContext.ExitFailure;
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
        Argument<string> email = EmailArgument();
        Argument<string> deviceId = DeviceIdArgument();
        var command = new Command("recovery-password", "Print the recovery password a device stored (Settings DevicePassword), to give to its user who is locked out of the device.") { email, deviceId };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await FindAsync(services, parse.GetValue(email)!, parse.GetValue(deviceId)!, ct) is not ({ } user, { } device))
            {
                return CliContext.ExitFailure;
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
        Argument<string> email = EmailArgument();
        Argument<string> deviceId = DeviceIdArgument();
        var command = new Command(name, description) { email, deviceId };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await FindAsync(services, parse.GetValue(email)!, parse.GetValue(deviceId)!, ct) is not ({ } user, { } device))
            {
                return CliContext.ExitFailure;
            }

            var store = services.GetRequiredService<IDeviceStore>();

            await store.SetAccessOverrideAsync(device.Id, state, ct);
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

    [LoggerMessage(EventId = 2510, Level = LogLevel.Warning, Message = "Remote wipe ({Kind}) ordered for device {DeviceId} of {User}")]
    private static partial void LogWipeOrdered(ILogger logger, RemoteWipeKind kind, string deviceId, string user);
}
