using System.Text;

namespace Pushbox.Commands.Tests.Email;

/// <summary>Sample messages: well-formed ones of each structure, and broken ones as mail really arrives.</summary>
internal static class Messages
{
    public const string Plain = """
        From: Alice Example <alice@example.com>
        To: Bob <bob@example.com>, carol@example.com
        Cc: "Dave, Jr." <dave@example.com>
        Reply-To: replies@example.com, other@example.com
        Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?= from the plain side
        Date: Tue, 01 Dec 2026 09:58:00 +0000
        Message-ID: <plain@example.com>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        Hello Bob,

        Grüße aus Köln — 東京 🎉 <not a tag> & more.
        Second line.

        """;

    public const string Html = """
        From: news@example.com
        To: bob@example.com
        Subject: HTML only
        Date: Tue, 01 Dec 2026 09:58:00 +0000
        MIME-Version: 1.0
        Content-Type: text/html; charset=utf-8

        <html><head><title>Ignored title</title><style>p { color: red }</style></head>
        <body><h1>Welcome</h1><p>First&nbsp;paragraph with <b>bold</b>   and
        spread   text &amp; an entity.</p><script>alert('x')</script>
        <ul><li>one</li><li>two</li></ul><p>Line<br>break and a <a href="https://example.com/x">link</a>.</p></body></html>

        """;

    public const string Alternative = """
        From: alice@example.com
        To: bob@example.com
        Subject: Both kinds
        Date: Tue, 01 Dec 2026 09:58:00 +0000
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="alt"

        --alt
        Content-Type: text/plain; charset=us-ascii

        The plain version.
        --alt
        Content-Type: text/html; charset=us-ascii

        <p>The <i>HTML</i> version.</p>
        --alt--

        """;

    public const string WithAttachments = """
        From: alice@example.com
        To: bob@example.com
        Subject: Files
        Date: Tue, 01 Dec 2026 09:58:00 +0000
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="mix"

        --mix
        Content-Type: text/plain; charset=utf-8

        See the files.
        --mix
        Content-Type: application/pdf; name="report.pdf"
        Content-Disposition: attachment; filename="report.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQKJcTl8uXrp/Og0MTGCjEgMCBvYmoKPDwvVHlwZS9DYXRhbG9nPj4KZW5kb2JqCnRy
        YWlsZXIKPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg==
        --mix
        Content-Type: text/csv; charset=utf-8
        Content-Disposition: attachment; filename="data.csv"

        a,b
        1,2
        --mix
        Content-Type: message/rfc822

        From: carol@example.com
        To: alice@example.com
        Subject: The forwarded one
        Content-Type: text/plain

        Inner body.
        --mix
        Content-Type: application/octet-stream

        raw bytes without a name
        --mix--

        """;

    public const string InlineImage = """
        From: alice@example.com
        To: bob@example.com
        Subject: Logo
        Date: Tue, 01 Dec 2026 09:58:00 +0000
        MIME-Version: 1.0
        Content-Type: multipart/related; boundary="rel"; type="text/html"

        --rel
        Content-Type: text/html; charset=utf-8

        <p>Our logo: <img src="cid:logo@example.com"></p>
        --rel
        Content-Type: image/png; name="logo.png"
        Content-Disposition: inline; filename="logo.png"
        Content-ID: <logo@example.com>
        Content-Transfer-Encoding: base64

        iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==
        --rel--

        """;

    public const string BadCharsetName = """
        From: alice@example.com
        To: bob@example.com
        Subject: Unknown charset
        MIME-Version: 1.0
        Content-Type: text/plain; charset="x-made-up-charset"
        Content-Transfer-Encoding: 8bit

        Grüße in UTF-8 under a charset nobody knows.

        """;

    public const string NoHeaders = "This message has no headers at all.\r\nJust text.\r\n";

    /// <summary>ISO-8859-1, quoted-printable: "café" and "Übung".</summary>
    public const string Latin1 = """
        From: alice@example.com
        To: bob@example.com
        Subject: Latin-1
        MIME-Version: 1.0
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        caf=E9 and =DCbung

        """;

    /// <summary>KOI8-R, 8-bit: "Привет".</summary>
    public static byte[] Koi8R() => Concat(
        """
        From: alice@example.com
        To: bob@example.com
        Subject: KOI8-R
        MIME-Version: 1.0
        Content-Type: text/plain; charset=koi8-r
        Content-Transfer-Encoding: 8bit


        """,
        new byte[] { 0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4, 0x0D, 0x0A });

