using System.Globalization;

namespace Pushbox.Protocol.Commands.Search;

/// <summary>A zero-based, inclusive range of results, "m-n" on the wire (MS-ASCMD 2.2.3.145.3).</summary>
/// <param name="First">The first result's index.</param>
/// <param name="Last">The last result's index (at least <paramref name="First"/>).</param>
public readonly record struct SearchRange(int First, int Last)
{
    /// <summary>The default range when the client sends none: the first 100 results.</summary>
    public static SearchRange Default { get; } = new(0, SearchLimits.MaxRangeSize - 1);

    /// <summary>How many results the range covers.</summary>
    public int Count => Last - First + 1;

    /// <summary>Reads "m-n" with m &lt;= n, each at most nine digits.</summary>
    public static bool TryParse(string text, out SearchRange range)
    {
        ArgumentNullException.ThrowIfNull(text);
        range = default;
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash > 9 || text.Length - dash - 1 is < 1 or > 9)
        {
            return false;
        }

        if (!int.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int first)
            || !int.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int last)
            || last < first)
        {
            return false;
        }

        range = new SearchRange(first, last);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");
}
