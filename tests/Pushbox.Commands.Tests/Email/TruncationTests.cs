using System.Globalization;
using System.Text;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.AirSyncBase;
using static Pushbox.Commands.Tests.Email.RenderedItem;

namespace Pushbox.Commands.Tests.Email;

/// <summary>
/// TruncationSize, AllOrNone, EstimatedDataSize and Preview (MS-ASAIRS), and the 2.5 truncation codes.
/// The estimate of a body cut short is pinned by <see cref="BoundedBodyTests"/>.
/// </summary>
public sealed class TruncationTests(EmailStoreFixture fixture) : IClassFixture<EmailStoreFixture>
{
    // One-, two-, three- and four-byte characters, repeated.
    private const string Mixed = "aé東🎉bü語😀";

    private readonly EmailTestStore _store = fixture.Store;

    private static ItemBodyOptions Plain(long? size, bool allOrNone = false, int? preview = null) =>
        new([new BodyPreference(BodyType.PlainText, size, allOrNone, preview)], []);

    [Fact]
    public async Task TruncationSize_AtEveryByte_CutsOnACharacterBoundary()
    {
        string text = string.Concat(Enumerable.Repeat(Mixed, 4));
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        StoredItem item = await _store.AddAsync(Messages.PlainWithBody(text));

        for (int limit = 0; limit <= utf8.Length + 1; limit++)
        {
            RenderedItem rendered = await RenderAsync(_store.Renderer, item, Plain(limit), EasVersion.V141);

            var body = new XElementHolder(rendered);
            Assert.Equal(limit < utf8.Length ? "1" : "0", body.Element("Truncated"));
            string data = rendered.Data ?? string.Empty;
            int bytes = Encoding.UTF8.GetByteCount(data);

            // An estimate past the limit when cut (BoundedBodyTests), the exact size when sent whole.
            long estimate = long.Parse(body.Element("EstimatedDataSize"), CultureInfo.InvariantCulture);
            Assert.True(limit < utf8.Length ? estimate > limit : estimate == utf8.Length, $"limit {limit}: estimated {estimate}");
            Assert.True(bytes <= limit, $"limit {limit}: {bytes} bytes");
            Assert.True(bytes > limit - 4 || bytes == utf8.Length, $"limit {limit}: only {bytes} bytes");
            Assert.StartsWith(data, text, StringComparison.Ordinal);
            Assert.DoesNotContain('\uFFFD', data);
        }
    }

    [Fact]
    public async Task TruncationSize_ZeroOnANonEmptyBody_SendsNoData()
    {
        StoredItem item = await _store.AddAsync(Messages.PlainWithBody("Some text."));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, Plain(0), EasVersion.V160);

