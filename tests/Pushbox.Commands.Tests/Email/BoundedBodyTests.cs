using System.Globalization;
using System.Text;
using Pushbox.Commands.Email;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.AirSyncBase;
using static Pushbox.Commands.Tests.Email.RenderedItem;

namespace Pushbox.Commands.Tests.Email;

/// <summary>
/// A body cut at TruncationSize is produced only a little past its limit: Truncated and AllOrNone stay
/// exact, EstimatedDataSize is an estimate (MS-ASAIRS 2.2.2.23) above the limit, and exact whenever the
/// whole body was produced; the blob is read once for the parse and hardly again for the body.
/// </summary>
public sealed class BoundedBodyTests(EmailStoreFixture fixture) : IClassFixture<EmailStoreFixture>
{
    /// <summary>What a body cut at 5,120 bytes may read of the blob beyond the parse's one pass over it (buffers included).</summary>
    private const long BodyReadAllowance = 64 * 1024;

    private const int Limit = 5120;

    private static readonly string[] Words = ["report", "meeting", "Grüße", "schedule", "déjà", "東京", "🎉", "a&b", "<tag>", "quarterly"];

    private readonly EmailTestStore _store = fixture.Store;

    /// <summary>About a megabyte of text in lines of words, one- to four-byte characters among them.</summary>
    private static string LongText { get; } = BuildText(1 << 20, html: false);

    /// <summary>About a megabyte of HTML: paragraphs of the same words, escaped.</summary>
    private static string LongHtml { get; } = BuildText(1 << 20, html: true);

    public static TheoryData<string> Samples { get; } = [.. Messages.All.Keys, "long-plain", "long-html", "base64-plain"];

