using System.Text;

namespace Pushbox;

/// <summary>Reads a password: one line from standard input with <c>--password-stdin</c>, else a prompt without echo on a terminal.</summary>
internal static class PasswordInput
{
    /// <summary>The password, or null after writing why there is none.</summary>
    public static async Task<string?> ReadAsync(bool fromStdin, bool confirm, CancellationToken cancellationToken)
    {
        if (fromStdin)
        {
            string? line = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(line))
            {
                await CliContext.Error("no password on standard input").ConfigureAwait(false);
                return null;
            }

            return line;
        }

        if (Console.IsInputRedirected)
        {
            await CliContext.Error("no terminal to ask for a password: pass it with --password-stdin").ConfigureAwait(false);
            return null;
        }

        string first = Prompt("Password: ");
        if (first.Length == 0)
        {
            await CliContext.Error("the password is empty").ConfigureAwait(false);
            return null;
        }

        if (confirm && Prompt("Repeat password: ") != first)
        {
            await CliContext.Error("the passwords differ").ConfigureAwait(false);
            return null;
        }

        return first;
    }

    private static string Prompt(string prompt)
    {
        Console.Error.Write(prompt);
        var password = new StringBuilder();
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}
