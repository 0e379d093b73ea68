using System.Globalization;
using System.Text;

namespace Pushbox.Mailbox.Search;

/// <summary>
/// The one normalisation of text for the full-text index and the GAL, applied alike to what is indexed
/// and to what is searched for, so that both databases see the same words: lower case (invariant), no
/// diacritics (é → e), and every run of characters that are not letters or digits turned into one space.
/// A word is then a maximal run of letters and digits: "Anne-Marie O'Neil &lt;am@example.com&gt;" holds the
/// words anne, marie, o, neil, am, example and com.
/// </summary>
public static class SearchText
{
    /// <summary>The most characters of one field's text that are indexed (the rest of a long body is not searchable).</summary>
    public const int MaxIndexedLength = 256 * 1024;

    /// <summary>The most words a search may name; more is "too complex".</summary>
    public const int MaxQueryWords = 16;

    /// <summary>The longest word searched for; a longer one is cut (no indexed word is longer than the text it comes from).</summary>
    public const int MaxWordLength = 64;

    /// <summary><paramref name="text"/> normalised (at most <see cref="MaxIndexedLength"/> characters of it): words separated by single spaces, no space at either end.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        string source = text.Length > MaxIndexedLength ? text[..MaxIndexedLength] : text;
        var builder = new StringBuilder(source.Length);
        bool space = false;
        foreach (char c in source)
        {
            // Combining marks (a decomposed "é" is "e" and U+0301) belong to the letter before them.
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c) || char.IsSurrogate(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                AppendFolded(builder, c);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    // The base letters of U+00C0 to U+017F (Latin-1 Supplement and Latin Extended-A), lower case; '?' marks a
    // letter that folds to two (æ, þ, ß, ĳ, œ) and '-' a character that is no letter (×, ÷). The server runs
    // with invariant globalisation, where string.Normalize cannot decompose, so the common European letters
    // are folded by this table; other scripts keep their letters as they are, lower-cased.
    private const string LatinFolds =
        "aaaaaa?ceeeeiiiidnooooo-ouuuuy??aaaaaa?ceeeeiiiidnooooo-ouuuuy?y" +
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllllllllnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

    private static void AppendFolded(StringBuilder builder, char c)
    {
        if (c < '\u00C0' || c > '\u017F')
        {
            builder.Append(char.ToLowerInvariant(c));
            return;
        }

        char folded = LatinFolds[c - '\u00C0'];
        if (folded != '?')
        {
            builder.Append(folded);
            return;
        }

        builder.Append(c switch
        {
            '\u00C6' or '\u00E6' => "ae",
            '\u00DE' or '\u00FE' => "th",
            '\u00DF' => "ss",
            '\u0132' or '\u0133' => "ij",
            _ => "oe",
        });
    }

    /// <summary>The distinct words of <paramref name="query"/> (normalised, each cut to <see cref="MaxWordLength"/>), in order.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length > MaxWordLength ? w[..MaxWordLength] : w)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
