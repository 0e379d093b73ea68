using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Folders;

namespace Pushbox;

/// <summary><c>pushbox mailbox show EMAIL [--json]</c>: a user's folders with type, item count and size.</summary>
internal static class MailboxCommand
{
    public static Command Create()
    {
        var command = new Command("mailbox", "Look into mailboxes.");
        var email = new Argument<string>("EMAIL") { Description = "The user's address (or one of their aliases)." };
        var json = new Option<bool>("--json") { Description = "Write {\"folders\":[{\"id\",\"name\",\"type\",\"items\",\"bytes\"}]}, type being the EAS folder type number." };
        var show = new Command("show", "Show a user's folders with their EAS type, item count and size.") { email, json };
        show.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            IReadOnlyList<FolderStats> stats = await services.GetRequiredService<IMailboxStore>().GetFolderStatsAsync(user.Id, ct);
            Console.Write(parse.GetValue(json) ? Json(stats) : Table(stats));
            return 0;
        }));
        command.Subcommands.Add(show);
        command.Subcommands.Add(Reindex());
        command.Subcommands.Add(Recount());
        return command;
    }

    /// <summary><c>pushbox mailbox reindex</c>: index now the bodies of emails the search index holds by their headers only.</summary>
    private static Command Reindex()
    {
        var command = new Command("reindex", "Index the bodies of every email the search index does not hold whole yet (mail stored before search existed); pushbox serve also does this at start.");
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            long indexed = await services.GetRequiredService<Mailbox.Search.SearchIndexer>().RunAsync(ct);
            Console.WriteLine($"Indexed {indexed} email(s).");
            return 0;
        }));
        return command;
    }

    /// <summary><c>pushbox mailbox recount EMAIL | --all</c>: recompute mailbox sizes (the quota running totals) from the items.</summary>
    private static Command Recount()
    {
        var email = new Argument<string?>("EMAIL") { Description = "The user's address (or one of their aliases).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Recount every mailbox." };
        var command = new Command("recount", "Recompute mailbox sizes from the items (the size quotas are checked against); prints old and new size.") { email, all };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            var directory = services.GetRequiredService<IDirectory>();
            var store = services.GetRequiredService<IMailboxStore>();
            List<Mailbox.Users.User> users = [];
            if (parse.GetValue(all) == (parse.GetValue(email) is not null))
            {
                Console.Error.WriteLine("Name one user, or give --all.");
                return CliContext.ExitFailure;
            }

            if (parse.GetValue(all))
            {
                users.AddRange(await directory.ListUsersAsync(ct));
            }
            else if (await CliContext.FindUserOrComplainAsync(directory, parse.GetValue(email)!, ct) is { } user)
            {
                users.Add(user);
            }
            else
            {
                return CliContext.ExitFailure;
            }

            foreach (Mailbox.Users.User user in users)
            {
                long before = (await store.GetMailboxUsageAsync(user.Id, ct))?.Bytes ?? 0;
                long after = await store.RecountMailboxSizeAsync(user.Id, ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{user.Address}: {after} bytes{(before == after ? string.Empty : $" (was {before})")}"));
            }

            return 0;
        }));
        return command;
    }

    private static string Json(IReadOnlyList<FolderStats> stats)
    {
        var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("folders");
            foreach (FolderStats s in stats)
            {
                writer.WriteStartObject();
                writer.WriteString("id", s.Folder.ServerId);
                writer.WriteString("name", s.Folder.Name);
                writer.WriteNumber("type", (int)s.Folder.Type);
                writer.WriteNumber("items", s.Items);
                writer.WriteNumber("bytes", s.Bytes);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(output.ToArray()) + "\n";
    }

    private static string Table(IReadOnlyList<FolderStats> stats)
    {
        Dictionary<long, Folder> byId = stats.ToDictionary(s => s.Folder.Id, s => s.Folder);
        string PathOf(Folder folder) =>
            folder.ParentId is { } parent && byId.TryGetValue(parent, out Folder? p) ? $"{PathOf(p)}/{folder.Name}" : folder.Name;

        return TextTable.Format(
            ["ID", "FOLDER", "TYPE", "ITEMS", "SIZE"],
            stats.Select(s => (IReadOnlyList<string>)
            [
                s.Folder.ServerId,
                PathOf(s.Folder),
                $"{(int)s.Folder.Type} {s.Folder.Type}",
                s.Items.ToString(CultureInfo.InvariantCulture),
                Size(s.Bytes),
            ]),
            rightAligned: new HashSet<int> { 3, 4 });
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB"),
    };
}
