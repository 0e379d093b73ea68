using System.CommandLine;
using System.Globalization;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Quotas;
using Pushbox.Mailbox.OutOfOffice;
using Pushbox.Mailbox.Users;

namespace Pushbox;

/// <summary><c>pushbox user …</c>: add, list, change and remove users; bulk import from CSV. Works while the server runs.</summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var command = new Command("user", "Manage users: their addresses, passwords and aliases.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Passwd());
        command.Subcommands.Add(Alias());
        command.Subcommands.Add(SetEnabled("disable", enabled: false, "Stop a user from signing in (their mail is still accepted)."));
        command.Subcommands.Add(SetEnabled("enable", enabled: true, "Let a disabled user sign in again."));
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Oof());
        foreach (Command directory in UserDirectoryCommands.Create())
        {
            command.Subcommands.Add(directory);
        }

        return command;
    }

    private static Argument<string> EmailArgument() => new("EMAIL") { Description = "The user's address (or one of their aliases)." };

    private static Command Add()
    {
        var email = new Argument<string>("EMAIL") { Description = "The new user's primary address." };
        var name = new Option<string?>("--name") { Description = "Display name." };
        var fromStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input instead of prompting." };
        var command = new Command("add", "Add a user with the standard folders.") { email, name, fromStdin };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            string address = EmailAddress.Normalize(parse.GetValue(email)!);
            string? password = await PasswordInput.ReadAsync(parse.GetValue(fromStdin), confirm: true, ct);
            if (password is null)
            {
                return CliContext.ExitFailure;
            }

            string hash = await Task.Run(() => PasswordHasher.Hash(password), ct);
            User user = await services.GetRequiredService<IDirectory>().CreateUserAsync(new NewUser(address, parse.GetValue(name) ?? string.Empty, hash), ct);
            Console.WriteLine($"Added {user.Address}.");
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List users.");
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            IReadOnlyList<User> users = await services.GetRequiredService<IDirectory>().ListUsersAsync(ct);
            Dictionary<long, MailboxUsage> usage = (await services.GetRequiredService<IMailboxStore>().ListMailboxUsageAsync(ct)).ToDictionary(u => u.UserId);
            var quotas = services.GetRequiredService<MailboxQuotas>();
            string Size(User u) => usage.TryGetValue(u.Id, out MailboxUsage? m) ? QuotaLimit.FormatBytes(m.Bytes) : "0B";
            string Quota(User u) => usage.TryGetValue(u.Id, out MailboxUsage? m) ? UserDirectoryCommands.QuotaStateText(quotas.StatusOf(m).Level) : "normal";
            Console.Write(TextTable.Format(
                ["ADDRESS", "NAME", "STATE", "ALIASES", "SIZE", "QUOTA", "CREATED"],
                users.Select(u => (IReadOnlyList<string>)
                [
                    u.Address, u.DisplayName, u.Enabled ? "enabled" : "disabled", string.Join(", ", u.Aliases), Size(u), Quota(u),
                    u.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ])));
            Console.WriteLine($"{users.Count} user(s)");
            return 0;
        }));
        return command;
    }

    private static Command Passwd()
    {
        var email = EmailArgument();
        var fromStdin = new Option<bool>("--password-stdin") { Description = "Read the new password from the first line of standard input." };
        var command = new Command("passwd", "Set a user's password; devices signed in with the old one are refused from their next request.") { email, fromStdin };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            var directory = services.GetRequiredService<IDirectory>();
            if (await CliContext.FindUserOrComplainAsync(directory, parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            string? password = await PasswordInput.ReadAsync(parse.GetValue(fromStdin), confirm: true, ct);
            if (password is null)
            {
                return CliContext.ExitFailure;
            }

            string hash = await Task.Run(() => PasswordHasher.Hash(password), ct);
            await directory.SetPasswordHashAsync(user.Id, hash, ct);
            Console.WriteLine($"Changed the password of {user.Address}.");
            return 0;
        }));
        return command;
    }

    private static Command Alias()
    {
        var command = new Command("alias", "Add or remove further addresses that deliver to a user.");
        foreach (bool add in new[] { true, false })
        {
            var email = EmailArgument();
            var alias = new Argument<string>("ALIAS") { Description = "The alias address." };
            var sub = new Command(add ? "add" : "remove", add ? "Add an alias." : "Remove an alias.") { email, alias };
            sub.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
            {
                var directory = services.GetRequiredService<IDirectory>();
                if (await CliContext.FindUserOrComplainAsync(directory, parse.GetValue(email)!, ct) is not { } user)
                {
                    return CliContext.ExitFailure;
                }

                string aliasAddress = EmailAddress.Normalize(parse.GetValue(alias)!);
                if (add)
                {
                    await directory.AddAliasAsync(user.Id, aliasAddress, ct);
                    Console.WriteLine($"{aliasAddress} now delivers to {user.Address}.");
                    return 0;
                }

                if (!await directory.RemoveAliasAsync(user.Id, aliasAddress, ct))
                {
                    return await CliContext.Error($"{user.Address} has no alias {aliasAddress}");
                }

                Console.WriteLine($"Removed the alias {aliasAddress} of {user.Address}.");
                return 0;
            }));
            command.Subcommands.Add(sub);
        }

        return command;
    }

    private static Command SetEnabled(string verb, bool enabled, string description)
    {
        var email = EmailArgument();
        var command = new Command(verb, description) { email };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            var directory = services.GetRequiredService<IDirectory>();
            if (await CliContext.FindUserOrComplainAsync(directory, parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            await directory.SetEnabledAsync(user.Id, enabled, ct);
            Console.WriteLine($"{user.Address} is {(enabled ? "enabled" : "disabled")}.");
            return 0;
        }));
        return command;
    }

    private static Command Remove()
    {
        var email = EmailArgument();
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (needed when not on a terminal)." };
        var command = new Command("remove", "Remove a user with all their mail, folders and devices.") { email, yes };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            var directory = services.GetRequiredService<IDirectory>();
            if (await CliContext.FindUserOrComplainAsync(directory, parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            if (!parse.GetValue(yes))
            {
                if (Console.IsInputRedirected)
                {
                    return await CliContext.Error($"removing {user.Address} deletes all their mail: confirm with --yes");
                }

                Console.Error.Write($"Remove {user.Address} and all their mail? [y/N] ");
                string? answer = Console.ReadLine();
                if (!string.Equals(answer?.Trim(), "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
                {
                    return await CliContext.Error("not removed");
                }
            }

            await directory.DeleteUserAsync(user.Id, ct);
            Console.WriteLine($"Removed {user.Address}.");
            return 0;
        }));
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = "A CSV file with the columns email,password,name (- for standard input)." };
        var command = new Command("import", "Add many users from a CSV file; broken lines are reported and the rest are added.") { file };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            var directory = services.GetRequiredService<IDirectory>();
            string path = parse.GetValue(file)!;
            using TextReader reader = path == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(path);
            var rows = new List<UserCsvRow>();
            await foreach (UserCsvRow row in UserCsv.ReadAsync(reader, ct))
            {
                rows.Add(row);
            }

            // Hash on every core: the hash is deliberately slow.
            var hashes = new string?[rows.Count];
            await Parallel.ForAsync(0, rows.Count, ct, (i, _) =>
            {
                hashes[i] = rows[i].Error is null ? PasswordHasher.Hash(rows[i].Password) : null;
                return ValueTask.CompletedTask;
            });

            int added = 0, failed = 0;
            for (int i = 0; i < rows.Count; i++)
            {
                UserCsvRow row = rows[i];
                string? error = row.Error;
                if (error is null)
                {
                    try
                    {
                        await directory.CreateUserAsync(new NewUser(row.Address, row.DisplayName, hashes[i]!), ct);
                        added++;
                        continue;
                    }
                    catch (MailboxException e)
                    {
                        error = $"line {row.Line}: {e.Message}";
                    }
                }

                failed++;
                await Console.Error.WriteLineAsync($"pushbox: {path}: {error}");
            }

            Console.WriteLine($"Added {added} user(s){(failed > 0 ? $"; {failed} line(s) refused" : string.Empty)}.");
            return failed > 0 ? CliContext.ExitFailure : 0;
        }));
        return command;
    }

    private static Command Oof()
    {
        var email = EmailArgument();
        var on = new Option<bool>("--on") { Description = "Reply automatically until turned off." };
        var off = new Option<bool>("--off") { Description = "Stop replying automatically." };
        var schedule = new Option<string[]>("--schedule")
        {
            Description = "Reply between START and END (ISO 8601, e.g. 2026-12-20T08:00Z 2027-01-04T08:00Z; without an offset, UTC).",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var message = new Option<string?>("--message") { Description = "The plain-text reply, for every audience (colleagues and outside senders)." };
        var command = new Command("oof", "Show or set a user's Out of Office reply (what phones set with the Settings command).") { email, on, off, schedule, message };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            var store = services.GetRequiredService<IUserSettingsStore>();
            OofSettings current = await store.GetOofAsync(user.Id, ct);
            string[]? period = parse.GetValue(schedule);
            string? text = parse.GetValue(message);
            int modes = (parse.GetValue(on) ? 1 : 0) + (parse.GetValue(off) ? 1 : 0) + (period is { Length: > 0 } ? 1 : 0);
            if (modes > 1)
            {
                return await CliContext.Error("Give one of --on, --off and --schedule.");
            }

            if (modes == 0 && text is null)
            {
                PrintOof(user.Address, current);
                return 0;
            }

            OofSettings updated = current;
            if (parse.GetValue(on))
            {
                updated = updated with { Mode = OofMode.On, Start = null, End = null };
            }
            else if (parse.GetValue(off))
            {
                updated = updated with { Mode = OofMode.Off, Start = null, End = null };
            }
            else if (period is [string startText, string endText])
            {
                if (!TryParseTime(startText, out DateTimeOffset start) || !TryParseTime(endText, out DateTimeOffset end))
                {
                    return await CliContext.Error("--schedule takes two ISO 8601 times, e.g. 2026-12-20T08:00Z 2027-01-04T08:00Z.");
                }

                if (end <= start)
                {
                    return await CliContext.Error("The end of the schedule must come after its start.");
                }

                updated = updated with { Mode = OofMode.Scheduled, Start = start, End = end };
            }

            if (text is not null)
            {
                if (text.Length > OofReply.MaxMessageLength)
                {
                    return await CliContext.Error($"The message has more than {OofReply.MaxMessageLength} characters.");
                }

                var reply = new OofReply(Enabled: text.Length > 0, text, IsHtml: false);
                updated = updated with { Internal = reply, ExternalKnown = reply, ExternalUnknown = reply };
            }

            OofSettings saved = await store.SetOofAsync(user.Id, updated, ct);
            PrintOof(user.Address, saved);
            return 0;
        }));
        return command;
    }

    private static bool TryParseTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    private static void PrintOof(string address, OofSettings oof)
    {
        string state = oof.Mode switch
        {
            OofMode.On => "on",
            OofMode.Scheduled => string.Create(CultureInfo.InvariantCulture, $"scheduled from {oof.Start:yyyy-MM-dd HH:mm}Z to {oof.End:yyyy-MM-dd HH:mm}Z"),
            _ => "off",
        };
        Console.WriteLine($"Out of Office of {address}: {state}.");
        foreach ((string audience, OofReply reply) in new[] { ("Internal", oof.Internal), ("External (known)", oof.ExternalKnown), ("External (unknown)", oof.ExternalUnknown) })
        {
            string format = reply.IsHtml ? "HTML" : "text";
            Console.WriteLine($"  {audience}: {(reply.Enabled ? "replies" : "no reply")}{(reply.Message.Length > 0 ? $" ({format}): {reply.Message}" : string.Empty)}");
        }
    }
}