        Assert.Null(rendered.Body!.Element(AirSyncBase + "Data"));
        Assert.Equal("1", rendered.Body.Element(AirSyncBase + "Truncated")!.Value);
    }

    [Fact]
    public async Task EmptyBody_SendsAnEmptyDataElement()
    {
        StoredItem item = await _store.AddAsync(Messages.PlainWithBody(string.Empty));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, Plain(100), EasVersion.V160);

        Assert.Equal(string.Empty, rendered.Body!.Element(AirSyncBase + "Data")!.Value);
        Assert.Equal("0", rendered.Body.Element(AirSyncBase + "EstimatedDataSize")!.Value);
        Assert.Equal("0", rendered.Body.Element(AirSyncBase + "Truncated")!.Value);
    }

    [Fact]
    public async Task AllOrNone_TooBig_SendsSizeAndTruncatedWithoutData()
    {
        string text = new('x', 500);
        StoredItem item = await _store.AddAsync(Messages.PlainWithBody(text));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, Plain(499, allOrNone: true), EasVersion.V141);

        Assert.Null(rendered.Body!.Element(AirSyncBase + "Data"));
        Assert.Equal("1", rendered.Body.Element(AirSyncBase + "Truncated")!.Value);
        Assert.True(long.Parse(rendered.Body.Element(AirSyncBase + "EstimatedDataSize")!.Value, CultureInfo.InvariantCulture) > 499);
    }

    [Fact]
    public async Task AllOrNone_Fits_SendsTheWholeBody()
    {
        string text = new('x', 500);
        StoredItem item = await _store.AddAsync(Messages.PlainWithBody(text));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, Plain(500, allOrNone: true), EasVersion.V141);

        Assert.Equal(text, rendered.Data);
        Assert.Equal("0", rendered.Body!.Element(AirSyncBase + "Truncated")!.Value);
    }

    [Fact]
    public async Task AllOrNone_HtmlTooBig_FallsToTheNextPreference()
    {
        // MS-ASAIRS_R383: HTML only if under 50 bytes, else plain text cut at 50.
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Html));
        ItemBodyOptions options = new([new BodyPreference(BodyType.Html, 50, AllOrNone: true), new BodyPreference(BodyType.PlainText, 50)], []);

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, options, EasVersion.V141);

        Assert.Equal("1", rendered.Body!.Element(AirSyncBase + "Type")!.Value);
        Assert.Equal("1", rendered.Body.Element(AirSyncBase + "Truncated")!.Value);
        Assert.Equal("Welcome\r\n\r\nFirst paragraph with bold and spread te", rendered.Data);
    }

    [Fact]
    public async Task EstimatedDataSize_IsTheSizeOfTheTypeSent()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Html));

        RenderedItem html = await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.Html)], []), EasVersion.V140);
        RenderedItem text = await RenderAsync(_store.Renderer, item, Plain(null), EasVersion.V140);

        Assert.Equal(Encoding.UTF8.GetByteCount(html.Data!).ToString(CultureInfo.InvariantCulture), html.Body!.Element(AirSyncBase + "EstimatedDataSize")!.Value);
        Assert.Equal(Encoding.UTF8.GetByteCount(text.Data!).ToString(CultureInfo.InvariantCulture), text.Body!.Element(AirSyncBase + "EstimatedDataSize")!.Value);
        Assert.NotEqual(html.Data!.Length, text.Data!.Length);
    }

    [Fact]
    public async Task Preview_IsShortPlainTextBesideHtml_AndOnlyFrom140()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Html));
        ItemBodyOptions options = new([new BodyPreference(BodyType.Html, 100, Preview: 30)], []);

        RenderedItem v140 = await RenderAsync(_store.Renderer, item, options, EasVersion.V140);
        RenderedItem v121 = await RenderAsync(_store.Renderer, item, options, EasVersion.V121);

        Assert.Equal("Welcome First paragraph with b", v140.Body!.Element(AirSyncBase + "Preview")!.Value);
        Assert.Null(v121.Body!.Element(AirSyncBase + "Preview"));
    }

    [Fact]
    public async Task Preview_IsLeftOutBesidePlainTextData()
    {
        // MS-ASAIRS_R1001036: plain text data is its own preview.
        StoredItem item = await _store.AddAsync(Messages.PlainWithBody("Body text here."));

        RenderedItem withData = await RenderAsync(_store.Renderer, item, Plain(100, preview: 10), EasVersion.V161);
        RenderedItem withoutData = await RenderAsync(_store.Renderer, item, Plain(0, preview: 10), EasVersion.V161);

        Assert.Null(withData.Body!.Element(AirSyncBase + "Preview"));
        Assert.Equal("Body text", withoutData.Body!.Element(AirSyncBase + "Preview")!.Value);
    }

    [Fact]
    public async Task Preview_NeverExceeds255Characters()
    {
        StoredItem item = await _store.AddAsync(Messages.HtmlWithBody("<p>" + string.Concat(Enumerable.Repeat("🎉 word ", 400)) + "</p>"));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.Html, 10, Preview: 1000)], []), EasVersion.V161);

        string preview = rendered.Body!.Element(AirSyncBase + "Preview")!.Value;
        Assert.InRange(preview.Length, 240, 255);
        Assert.False(char.IsHighSurrogate(preview[^1]));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 512)]
    [InlineData(4, 5120)]
    [InlineData(8, 102400)]
    public async Task Legacy_TruncationCode_LimitsTheBody(int code, int limit)
    {
        string text = new('y', 200_000);
        StoredItem item = await _store.AddAsync(Messages.PlainWithBody(text));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, new([], [], Truncation: code), EasVersion.V25);

        Assert.Equal("1", rendered.Value(EmailNs, "BodyTruncated"));
        Assert.True(long.Parse(rendered.Value(EmailNs, "BodySize")!, CultureInfo.InvariantCulture) > limit);
        Assert.Equal(limit, (rendered.Value(EmailNs, "Body") ?? string.Empty).Length);
    }

    [Fact]
    public async Task Legacy_MimeTruncationCode_LimitsTheMime()
    {
        StoredItem item = await _store.AddAsync(Messages.PlainWithBody(new string('z', 10_000)));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, new([], [], MimeSupport: 2, MimeTruncation: 1), EasVersion.V25);

        Assert.Equal("1", rendered.Value(EmailNs, "MIMETruncated"));
        Assert.Equal(4096, rendered.Value(EmailNs, "MIMEData")!.Length);
        Assert.Equal(item.Size.ToString(CultureInfo.InvariantCulture), rendered.Value(EmailNs, "MIMESize"));
    }

    [Fact]
    public async Task NulCharacters_AreTakenOutOfText()
    {
        StoredItem item = await _store.AddAsync(Messages.PlainWithBody("be\0fore\u0001 after\ttab"));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, Plain(null), EasVersion.V161);

        Assert.Equal("before after\ttab", rendered.Data);
        Assert.Equal("16", rendered.Body!.Element(AirSyncBase + "EstimatedDataSize")!.Value);
    }

    [Fact]
    public async Task NulBytes_AreTakenOutOfMime()
    {
        byte[] mime = Messages.Crlf(Messages.PlainWithBody("a\0b"));
        StoredItem item = await _store.AddAsync(mime);

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.Mime)], [], MimeSupport: 2), EasVersion.V161);

        Assert.EndsWith("ab", rendered.Data, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', rendered.Data!);
    }

    /// <summary>The Body's child elements by local name.</summary>
    private sealed class XElementHolder(RenderedItem rendered)
    {
        public string Element(string name) => rendered.Body!.Element(AirSyncBase + name)!.Value;
    }
}
