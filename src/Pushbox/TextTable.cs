namespace Pushbox;

/// <summary>Writes rows as left-aligned columns under a header, for human output.</summary>
internal static class TextTable
{
    public static string Format(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, ISet<int>? rightAligned = null)
    {
        List<IReadOnlyList<string>> all = [header, .. rows];
        int[] widths = [.. Enumerable.Range(0, header.Count).Select(c => all.Max(r => r[c].Length))];
        var text = new System.Text.StringBuilder();
        foreach (IReadOnlyList<string> row in all)
        {
            for (int c = 0; c < row.Count; c++)
            {
                bool right = rightAligned?.Contains(c) == true;
                string cell = right ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]);
                text.Append(c == row.Count - 1 && !right ? cell.TrimEnd() : cell);
                if (c < row.Count - 1)
                {
                    text.Append("  ");
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
