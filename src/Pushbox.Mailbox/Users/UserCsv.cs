using System.Text;

namespace Pushbox.Mailbox.Users;

/// <summary>
/// Reads the bulk user file of <c>pushbox user import</c>: CSV (RFC 4180 quoting) with the columns
/// <c>email,password,name</c>; a first line naming those columns is skipped; blank lines are ignored.
/// A broken line becomes a row with an <see cref="UserCsvRow.Error"/> naming its line, so the others
/// still go in.
/// </summary>
public static class UserCsv
{
    /// <summary>The longest line accepted, so a binary file fed by mistake fails fast.</summary>
    public const int MaxLineLength = 8192;

    /// <summary>Parses every line of <paramref name="reader"/>.</summary>
    public static async IAsyncEnumerable<UserCsvRow> ReadAsync(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (lineNumber == 1 && line.Replace(" ", string.Empty, StringComparison.Ordinal).StartsWith("email,password", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return Parse(lineNumber, line);
        }
    }

    private static UserCsvRow Parse(int lineNumber, string line)
    {
        if (line.Length > MaxLineLength)
        {
            return Broken(lineNumber, $"longer than {MaxLineLength} characters");
        }

        if (!TrySplit(line, out List<string> fields, out string? error))
        {
            return Broken(lineNumber, error);
        }

        if (fields.Count is < 2 or > 3)
        {
            return Broken(lineNumber, $"expected email,password,name but found {fields.Count} field(s)");
        }

        string name = fields.Count == 3 ? fields[2].Trim() : string.Empty;
        if (!EmailAddress.TryNormalize(fields[0], out string address))
        {
            return Broken(lineNumber, $"'{fields[0].Trim()}' is not an email address");
        }

        if (fields[1].Length is 0 or > PasswordHasher.MaxPasswordLength)
        {
            return Broken(lineNumber, $"the password must have 1 to {PasswordHasher.MaxPasswordLength} characters");
        }

        return new UserCsvRow(lineNumber, address, fields[1], name, null);
    }

    private static bool TrySplit(string line, out List<string> fields, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        fields = [];
        error = null;
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        error = "a quoted field is not closed";
                        return false;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    error = $"unexpected text after a quoted field at column {i + 1}";
                    return false;
                }
            }
            else
            {
                int comma = line.IndexOf(',', i);
                int end = comma < 0 ? line.Length : comma;
                string raw = line[i..end];
                if (raw.Contains('"', StringComparison.Ordinal))
                {
                    error = $"a quote inside an unquoted field at column {i + raw.IndexOf('"', StringComparison.Ordinal) + 1}";
                    return false;
                }

                field.Append(raw);
                i = end;
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return true;
            }

            i++; // the comma
        }
    }

    private static UserCsvRow Broken(int line, string error) => new(line, string.Empty, string.Empty, string.Empty, $"line {line}: {error}");
}
