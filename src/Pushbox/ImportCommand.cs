using System.CommandLine;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Import;

namespace Pushbox;

/// <summary><c>pushbox import EMAIL PATH</c>: a Maildir or mbox file(s) into a user's folders; re-running adds nothing twice.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var email = new Argument<string>("EMAIL") { Description = "The user to import into." };
        var path = new Argument<string>("PATH") { Description = "A Maildir (with Maildir++ subfolders), an mbox file, or a folder of mbox files." };
        var command = new Command("import", "Import a Maildir or mbox into a user's mailbox (Sent, Drafts, Trash, Junk go to the standard folders).") { email, path };
        command.SetAction((parse, ct) => CliContext.WithStoreAsync(parse, ct, async services =>
        {
            if (await CliContext.FindUserOrComplainAsync(services.GetRequiredService<IDirectory>(), parse.GetValue(email)!, ct) is not { } user)
            {
                return CliContext.ExitFailure;
            }

            var bar = new ProgressBar();
            ImportResult result = await services.GetRequiredService<MailImporter>().ImportAsync(user.Id, parse.GetValue(path)!, bar, ct);
            bar.Finish();
            Console.WriteLine($"Imported {result.Added} message(s) into {user.Address}; {result.AlreadyPresent} already present; {result.Failures.Count} failed.");
            foreach (string failure in result.Failures.Take(50))
            {
                await Console.Error.WriteLineAsync($"pushbox: {failure}");
            }

            if (result.Failures.Count > 50)
            {
                await Console.Error.WriteLineAsync($"pushbox: … and {result.Failures.Count - 50} more (see the log)");
            }

            return result.Failures.Count > 0 ? CliContext.ExitFailure : 0;
        }));
        return command;
    }

    /// <summary>A one-line progress bar on a terminal; nothing when standard error is redirected.</summary>
    private sealed class ProgressBar : IProgress<ImportProgress>
    {
        private const int Width = 30;
        private readonly bool _enabled = !Console.IsErrorRedirected;
        private long _lastDraw;

        public void Report(ImportProgress value)
        {
            if (!_enabled || (Environment.TickCount64 - _lastDraw < 100 && value.Done < value.Total))
            {
                return;
            }

            _lastDraw = Environment.TickCount64;
            int filled = value.Total == 0 ? Width : value.Done * Width / value.Total;
            string folder = value.CurrentFolder.Length == 0 ? "Inbox" : value.CurrentFolder;
            Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {value.Done}/{value.Total}  {folder,-24}");
        }

        public void Finish()
        {
            if (_enabled)
            {
                Console.Error.WriteLine();
            }
        }
    }
}