    [Theory]
    [InlineData(BodyType.PlainText, false)]
    [InlineData(BodyType.Html, false)]
    [InlineData(BodyType.Html, true)]
    [InlineData(BodyType.PlainText, true)]
    public async Task TruncatedBody_ReadsTheBlobOnce_AndOnlyALittleOfTheBodyAgain(BodyType type, bool htmlMessage)
    {
        byte[] mime = htmlMessage ? Messages.Crlf(Messages.HtmlWithBody(LongHtml)) : Messages.Crlf(Messages.PlainWithBody(LongText));
        StoredItem item = await _store.AddAsync(mime);
        var blobs = new FaultyBlobStore(_store.Blobs);
        var log = new RecordingLogger<EmailItemRenderer>();
        WrappedStream? opened = null;
        blobs.Wrap = stream => opened = new WrappedStream(stream);

        RenderedItem rendered = await RenderAsync(new EmailItemRenderer(blobs, log), item, new([new BodyPreference(type, Limit)], []), EasVersion.V161);

        Assert.Equal("1", rendered.Body!.Element(AirSyncBase + "Truncated")!.Value);
        Assert.InRange(Encoding.UTF8.GetByteCount(rendered.Data!), Limit - 3, Limit);
        Assert.InRange(opened!.BytesRead, mime.Length, mime.Length + BodyReadAllowance);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public async Task LegacyTruncatedBody_ReadsOnlyALittleOfTheBodyAgain()
    {
        byte[] mime = Messages.Crlf(Messages.HtmlWithBody(LongHtml));
        StoredItem item = await _store.AddAsync(mime);
        var blobs = new FaultyBlobStore(_store.Blobs);
        WrappedStream? opened = null;
        blobs.Wrap = stream => opened = new WrappedStream(stream);

        RenderedItem rendered = await RenderAsync(new EmailItemRenderer(blobs, _store.Log), item, new([], [], Truncation: 4), EasVersion.V25);

        Assert.Equal("1", rendered.Value(EmailNs, "BodyTruncated"));
        Assert.True(long.Parse(rendered.Value(EmailNs, "BodySize")!, CultureInfo.InvariantCulture) > Limit);
        Assert.InRange(opened!.BytesRead, mime.Length, mime.Length + BodyReadAllowance);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task EveryLimit_KeepsTruncatedAndAllOrNoneExact_AndTheEstimateAboveWhatIsSent(string sample)
    {
        StoredItem item = await _store.AddAsync(Sample(sample));
        foreach (BodyType type in new[] { BodyType.PlainText, BodyType.Html })
        {
            RenderedItem whole = await RenderAsync(_store.Renderer, item, new([new BodyPreference(type)], []), EasVersion.V161);
            string wholeData = whole.Data ?? string.Empty;
            long wholeBytes = Encoding.UTF8.GetByteCount(wholeData);
            Assert.Equal("0", Element(whole, "Truncated"));
            Assert.Equal(wholeBytes, EstimatedDataSize(whole));

            long[] limits = [0, 1, 3, 100, Limit, wholeBytes - 1, wholeBytes, wholeBytes + 1];
            foreach (long limit in limits.Where(l => l >= 0).Distinct())
            {
                foreach (bool allOrNone in new[] { false, true })
                {
                    string context = $"{sample}, {type}, limit {limit}, AllOrNone {allOrNone}, whole {wholeBytes}";
                    RenderedItem cut = await RenderAsync(_store.Renderer, item, new([new BodyPreference(type, limit, allOrNone)], []), EasVersion.V161);
                    string? data = cut.Data;
                    long estimate = EstimatedDataSize(cut);
                    if (wholeBytes > limit)
                    {
                        Assert.True(Element(cut, "Truncated") == "1", context);
                        Assert.True(estimate > limit, $"{context}: estimated {estimate}");
                        if (allOrNone)
                        {
                            Assert.True(data is null, context);
                            continue;
                        }

                        long sent = Encoding.UTF8.GetByteCount(data ?? string.Empty);
                        Assert.True(sent <= limit && sent >= limit - 3, $"{context}: sent {sent}");
                        Assert.True(wholeData.StartsWith(data ?? string.Empty, StringComparison.Ordinal), context);
                    }
                    else
                    {
                        Assert.True(Element(cut, "Truncated") == "0", context);
                        Assert.True(estimate == wholeBytes, $"{context}: estimated {estimate}");
                        Assert.True(data == wholeData, context);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task Estimate_OfATruncatedEightBitTextBody_IsItsExactSize()
    {
        // The part's decoded size is known from the MIME without reading it, and UTF-8 text is its own size.
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.PlainWithBody(LongText)));

        RenderedItem cut = await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.PlainText, Limit)], []), EasVersion.V161);

        Assert.Equal(Encoding.UTF8.GetByteCount(LongText.ReplaceLineEndings("\r\n")), EstimatedDataSize(cut));
    }

    [Fact]
    public async Task Estimate_OfATruncatedBase64Body_IsNearItsDecodedSize()
    {
        StoredItem item = await _store.AddAsync(Sample("base64-plain"));

        long exact = EstimatedDataSize(await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.PlainText)], []), EasVersion.V161));
        long estimate = EstimatedDataSize(await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.PlainText, Limit)], []), EasVersion.V161));

        Assert.InRange(estimate, exact * 0.95, exact * 1.1);
    }

    [Theory]
    [InlineData(BodyType.Html, false)]
    [InlineData(BodyType.PlainText, true)]
    public async Task Estimate_OfATruncatedConvertedBody_IsOfTheConvertedSize(BodyType type, bool htmlMessage)
    {
        StoredItem item = await _store.AddAsync(htmlMessage ? Messages.Crlf(Messages.HtmlWithBody(LongHtml)) : Messages.Crlf(Messages.PlainWithBody(LongText)));

        long exact = EstimatedDataSize(await RenderAsync(_store.Renderer, item, new([new BodyPreference(type)], []), EasVersion.V161));
        long estimate = EstimatedDataSize(await RenderAsync(_store.Renderer, item, new([new BodyPreference(type, Limit)], []), EasVersion.V161));

        // Text made from HTML counts half the markup; this HTML is mostly text, so that is an underestimate.
        Assert.InRange(estimate, exact / 2, exact * 1.5);
    }

    private static string Element(RenderedItem rendered, string name) => rendered.Body!.Element(AirSyncBase + name)!.Value;

    private static long EstimatedDataSize(RenderedItem rendered) => long.Parse(Element(rendered, "EstimatedDataSize"), CultureInfo.InvariantCulture);

    private static byte[] Sample(string name) => name switch
    {
        "long-plain" => Messages.Crlf(Messages.PlainWithBody(LongText)),
        "long-html" => Messages.Crlf(Messages.HtmlWithBody(LongHtml)),
        "base64-plain" => Messages.Crlf($"""
            From: alice@example.com
            To: bob@example.com
            Subject: Base64 text
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            {Convert.ToBase64String(Encoding.UTF8.GetBytes(BuildText(64 * 1024, html: false)), Base64FormattingOptions.InsertLineBreaks)}
            """),
        _ => Messages.All[name](),
    };

    private static string BuildText(int length, bool html)
    {
        var random = new Random(length);
        var text = new StringBuilder(length + 100);
        text.Append(html ? "<html><body><p>" : string.Empty);
        while (text.Length < length)
        {
            for (int column = 0; column < 70; column += 8)
            {
                string word = Words[random.Next(Words.Length)];
                text.Append(html ? word.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal) : word).Append(' ');
            }

            text.Append(html && random.Next(6) == 0 ? "</p>\n<p>" : "\n");
        }

        return text.Append(html ? "</p></body></html>" : string.Empty).ToString();
    }
}
