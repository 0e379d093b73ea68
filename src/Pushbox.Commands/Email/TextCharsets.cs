using System.Globalization;
using System.Text;

namespace Pushbox.Commands.Email;

/// <summary>
/// Text decoding that never fails: a MIME charset name resolves to an <see cref="Encoding"/> when
/// .NET or the Windows code pages know it, and everything else (no charset, us-ascii, utf-8, unknown
/// names, labels that lie) decodes as UTF-8 whose invalid bytes are read as Windows-1252 — the usual
/// truth of unlabelled or mislabelled 8-bit mail.
/// </summary>
internal static class TextCharsets
{
    /// <summary>The code page reported when the charset is missing or unknown (UTF-8).</summary>
    public const int DefaultCodePage = 65001;

    private static readonly Encoding Lenient = CreateLenientUtf8();

    /// <summary>UTF-8 whose invalid bytes decode one by one as Windows-1252; never throws.</summary>
    public static Encoding LenientUtf8 => Lenient;

    /// <summary>The encoding to decode text labelled <paramref name="charset"/> with.</summary>
    public static Encoding ForDecoding(string? charset)
    {
        Encoding? encoding = Resolve(charset);
        return encoding is null || encoding.CodePage is 65001 or 20127 ? Lenient : encoding;
    }

    /// <summary>The Windows code page of <paramref name="charset"/> (MS-ASEMAIL InternetCPID), or <see cref="DefaultCodePage"/>.</summary>
    public static int CodePageOf(string? charset) => Resolve(charset)?.CodePage ?? DefaultCodePage;

    /// <summary>The encoding a MIME charset name stands for, or null when neither .NET nor the code pages know it.</summary>
    public static Encoding? Resolve(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        string name = charset.Trim().Trim('"', '\'').Trim();
        if (name.Length is 0 or > 64)
        {
            return null;
        }

        name = Alias(name);
        if (TryGet(name) is { } byName)
        {
            return byName;
        }

        // "cp1252", "windows1252", "ibm-850", "x-cp1250": the number is the code page.
        string digits = new(name.Where(char.IsAsciiDigit).ToArray());
        bool codePageName = name.StartsWith("cp", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("x-cp", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("windows", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("ibm", StringComparison.OrdinalIgnoreCase);
        if (codePageName && digits.Length is > 0 and <= 5 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int codePage))
        {
            return TryGet(codePage);
        }

        return null;
    }

    private static string Alias(string name) => name.ToUpperInvariant() switch
    {
        "UTF8" or "UTF-8Y" or "X-UTF-8" or "UNICODE-1-1-UTF-8" => "utf-8",
        "LATIN1" or "LATIN-1" or "L1" => "iso-8859-1",
        "ASCII" or "ANSI_X3.4-1968" or "US" => "us-ascii",
        "KS_C_5601" or "KSC5601" or "KSC_5601" => "ks_c_5601-1987",
        "X-GBK" => "gbk",
        "SJIS" or "X-SJIS" or "SHIFT-JIS" => "shift_jis",
        _ => name,
    };

    private static Encoding? TryGet(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
        }

        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding? TryGet(int codePage)
    {
        try
        {
            return Encoding.GetEncoding(codePage);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
        }

        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(codePage);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static Encoding CreateLenientUtf8()
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).Clone();
        encoding.DecoderFallback = new Windows1252Fallback();
        return encoding;
    }

    /// <summary>Decodes each byte the UTF-8 decoder rejects as the Windows-1252 (or, where that has a hole, Latin-1) character.</summary>
    private sealed class Windows1252Fallback : DecoderFallback
    {
        private static readonly char[] High = BuildHigh();

        public override int MaxCharCount => 4;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

        public override bool Equals(object? obj) => obj is Windows1252Fallback;

        public override int GetHashCode() => 1252;

        private static char[] BuildHigh()
        {
            Encoding? cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));
            var high = new char[128];
            for (int i = 0; i < 128; i++)
            {
                char c = cp1252?.GetString([(byte)(0x80 + i)]) is [char single] ? single : '\uFFFD';
                high[i] = c == '\uFFFD' ? (char)(0x80 + i) : c;
            }

            return high;
        }

        private sealed class Buffer : DecoderFallbackBuffer
        {
            private readonly char[] _chars = new char[8];
            private int _count;
            private int _position;

            public override int Remaining => _count - _position;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                _count = Math.Min(bytesUnknown.Length, _chars.Length);
                for (int i = 0; i < _count; i++)
                {
                    byte b = bytesUnknown[i];
                    _chars[i] = b < 0x80 ? (char)b : High[b - 0x80];
                }

                _position = 0;
                return _count > 0;
            }

            public override char GetNextChar() => _position < _count ? _chars[_position++] : '\0';

            public override bool MovePrevious()
            {
                if (_position == 0)
                {
                    return false;
                }

                _position--;
                return true;
            }

            public override void Reset()
            {
                _count = 0;
                _position = 0;
            }
        }
    }
}