    /// <summary>Shift_JIS, base64: "日本語".</summary>
    public const string ShiftJis = """
        From: alice@example.com
        To: bob@example.com
        Subject: Shift_JIS
        MIME-Version: 1.0
        Content-Type: text/plain; charset=shift_jis
        Content-Transfer-Encoding: base64

        k/qWe4zq

        """;

    /// <summary>Labelled UTF-8 but written in Windows-1252: "naïve €5".</summary>
    public static byte[] MislabelledUtf8() => Concat(
        """
        From: alice@example.com
        To: bob@example.com
        Subject: Mislabelled
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit


        """,
        new byte[] { (byte)'n', (byte)'a', 0xEF, (byte)'v', (byte)'e', (byte)' ', 0x80, (byte)'5', 0x0D, 0x0A });

    /// <summary>8-bit garbage in the headers and the body, with NULs and control characters.</summary>
    public static byte[] EightBitGarbage()
    {
        var random = new Random(1234);
        byte[] noise = new byte[3000];
        random.NextBytes(noise);
        return Concat(
            "From: \u00ff\u00fe <x@example.com>\r\nTo: bob@example.com\r\nSubject: ",
            new byte[] { 0xC3, 0x28, 0x00, 0x01, 0xFF, (byte)'s', (byte)'u', (byte)'b', 0x0D, 0x0A },
            "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nstart ",
            noise,
            " end\r\n");
    }

    /// <summary>A multipart cut off inside a base64 attachment, without its closing boundary.</summary>
    public const string TruncatedMultipart = """
        From: alice@example.com
        To: bob@example.com
        Subject: Cut off
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="cut"

        --cut
        Content-Type: text/plain; charset=utf-8

        The text survived.
        --cut
        Content-Type: application/zip; name="big.zip"
        Content-Disposition: attachment; filename="big.zip"
        Content-Transfer-Encoding: base64

        UEsDBBQAAAAIAAAAIQB4bWx
        """;

    /// <summary>Bytes that are not MIME at all.</summary>
    public static byte[] BinaryNoise()
    {
        byte[] noise = new byte[2048];
        new Random(99).NextBytes(noise);
        return noise;
    }

    /// <summary>A plain message whose body is <paramref name="body"/> (UTF-8, 8-bit).</summary>
    public static string PlainWithBody(string body) => $"""
        From: alice@example.com
        To: bob@example.com
        Subject: Sized
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        {body}
        """;

    /// <summary>An HTML-only message whose body is <paramref name="html"/>.</summary>
    public static string HtmlWithBody(string html) => $"""
        From: alice@example.com
        To: bob@example.com
        Subject: Sized HTML
        MIME-Version: 1.0
        Content-Type: text/html; charset=utf-8
        Content-Transfer-Encoding: 8bit

        {html}
        """;

    /// <summary>The samples every version is rendered with, by name.</summary>
    public static IReadOnlyDictionary<string, Func<byte[]>> All { get; } = new Dictionary<string, Func<byte[]>>
    {
        ["plain"] = () => Crlf(Plain),
        ["html"] = () => Crlf(Html),
        ["alternative"] = () => Crlf(Alternative),
        ["attachments"] = () => Crlf(WithAttachments),
        ["inline-image"] = () => Crlf(InlineImage),
        ["latin1"] = () => Crlf(Latin1),
        ["koi8-r"] = Koi8R,
        ["shift_jis"] = () => Crlf(ShiftJis),
        ["bad-charset-name"] = () => Crlf(BadCharsetName),
        ["mislabelled-utf8"] = MislabelledUtf8,
        ["8bit-garbage"] = EightBitGarbage,
        ["truncated-multipart"] = () => Crlf(TruncatedMultipart),
        ["no-headers"] = () => Encoding.ASCII.GetBytes(NoHeaders),
        ["binary-noise"] = BinaryNoise,
        ["empty"] = () => [],
    };

    /// <summary>The text with every line ending as CRLF, as UTF-8 (raw string literals end lines with LF).</summary>
    public static byte[] Crlf(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));

    private static byte[] Concat(params object[] pieces)
    {
        var bytes = new List<byte>();
        foreach (object piece in pieces)
        {
            bytes.AddRange(piece switch
            {
                string text => Encoding.Latin1.GetBytes(text.ReplaceLineEndings("\r\n")),
                byte[] raw => raw,
                _ => throw new ArgumentException("string or byte[]", nameof(pieces)),
            });
        }

        return [.. bytes];
    }
}
