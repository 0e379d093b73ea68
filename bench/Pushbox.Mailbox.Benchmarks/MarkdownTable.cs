using System.Globalization;
using System.Text;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>A GitHub Markdown table: the first column left-aligned, the others right-aligned.</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public MarkdownTable Add(params string[] cells)
    {
        rows.Add(cells);
        return this;
    }

    public void WriteTo(StringBuilder text)
    {
        text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        text.Append("|---").Append(string.Concat(Enumerable.Repeat("|---:", headers.Length - 1))).AppendLine("|");
        foreach (string[] row in rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }
    }

    /// <summary>Invariant formatting with thousands separators: <c>Number(12345.6, 1)</c> is "12,345.6".</summary>
    public static string Number(double value, int decimals = 0) =>
        double.IsNaN(value) ? "–" : value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
