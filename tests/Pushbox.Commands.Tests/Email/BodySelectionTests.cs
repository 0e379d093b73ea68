using System.Text;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.AirSyncBase;
using static Pushbox.Commands.Tests.Email.RenderedItem;

namespace Pushbox.Commands.Tests.Email;

/// <summary>Which body a client gets for its BodyPreferences (MS-ASAIRS 2.2.2.12), and the conversions between types.</summary>
public sealed class BodySelectionTests(EmailStoreFixture fixture) : IClassFixture<EmailStoreFixture>
{
    private readonly EmailTestStore _store = fixture.Store;

    private static ItemBodyOptions Prefer(params BodyType[] types) => new([.. types.Select(t => new BodyPreference(t))], []);

    [Fact]
    public async Task NoPreference_IsPlainTextWhole()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Alternative));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V161);

        Assert.Equal("1", rendered.Body!.Element(AirSyncBase + "Type")!.Value);
        Assert.Equal("0", rendered.Body.Element(AirSyncBase + "Truncated")!.Value);
        Assert.Equal("The plain version.", rendered.Data);
    }

    [Theory]
    [InlineData(BodyType.PlainText, "1", "The plain version.")]
    [InlineData(BodyType.Html, "2", "<p>The <i>HTML</i> version.</p>")]
    public async Task Alternative_GivesThePartOfTheAskedType(BodyType type, string expectedType, string expectedData)
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Alternative));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, Prefer(type), EasVersion.V141);

        Assert.Equal(expectedType, rendered.Body!.Element(AirSyncBase + "Type")!.Value);
        Assert.Equal(expectedData, rendered.Data);
        Assert.Equal("2", rendered.Value(AirSyncBase, "NativeBodyType"));
    }

    [Fact]
    public async Task Preferences_AreTakenInTheClientsOrder()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Alternative));

        RenderedItem plainFirst = await RenderAsync(_store.Renderer, item, Prefer(BodyType.PlainText, BodyType.Html), EasVersion.V160);
        RenderedItem htmlFirst = await RenderAsync(_store.Renderer, item, Prefer(BodyType.Html, BodyType.PlainText), EasVersion.V160);

        Assert.Equal("1", plainFirst.Body!.Element(AirSyncBase + "Type")!.Value);
        Assert.Equal("2", htmlFirst.Body!.Element(AirSyncBase + "Type")!.Value);
    }

    [Fact]
    public async Task HtmlAsked_PlainOnly_IsEscapedHtmlWithParagraphs()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Plain));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, Prefer(BodyType.Html), EasVersion.V141);

        Assert.Equal("2", rendered.Body!.Element(AirSyncBase + "Type")!.Value);
        Assert.Equal("1", rendered.Value(AirSyncBase, "NativeBodyType"));
        string html = rendered.Data!;
        Assert.Contains("<p>Hello Bob,</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Grüße aus Köln — 東京 🎉 &lt;not a tag&gt; &amp; more.<br>\r\nSecond line.</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<not a tag>", html, StringComparison.Ordinal);
        Assert.StartsWith("<html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</body></html>\r\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainAsked_HtmlOnly_IsTheReadableText()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Html));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, Prefer(BodyType.PlainText), EasVersion.V121);

        Assert.Equal("1", rendered.Body!.Element(AirSyncBase + "Type")!.Value);
        Assert.Equal("2", rendered.Value(AirSyncBase, "NativeBodyType"));
        Assert.Equal(
            "Welcome\r\n\r\nFirst paragraph with bold and spread text & an entity.\r\n\r\n* one\r\n* two\r\n\r\nLine\r\nbreak and a link <https://example.com/x>.",
            rendered.Data);
    }

    [Fact]
    public async Task RtfAlone_IsPlainTextWithTheRtfLimits()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Html));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.Rtf, 7)], []), EasVersion.V140);

        Assert.Equal("1", rendered.Body!.Element(AirSyncBase + "Type")!.Value);
        Assert.Equal("1", rendered.Body.Element(AirSyncBase + "Truncated")!.Value);
        Assert.Equal("Welcome", rendered.Data);
    }

    [Fact]
    public async Task RtfThenHtml_SkipsRtf()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Html));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, Prefer(BodyType.Rtf, BodyType.Html), EasVersion.V140);

        Assert.Equal("2", rendered.Body!.Element(AirSyncBase + "Type")!.Value);
    }

    [Fact]
    public async Task Mime_IsTheWholeStoredMessage()
    {
        byte[] mime = Messages.Crlf(Messages.WithAttachments);
        StoredItem item = await _store.AddAsync(mime);

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.Mime)], [], MimeSupport: 2), EasVersion.V161);

        Assert.Equal("4", rendered.Body!.Element(AirSyncBase + "Type")!.Value);
        Assert.Equal(mime.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), rendered.Body.Element(AirSyncBase + "EstimatedDataSize")!.Value);
        Assert.Equal(Encoding.UTF8.GetString(mime), rendered.Data);
        Assert.Equal("1", rendered.Value(AirSyncBase, "NativeBodyType"));
    }

    [Theory]
    [InlineData(0, "IPM.Note", "1")]
    [InlineData(1, "IPM.Note", "1")]
    [InlineData(2, "IPM.Note", "4")]
    [InlineData(null, "IPM.Note", "4")]
    public async Task Mime_FollowsMimeSupport(int? mimeSupport, string messageClass, string expectedType)
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Plain));
        Assert.Equal(messageClass, item.Email!.MessageClass);

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.Mime)], [], MimeSupport: mimeSupport), EasVersion.V141);

        Assert.Equal(expectedType, rendered.Body!.Element(AirSyncBase + "Type")!.Value);
    }

    [Fact]
    public async Task Mime_SupportOne_GivesMimeForSmimeMessages()
    {
        string signed = """
            From: alice@example.com
            To: bob@example.com
            Subject: Signed
            MIME-Version: 1.0
            Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="sig"

            --sig
            Content-Type: text/plain

            Signed text.
            --sig
            Content-Type: application/pkcs7-signature; name=smime.p7s
            Content-Transfer-Encoding: base64

            MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAA==
            --sig--

            """;
        StoredItem item = await _store.AddAsync(Messages.Crlf(signed));
        Assert.Equal("IPM.Note.SMIME.MultipartSigned", item.Email!.MessageClass);

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.Mime)], [], MimeSupport: 1), EasVersion.V141);

        Assert.Equal("4", rendered.Body!.Element(AirSyncBase + "Type")!.Value);
    }

    [Fact]
    public async Task Legacy_WithoutMimeSupport_IsTheEmailBodyAsPlainText()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Html));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, new([], [], Truncation: 9), EasVersion.V25);

        Assert.Null(rendered.Body);
        Assert.StartsWith("Welcome\r\n", rendered.Value(EmailNs, "Body"), StringComparison.Ordinal);
        Assert.Equal("0", rendered.Value(EmailNs, "BodyTruncated"));
        Assert.Null(rendered.Value(EmailNs, "BodySize"));
        Assert.Null(rendered.Value(EmailNs, "MIMEData"));
    }

    [Fact]
    public async Task Legacy_WithMimeSupport_IsMimeData()
    {
        byte[] mime = Messages.Crlf(Messages.Plain);
        StoredItem item = await _store.AddAsync(mime);

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, new([], [], MimeSupport: 2, MimeTruncation: 8), EasVersion.V25);

        Assert.Equal(Encoding.UTF8.GetString(mime), rendered.Value(EmailNs, "MIMEData"));
        Assert.Equal("0", rendered.Value(EmailNs, "MIMETruncated"));
        Assert.Equal(mime.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), rendered.Value(EmailNs, "MIMESize"));
        Assert.Null(rendered.Value(EmailNs, "Body"));
    }

    [Fact]
    public async Task Charsets_AreDecodedToUnicode()
    {
        Dictionary<string, string> expected = new()
        {
            ["latin1"] = "café and Übung\r\n",
            ["koi8-r"] = "Привет\r\n",
            ["shift_jis"] = "日本語",
            ["bad-charset-name"] = "Grüße in UTF-8 under a charset nobody knows.\r\n",
            ["mislabelled-utf8"] = "naïve €5\r\n",
        };
        foreach ((string name, string text) in expected)
        {
            StoredItem item = await _store.AddAsync(Messages.All[name]());

            RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V161);

            Assert.Equal(text, rendered.Data);
        }
    }

    [Theory]
    [InlineData("latin1", "28591")]
    [InlineData("koi8-r", "20866")]
    [InlineData("shift_jis", "932")]
    [InlineData("plain", "65001")]
    [InlineData("bad-charset-name", "65001")]
    public async Task InternetCpid_IsTheBodysCodePage(string message, string codePage)
    {
        StoredItem item = await _store.AddAsync(Messages.All[message]());

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V25);

        Assert.Equal(codePage, rendered.Value(EmailNs, "InternetCPID"));
    }
}
