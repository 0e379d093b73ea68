using System.CommandLine;
using System.Globalization;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Quotas;
using Pushbox.Mailbox.Users;

namespace Pushbox;

/// <summary>
/// The global address list side of <c>pushbox user</c>: <c>set</c> (display name and profile fields),
/// mailbox limits (<c>--issue-warning-quota</c>, <c>--prohibit-send-quota</c>, <c>--prohibit-send-receive-quota</c>),
/// <c>show</c> (with the mailbox size, limits and quota state), <c>picture</c> (set or remove the picture) and <c>cert</c> (the S/MIME certificates that
/// ResolveRecipients hands out).
/// </summary>
internal static class UserDirectoryCommands
{
    private static readonly Dictionary<string, string> PictureTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".gif"] = "image/gif",
    };

    public static IEnumerable<Command> Create() => [Set(), Show(), Picture(), Certificate()];

    private static Argument<string> EmailArgument() => new("EMAIL") { Description = "The user's address (or one of their aliases)." };

    private static Command Set()
    {
        var email = EmailArgument();
        var name = new Option<string?>("--name") { Description = "Display name." };
        Option<string?>[] fields =
        [
            new("--first-name") { Description = "First name." },
            new("--last-name") { Description = "Last name." },
            new("--title") { Description = "Job title." },
            new("--company") { Description = "Company." },
            new("--office") { Description = "Office." },
            new("--phone") { Description = "Business phone number." },
            new("--mobile-phone") { Description = "Mobile phone number." },
            new("--home-phone") { Description = "Home phone number." },
            new("--alias") { Description = "The GAL alias (a short name colleagues may type)." },
        ];
        Option<string?>[] quotas =
        [
            new("--issue-warning-quota") { Description = "Mailbox size past which the user is warned once: a size (500MB, 1.9GB), 'unlimited', or 'default' (the server's Quota:WarningSize)." },
            new("--prohibit-send-quota") { Description = "Mailbox size past which the user can no longer send: a size, 'unlimited', or 'default' (Quota:ProhibitSendSize)." },
            new("--prohibit-send-receive-quota") { Description = "Mailbox size past which the mailbox refuses incoming mail too: a size, 'unlimited', or 'default' (Quota:ProhibitSendReceiveSize)." },
        ];
        var command = new Command("set", "Set what colleagues see of a user in the global address list, and the user's mailbox limits; a field given as \"\" is cleared, one not given is kept.") { email, name };
        foreach (Option<string?> field in fields.Concat(quotas))
        {
            command.Options.Add(field);
        }

        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            var directory = services.GetRequiredService<IDirectory>();
            var gal = services.GetRequiredService<IGlobalAddressList>();
            if (await CliContext.FindUserOrComplainAsync(directory, parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            if (quotas.Any(q => parse.GetResult(q) is not null))
            {
                var store = services.GetRequiredService<IMailboxStore>();
                UserQuota current = (await store.GetMailboxUsageAsync(user.Id, ct))?.Quota ?? UserQuota.Default;
                QuotaLimit?[] limits = new QuotaLimit?[quotas.Length];
                for (int i = 0; i < quotas.Length; i++)
                {
                    if (parse.GetResult(quotas[i]) is null)
                    {
                        continue;
                    }

                    if (!QuotaLimit.TryParse(parse.GetValue(quotas[i]), out QuotaLimit limit))
                    {
                        Console.Error.WriteLine($"{quotas[i].Name} takes a size such as 500MB or 2GB, 'unlimited' or 'default', not '{parse.GetValue(quotas[i])}'.");
                        return CliContext.ExitFailure;
                    }

                    limits[i] = limit;
                }

                var quota = new UserQuota(limits[0] ?? current.Warning, limits[1] ?? current.ProhibitSend, limits[2] ?? current.ProhibitSendReceive);
                UserQuota effective = quota.Or(services.GetRequiredService<MailboxQuotas>().Defaults);
                if (Exceeds(effective.Warning, effective.ProhibitSend) || Exceeds(effective.ProhibitSend, effective.ProhibitSendReceive) || Exceeds(effective.Warning, effective.ProhibitSendReceive))
                {
                    Console.Error.WriteLine($"The limits must grow from warning to prohibit send to prohibit send and receive (would be {effective.Warning}, {effective.ProhibitSend}, {effective.ProhibitSendReceive}).");
                    return CliContext.ExitFailure;
                }

                await directory.SetQuotaAsync(user.Id, quota, ct);
            }

            UserProfile old = (await gal.GetEntryAsync(user.Id, ct))?.Profile ?? UserProfile.Empty;
            string? Value(int i, string? current) => parse.GetResult(fields[i]) is null ? current : parse.GetValue(fields[i]);
            var profile = new UserProfile(
                Value(0, old.FirstName), Value(1, old.LastName), Value(2, old.Title), Value(3, old.Company), Value(4, old.Office),
                Value(5, old.Phone), Value(6, old.MobilePhone), Value(7, old.HomePhone), Value(8, old.Alias));
            await gal.SetProfileAsync(user.Id, profile, ct);
            if (parse.GetValue(name) is { } displayName)
            {
                await directory.SetDisplayNameAsync(user.Id, displayName, ct);
            }

            Console.WriteLine($"Updated {user.Address}.");
            return 0;
        }));
        return command;
    }

    /// <summary>Whether limit <paramref name="lower"/> is a size above size <paramref name="higher"/> (an unlimited lower limit never applies, so it never conflicts).</summary>
    private static bool Exceeds(QuotaLimit lower, QuotaLimit higher) => lower.Bytes is { } l && higher.Bytes is { } h && l > h;

    private static Command Show()
    {
        var email = EmailArgument();
        var command = new Command("show", "Show a user's global address list entry, picture and certificates.") { email };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            var gal = services.GetRequiredService<IGlobalAddressList>();
            if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), parse.GetValue(email)!, ct) is not { } user
                || await gal.GetEntryAsync(user.Id, ct) is not { } entry)
            {
                return CliContext.ExitFailure;
            }

            UserProfile p = entry.Profile;
            IReadOnlyList<UserCertificate> certificates = await gal.GetCertificatesAsync(user.Id, ct);
            MailboxUsage usage = await services.GetRequiredService<IMailboxStore>().GetMailboxUsageAsync(user.Id, ct)
                ?? new MailboxUsage(user.Id, 0, UserQuota.Default, null);
            QuotaStatus quota = services.GetRequiredService<MailboxQuotas>().StatusOf(usage);
            static string Limit(QuotaLimit own, QuotaLimit effective) => own.IsDefault ? $"{effective} (default)" : effective.ToString();
            Console.Write(TextTable.Format(
                ["FIELD", "VALUE"],
                new (string, string?)[]
                {
                    ("address", entry.Address), ("name", entry.DisplayName), ("first name", p.FirstName), ("last name", p.LastName),
                    ("title", p.Title), ("company", p.Company), ("office", p.Office), ("phone", p.Phone), ("mobile phone", p.MobilePhone),
                    ("home phone", p.HomePhone), ("alias", p.Alias),
                    ("picture", entry.PictureSize is { } size ? string.Create(CultureInfo.InvariantCulture, $"{size} bytes") : null),
                    ("mailbox size", string.Create(CultureInfo.InvariantCulture, $"{QuotaLimit.FormatBytes(usage.Bytes)} ({usage.Bytes} bytes)")),
                    ("issue warning quota", Limit(usage.Quota.Warning, quota.Limits.Warning)),
                    ("prohibit send quota", Limit(usage.Quota.ProhibitSend, quota.Limits.ProhibitSend)),
                    ("prohibit send receive quota", Limit(usage.Quota.ProhibitSendReceive, quota.Limits.ProhibitSendReceive)),
                    ("quota state", QuotaStateText(quota.Level) + (usage.WarnedAt is null ? string.Empty : ", warned")),
                }.Select(f => (IReadOnlyList<string>)[f.Item1, f.Item2 ?? string.Empty])
                .Concat(certificates.Select(c => (IReadOnlyList<string>)["certificate", $"{c.Thumbprint} (until {c.NotAfter:yyyy-MM-dd})"]))));
            return 0;
        }));
        return command;
    }

    /// <summary>The quota level as <c>user show</c> and <c>user list</c> print it.</summary>
    internal static string QuotaStateText(QuotaLevel level) => level switch
    {
        QuotaLevel.Warning => "over warning",
        QuotaLevel.ProhibitSend => "cannot send",
        QuotaLevel.ProhibitSendReceive => "cannot send or receive",
        _ => "normal",
    };

    private static Command Picture()
    {
        var email = EmailArgument();
        var file = new Argument<FileInfo?>("FILE") { Description = "A JPEG, PNG or GIF image of at most 100 KiB.", Arity = ArgumentArity.ZeroOrOne };
        var remove = new Option<bool>("--remove") { Description = "Remove the picture instead." };
        var command = new Command("picture", "Set or remove a user's picture (GAL and recipient pictures).") { email, file, remove };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            var gal = services.GetRequiredService<IGlobalAddressList>();
            if (parse.GetValue(remove))
            {
                await gal.SetPictureAsync(user.Id, null, ct);
                Console.WriteLine($"Removed the picture of {user.Address}.");
                return 0;
            }

            if (parse.GetValue(file) is not { } image || !PictureTypes.TryGetValue(image.Extension, out string? type))
            {
                await Console.Error.WriteLineAsync("pushbox: give a .jpg, .png or .gif file, or --remove");
                return CliContext.ExitFailure;
            }

            if (image.Length > UserPicture.MaxBytes)
            {
                await Console.Error.WriteLineAsync($"pushbox: a picture has at most {UserPicture.MaxBytes} bytes");
                return CliContext.ExitFailure;
            }

            await gal.SetPictureAsync(user.Id, new UserPicture(type, await File.ReadAllBytesAsync(image.FullName, ct)), ct);
            Console.WriteLine($"Set the picture of {user.Address}.");
            return 0;
        }));
        return command;
    }

    private static Command Certificate()
    {
        var command = new Command("cert", "Manage the S/MIME certificates ResolveRecipients gives out for a user.");
        var email = EmailArgument();
        var file = new Argument<FileInfo>("FILE") { Description = "The certificate, DER or PEM." };
        var add = new Command("add", "Add a certificate.") { email, file };
        add.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            FileInfo path = parse.GetValue(file)!;
            if (path.Length > 64 * 1024)
            {
                await Console.Error.WriteLineAsync("pushbox: that file is too large to be a certificate");
                return CliContext.ExitFailure;
            }

            byte[] der = await File.ReadAllBytesAsync(path.FullName, ct);
            if (System.Text.Encoding.ASCII.GetString(der).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                using var pem = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(der));
                der = pem.RawData;
            }

            UserCertificate certificate = await services.GetRequiredService<IGlobalAddressList>().AddCertificateAsync(user.Id, der, ct);
            Console.WriteLine($"Added certificate {certificate.Thumbprint} to {user.Address}.");
            return 0;
        }));
        var removeEmail = EmailArgument();
        var thumbprint = new Argument<string>("THUMBPRINT") { Description = "The SHA-1 thumbprint (hex) as pushbox user show lists it." };
        var remove = new Command("remove", "Remove a certificate.") { removeEmail, thumbprint };
        remove.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), parse.GetValue(removeEmail)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            if (!await services.GetRequiredService<IGlobalAddressList>().RemoveCertificateAsync(user.Id, parse.GetValue(thumbprint)!, ct))
            {
                await Console.Error.WriteLineAsync($"pushbox: {user.Address} has no such certificate");
                return CliContext.ExitFailure;
            }

            Console.WriteLine($"Removed the certificate from {user.Address}.");
            return 0;
        }));
        command.Subcommands.Add(add);
        command.Subcommands.Add(remove);
        return command;
    }
}
