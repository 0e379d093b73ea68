using System.Text;

namespace Pushbox.Commands.Email;

/// <summary>The plain-text preview of a body (MS-ASAIRS Preview): its first characters, white space collapsed.</summary>
internal static class BodyPreview
{
    /// <summary>How far into the text a preview looks for its characters.</summary>
    public const int MaxScannedChars = 64 * 1024;

    /// <summary>Up to <paramref name="maxChars"/> characters of <paramref name="text"/>, runs of white space as one space, trimmed.</summary>
    public static string Of(TextReader text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (maxChars <= 0)
        {
            return string.Empty;
        }

        var preview = new StringBuilder(maxChars);
        bool space = false;
        Span<char> buffer = stackalloc char[1024];
        int scanned = 0;
        int read;
        while (preview.Length < maxChars && scanned < MaxScannedChars && (read = text.Read(buffer)) > 0)
        {
            scanned += read;
            foreach (char c in buffer[..read])
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    space = preview.Length > 0;
                    continue;
                }

                if (space)
                {
                    preview.Append(' ');
                    space = false;
                }

                if (preview.Length >= maxChars)
                {
                    break;
                }

                preview.Append(c);
                if (preview.Length >= maxChars)
                {
                    break;
                }
            }
        }

        // Never end on half a surrogate pair.
        if (preview.Length > 0 && char.IsHighSurrogate(preview[^1]))
        {
            preview.Length--;
        }

        if (preview.Length > maxChars)
        {
            preview.Length = maxChars;
        }

        return preview.ToString().TrimEnd();
    }
}
