using System.Globalization;

namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// A byte range of an ItemOperations <c>Range</c> element (MS-ASCMD 2.2.3.143.2): "m-n", zero-based, both ends
/// included, m &lt;= n, each written with 1 to 9 digits (ItemOperations.xsd: <c>[0-9]{1,9}-[0-9]{1,9}</c>).
/// In a request it is what the client can take; in a response, the bytes the Data holds, which is
/// authoritative (MS-ASCMD_R3715).
/// </summary>
public readonly record struct ItemOperationsByteRange
{
    /// <summary>The largest value either end may have: 999,999,999, the most nine digits can say.</summary>
    public const long MaxValue = 999_999_999;

    /// <summary>Creates the range of bytes <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An end is negative or above <see cref="MaxValue"/>, or <paramref name="first"/> is after <paramref name="last"/>.</exception>
    public ItemOperationsByteRange(long first, long last)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(last, MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, last);
        First = first;
        Last = last;
    }

    /// <summary>The offset of the first byte.</summary>
    public long First { get; }

    /// <summary>The offset of the last byte, included.</summary>
    public long Last { get; }

    /// <summary>The number of bytes: <c>Last - First + 1</c>.</summary>
    public long Length => Last - First + 1;

    /// <summary>
    /// Reads "m-n" exactly as the schema spells it: 1 to 9 ASCII digits, a hyphen, 1 to 9 ASCII digits, and
    /// m &lt;= n. Surrounding ASCII white space is tolerated, as for other numbers; signs, spaces inside, other
    /// dashes and anything else are not.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ItemOperationsByteRange range)
    {
        range = default;
        text = text.Trim(" \t\r\n");
        int hyphen = text.IndexOf('-');
        if (hyphen < 0
            || !TryParseEnd(text[..hyphen], out long first)
            || !TryParseEnd(text[(hyphen + 1)..], out long last)
            || first > last)
        {
            return false;
        }

        range = new ItemOperationsByteRange(first, last);
        return true;
    }

    /// <summary>The range as the schema spells it, "m-n".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");

    private static bool TryParseEnd(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.Length is 0 or > 9)
        {
            return false;
        }

        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
