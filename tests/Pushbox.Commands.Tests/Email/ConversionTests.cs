using Pushbox.Commands.Email;

namespace Pushbox.Commands.Tests.Email;

/// <summary>HTML to plain text and plain text to safe HTML, as streaming readers.</summary>
public class ConversionTests
{
    private static string ToText(string html)
    {
        using var reader = new HtmlToTextReader(new StringReader(html));
        return reader.ReadToEnd();
    }

    private static string ToHtml(string text)
    {
        using var reader = new TextToHtmlReader(new StringReader(text));
        return reader.ReadToEnd();
    }

    [Theory]
    [InlineData("<p>one</p><p>two</p>", "one\r\n\r\ntwo")]
    [InlineData("<div>one</div><div>two</div>", "one\r\ntwo")]
    [InlineData("a<br>b<br><br>c", "a\r\nb\r\n\r\nc")]
    [InlineData("  lots   of\r\n\t white   space  ", "lots of white space")]
    [InlineData("<pre>  keep\n    this</pre>", "  keep\r\n    this")]
    [InlineData("&lt;tag&gt; &amp; &eacute; &#x1F389; &nbsp;x", "<tag> & é 🎉  x")]
    [InlineData("<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>", "* a\r\n* b\r\n  * c")]
    [InlineData("<a href=\"https://example.com/\">site</a> and <a href=\"mailto:x@example.com\">mail</a>", "site <https://example.com/> and mail <x@example.com>")]
    [InlineData("<a href=\"https://example.com/\">https://example.com/</a>", "https://example.com/")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>", "click")]
    [InlineData("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\r\nc")]
    [InlineData("x<hr>y", "x\r\n----------\r\ny")]
    public void HtmlToText_Formats(string html, string text) => Assert.Equal(text, ToText(html));

    [Fact]
    public void HtmlToText_DropsHeadScriptsAndStyles()
    {
        string text = ToText("""
            <!DOCTYPE html><html><head><title>T</title><meta charset="utf-8"><style>body{}</style>
            <script>var a = "<p>not text</p>";</script></head>
            <body><!-- comment --><p>Visible</p><script>document.write('no')</script><style>.x{}</style></body></html>
            """);

        Assert.Equal("Visible", text);
    }

    [Fact]
    public void HtmlToText_HeadWithoutEnd_EndsAtBody()
    {
        Assert.Equal("Shown", ToText("<html><head><title>x</title><body><p>Shown</p>"));
    }

    [Theory]
    [InlineData("<p>cut off in a ta")]
    [InlineData("<p>cut off <a href=\"")]
    [InlineData("<script>never closed")]
    [InlineData("<<<>>>&&&;;;</p></div></li>")]
    [InlineData("")]
    public void HtmlToText_BrokenHtml_DoesNotThrow(string html) => _ = ToText(html);

    [Fact]
    public void HtmlToText_ReadsInPieces()
    {
        string html = string.Concat(Enumerable.Repeat("<p>paragraph &amp; more</p>", 5000));
        using var reader = new HtmlToTextReader(new StringReader(html));
        var buffer = new char[7];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
        }

        Assert.Equal(ToText(html), text.ToString());
        Assert.Equal(5000, text.ToString().Split("paragraph & more").Length - 1);
    }

    [Fact]
    public void TextToHtml_EscapesEverythingHtmlMeans()
    {
        string html = ToHtml("<script>alert(\"x\")</script> & 'quotes'");

        Assert.Contains("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TextToHtml_BlankLinesMakeParagraphs_LineBreaksMakeBr()
    {
        string html = ToHtml("first\r\nsecond\r\n\r\n\r\nthird\nfourth\rfifth");

        Assert.Equal(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>\r\n"
            + "<p>first<br>\r\nsecond</p>\r\n<p>third<br>\r\nfourth<br>\r\nfifth</p>\r\n</body></html>\r\n",
            html);
    }

    [Fact]
    public void TextToHtml_KeepsTheWidthOfSpaces()
    {
        Assert.Contains("<p>&nbsp;&nbsp;indented &nbsp;twice&nbsp;&nbsp;&nbsp;&nbsp;tab</p>", ToHtml("  indented  twice\ttab"), StringComparison.Ordinal);
    }

    [Fact]
    public void TextToHtml_HugeLine_IsConvertedInSegments()
    {
        string line = string.Concat(Enumerable.Repeat("0123456789<", 2000));

        string html = ToHtml(line);

        Assert.Contains(line.Replace("<", "&lt;", StringComparison.Ordinal), html, StringComparison.Ordinal);
        Assert.Single(html.Split("<p>")[1..]);
    }

    [Fact]
    public void TextToHtml_Empty_IsAnEmptyDocument()
    {
        Assert.Equal(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>\r\n</body></html>\r\n",
            ToHtml(string.Empty));
    }
}
