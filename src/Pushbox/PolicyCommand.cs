using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Policies;
using Pushbox.Protocol.Commands.Provision;

namespace Pushbox;

/// <summary>
/// <c>pushbox policy list|show|new|set|default|assign|remove</c>: Exchange ActiveSync mailbox policies.
/// Settings are the EASProvisionDoc setting names (MS-ASPROV), given as a JSON object or as
/// <c>Setting=Value</c> pairs, validated before they are stored; every change raises the policy's version, which makes its devices provision again.
/// </summary>
internal static class PolicyCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static Command Create()
    {
        var command = new Command("policy", "Manage mailbox policies: password, encryption, attachment and device rules that phones must accept.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(New());
        command.Subcommands.Add(Set());
        command.Subcommands.Add(Default());
        command.Subcommands.Add(Assign());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Argument<string> NameArgument() => new("NAME") { Description = "The policy's name." };

    private static Command List()
    {
        var command = new Command("list", "List policies.");
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            IReadOnlyList<Policy> policies = await services.GetRequiredService<IPolicyStore>().ListAsync(ct);
            Console.Write(TextTable.Format(
                ["NAME", "DEFAULT", "VERSION", "NON-PROVISIONABLE DEVICES", "UPDATED"],
                policies.Select(p => (IReadOnlyList<string>)
                [
                    p.Name, p.IsDefault ? "yes" : string.Empty, p.Version.ToString(CultureInfo.InvariantCulture),
                    p.AllowNonProvisionableDevices ? "allowed" : "refused", p.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                ])));
            Console.WriteLine($"{policies.Count} policy(ies)");
            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var name = NameArgument();
        var command = new Command("show", "Print a policy's settings as JSON (every setting, with the defaults filled in).") { name };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            Policy? policy = await services.GetRequiredService<IPolicyStore>().GetAsync(parse.GetValue(name)!, ct);
            if (policy is null)
            {
                return await CliContext.Error($"there is no policy {parse.GetValue(name)}");
            }

            Console.WriteLine(JsonSerializer.Serialize(Parse(policy.SettingsJson), Json));
            return 0;
        }));
        return command;
    }

    private static Command New()
    {
        var name = NameArgument();
        var command = new Command("new", "Create a policy with the permissive defaults; change it with policy set.") { name };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            var store = services.GetRequiredService<IPolicyStore>();
            string policyName = parse.GetValue(name)!;
            if (await store.GetAsync(policyName, ct) is not null)
            {
                return await CliContext.Error($"there is a policy {policyName} already");
            }

            Policy saved = await store.SaveAsync(policyName, JsonSerializer.Serialize(new EasProvisionDoc(), Json), false, ct);
            Console.WriteLine($"Created policy {saved.Name}.");
            return 0;
        }));
        return command;
    }

    private static Command Set()
    {
        var name = NameArgument();
        var changes = new Argument<string[]>("SETTING=VALUE")
        {
            Description = "Settings to change, e.g. MinDevicePasswordLength=8 AllowCamera=false ApprovedApplicationList=a,b; the others keep their values.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var settings = new Option<string?>("--settings") { Description = "A JSON file (or - for standard input) with EASProvisionDoc settings, e.g. {\"DevicePasswordEnabled\": true, \"MinDevicePasswordLength\": 6}. Unnamed settings take their permissive defaults." };
        var allow = new Option<bool?>("--allow-non-provisionable") { Description = "Whether devices that cannot apply every setting may still synchronise (default: refused)." };
        var makeDefault = new Option<bool>("--default") { Description = "Make this the policy of every user who has none assigned." };
        var command = new Command("set", "Create or change a policy; its devices provision again at their next request.") { name, changes, settings, allow, makeDefault };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            var store = services.GetRequiredService<IPolicyStore>();
            string policyName = parse.GetValue(name)!;
            Policy? existing = await store.GetAsync(policyName, ct);
            EasProvisionDoc doc;
            if (parse.GetValue(settings) is { } path)
            {
                string text = path == "-" ? await Console.In.ReadToEndAsync(ct) : await File.ReadAllTextAsync(path, ct);
                try
                {
                    doc = Parse(text);
                }
                catch (JsonException e)
                {
                    string source = path == "-" ? "standard input" : path;
                    string setting = e.Path?.TrimStart('$', '.') ?? string.Empty;
                    return await CliContext.Error(
                        e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? $"{source}: unknown setting {setting} (the names are MS-ASPROV's EASProvisionDoc settings)"
                        : setting.Length > 0 ? $"{source}: the value of {setting} has the wrong type"
                        : $"{source}: not a JSON object of policy settings (line {e.LineNumber + 1})");
                }
            }
            else
            {
                doc = existing is null ? new EasProvisionDoc() : Parse(existing.SettingsJson);
            }

            if (parse.GetValue(changes) is { Length: > 0 } pairs)
            {
                JsonObject current = JsonSerializer.SerializeToNode(doc, Json)!.AsObject();
                foreach (string pair in pairs)
                {
                    int equals = pair.IndexOf('=', StringComparison.Ordinal);
                    string key = equals > 0 ? pair[..equals] : pair;
                    string? setting = current.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                    if (equals <= 0 || setting is null)
                    {
                        return await CliContext.Error(equals <= 0 ? $"'{pair}' is not Setting=Value" : $"unknown setting {key} (the names are MS-ASPROV's EASProvisionDoc settings)");
                    }

                    current[setting] = SettingValue(current[setting], pair[(equals + 1)..]);
                }

                try
                {
                    doc = Parse(current.ToJsonString());
                }
                catch (JsonException e)
                {
                    return await CliContext.Error($"the value of {e.Path?.TrimStart('$', '.')} has the wrong type");
                }
            }

            try
            {
                doc.Validate();
            }
            catch (ArgumentException e)
            {
                return await CliContext.Error($"invalid setting {e.ParamName}: {CliContext.Describe(e)}");
            }

            bool allowNonProvisionable = parse.GetValue(allow) ?? existing?.AllowNonProvisionableDevices ?? false;
            Policy saved = await store.SaveAsync(policyName, JsonSerializer.Serialize(doc, Json), allowNonProvisionable, ct);
            if (parse.GetValue(makeDefault))
            {
                await store.SetDefaultAsync(saved.Name, ct);
            }

            Console.WriteLine($"Saved policy {saved.Name}, version {saved.Version}{(parse.GetValue(makeDefault) ? ", the default" : string.Empty)}.");
            return 0;
        }));
        return command;
    }

    private static Command Default()
    {
        var name = new Argument<string?>("NAME") { Description = "The policy every user without an assigned one gets.", Arity = ArgumentArity.ZeroOrOne };
        var none = new Option<bool>("--none") { Description = "No default policy: users without an assigned policy get none." };
        var command = new Command("default", "Set or clear the default policy.") { name, none };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            string? policyName = parse.GetValue(none) ? null : parse.GetValue(name);
            if (policyName is null && !parse.GetValue(none))
            {
                return await CliContext.Error("name a policy, or pass --none");
            }

            await services.GetRequiredService<IPolicyStore>().SetDefaultAsync(policyName, ct);
            Console.WriteLine(policyName is null ? "There is no default policy now." : $"{policyName} is the default policy.");
            return 0;
        }));
        return command;
    }

    private static Command Assign()
    {
        var name = new Argument<string>("NAME") { Description = "The policy (with --none, the first user's address instead)." };
        var emails = new Argument<string[]>("EMAIL") { Description = "The users' addresses (or aliases).", Arity = ArgumentArity.ZeroOrMore };
        var none = new Option<bool>("--none") { Description = "Remove the users' own policy: the default applies. Every argument is then an address." };
        var command = new Command("assign", "Give users a policy of their own: policy assign NAME EMAIL..., or policy assign --none EMAIL....") { name, emails, none };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            bool removing = parse.GetValue(none);
            string? policyName = removing ? null : parse.GetValue(name)!;
            string[] addresses = removing ? [parse.GetValue(name)!, .. parse.GetValue(emails)!] : parse.GetValue(emails)!;
            if (addresses.Length == 0)
            {
                return await CliContext.Error("name at least one user after the policy");
            }

            var store = services.GetRequiredService<IPolicyStore>();
            if (policyName is not null && await store.GetAsync(policyName, ct) is null)
            {
                return await CliContext.Error($"there is no policy {policyName}");
            }

            // Every address is resolved before anything changes, so a typo assigns nobody rather than some.
            var users = new List<Mailbox.Users.User>();
            foreach (string address in addresses)
            {
                if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), address, ct) is not { } user)
                {
                    return CliContext.ExitFailure;
                }

                users.Add(user);
            }

            foreach (Mailbox.Users.User user in users)
            {
                await store.AssignAsync(user.Id, policyName, ct);
                Policy? effective = await store.GetEffectiveAsync(user.Id, ct);
                Console.WriteLine($"{user.Address} now has {(effective is null ? "no policy" : $"policy {effective.Name}")}.");
            }

            return 0;
        }));
        return command;
    }

    private static Command Remove()
    {
        var name = NameArgument();
        var command = new Command("remove", "Delete a policy that no user has and that is not the default.") { name };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            string policyName = parse.GetValue(name)!;
            if (!await services.GetRequiredService<IPolicyStore>().DeleteAsync(policyName, ct))
            {
                return await CliContext.Error($"there is no policy {policyName}");
            }

            Console.WriteLine($"Removed policy {policyName}.");
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// A command-line value as the setting's JSON: a list for a list setting (comma-separated), true or false (also
    /// 1 or 0) for a switch, a number or null as written, anything else a string; the deserialiser checks the type.
    /// </summary>
    private static JsonNode? SettingValue(JsonNode? current, string text)
    {
        if (current is JsonArray)
        {
            return new JsonArray([.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => (JsonNode?)JsonValue.Create(v))]);
        }

        if (current?.GetValueKind() is JsonValueKind.True or JsonValueKind.False && text is "1" or "0")
        {
            return JsonValue.Create(text == "1");
        }

        try
        {
            JsonNode? literal = JsonNode.Parse(text);
            return literal is JsonValue or null ? literal : JsonValue.Create(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static EasProvisionDoc Parse(string json) =>
        JsonSerializer.Deserialize<EasProvisionDoc>(json, Json) ?? new EasProvisionDoc();
}
