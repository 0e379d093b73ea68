using System.Text;
using MimeKit.Text;

namespace Pushbox.Commands.Email;

/// <summary>
/// The readable text of an HTML document, produced as it is read (MimeKit's <see cref="HtmlTokenizer"/>
/// does the HTML): scripts, styles and the head are dropped, white space collapses as a browser
/// collapses it (except in &lt;pre&gt;), block elements start new lines, paragraphs and headings are
/// set apart by a blank line, list items get a bullet and links keep their address after the text.
/// Lines end with CRLF; line breaks before the first and after the last text are dropped.
/// </summary>
internal sealed class HtmlToTextReader : PullTextReader
{
    private const int MaxLinkText = 1024;
    private const int MaxLineBreaks = 4;

    private readonly TextReader _html;
    private readonly HtmlTokenizer _tokenizer;
    private readonly StringBuilder _linkText = new();
    private HtmlTagId? _skipUntil;
    private bool _anyText;
    private int _lineBreaks;
    private bool _pendingSpace;
    private int _preDepth;
    private int _listDepth;
    private string? _href;

    public HtmlToTextReader(TextReader html)
    {
        _html = html;
        _tokenizer = new HtmlTokenizer(html) { DecodeCharacterReferences = true, IgnoreTruncatedTags = true };
    }

    protected override bool Produce(StringBuilder output)
    {
        int before = output.Length;
        while (output.Length == before)
        {
            if (!_tokenizer.ReadNextToken(out HtmlToken? token))
            {
                return false;
            }

            switch (token)
            {
                case HtmlTagToken tag:
                    Tag(tag, output);
                    break;
                case HtmlDataToken data when _skipUntil is null && token.Kind != HtmlTokenKind.ScriptData:
                    Text(data.Data, output);
                    break;
            }
        }

        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _html.Dispose();
        }

        base.Dispose(disposing);
    }

    private static bool IsParagraph(HtmlTagId id) => id is HtmlTagId.P or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3
        or HtmlTagId.H4 or HtmlTagId.H5 or HtmlTagId.H6 or HtmlTagId.BlockQuote or HtmlTagId.Pre or HtmlTagId.Table
        or HtmlTagId.DL or HtmlTagId.Address or HtmlTagId.Figure or HtmlTagId.Listing or HtmlTagId.Xmp;

    private static bool IsBlock(HtmlTagId id) => id is HtmlTagId.Div or HtmlTagId.LI or HtmlTagId.TR or HtmlTagId.DD
        or HtmlTagId.DT or HtmlTagId.Header or HtmlTagId.Footer or HtmlTagId.Article or HtmlTagId.Section or HtmlTagId.Nav
        or HtmlTagId.Aside or HtmlTagId.Main or HtmlTagId.Form or HtmlTagId.FieldSet or HtmlTagId.Center or HtmlTagId.Caption
        or HtmlTagId.Details or HtmlTagId.Summary or HtmlTagId.UL or HtmlTagId.OL or HtmlTagId.Dir or HtmlTagId.Menu
        or HtmlTagId.FigCaption or HtmlTagId.Legend or HtmlTagId.TBody or HtmlTagId.THead or HtmlTagId.Tfoot
        or HtmlTagId.Html or HtmlTagId.Body or HtmlTagId.Option;

    private static bool IsSkipped(HtmlTagId id) => id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Title
        or HtmlTagId.Head or HtmlTagId.Xml or HtmlTagId.NoFrames or HtmlTagId.Select or HtmlTagId.TextArea;

    private static string? LinkOf(HtmlTagToken tag)
    {
        if (!tag.Attributes.TryGetValue(HtmlAttributeId.Href, out HtmlAttribute? href) || href.Value is not { Length: > 0 and <= 2048 } value)
        {
            return null;
        }

        value = value.Trim();
        bool web = value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        return web || value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? value : null;
    }

    private void Tag(HtmlTagToken tag, StringBuilder output)
    {
        HtmlTagId id = tag.Id;
        if (_skipUntil is { } skipped)
        {
            bool ends = (tag.IsEndTag && id == skipped) || (skipped == HtmlTagId.Head && !tag.IsEndTag && id == HtmlTagId.Body);
            if (ends)
            {
                _skipUntil = null;
            }

            return;
        }

        if (!tag.IsEndTag && !tag.IsEmptyElement && IsSkipped(id))
        {
            _skipUntil = id;
            return;
        }

        switch (id)
        {
            case HtmlTagId.Br:
                if (!tag.IsEndTag)
                {
                    _lineBreaks = Math.Min(_lineBreaks + 1, MaxLineBreaks);
                    _pendingSpace = false;
                }

                return;
            case HtmlTagId.HR:
                LineBreaks(1);
                Emit(output, "----------");
                LineBreaks(1);
                return;
            case HtmlTagId.TD or HtmlTagId.TH:
                _pendingSpace = true;
                return;
            case HtmlTagId.A when !tag.IsEndTag:
                _href = LinkOf(tag);
                _linkText.Clear();
                return;
            case HtmlTagId.A:
                AppendLink(output);
                return;
        }

        if (id is HtmlTagId.UL or HtmlTagId.OL or HtmlTagId.Dir or HtmlTagId.Menu)
        {
            _listDepth = Math.Max(0, _listDepth + (tag.IsEndTag ? -1 : 1));
        }

        if (id is HtmlTagId.Pre or HtmlTagId.Listing or HtmlTagId.Xmp)
        {
            _preDepth = Math.Max(0, _preDepth + (tag.IsEndTag ? -1 : 1));
        }

        if (IsParagraph(id))
        {
            LineBreaks(2);
        }
        else if (IsBlock(id))
        {
            LineBreaks(1);
        }

        if (id == HtmlTagId.LI && !tag.IsEndTag)
        {
            Emit(output, new string(' ', 2 * Math.Max(0, _listDepth - 1)) + "* ");
        }
    }

    private void Text(string data, StringBuilder output)
    {
        if (_href is not null && _linkText.Length < MaxLinkText)
        {
            _linkText.Append(data.AsSpan(0, Math.Min(data.Length, MaxLinkText - _linkText.Length)));
        }

        if (_preDepth > 0)
        {
            foreach (char c in data)
            {
                if (c == '\n')
                {
                    _lineBreaks = Math.Min(_lineBreaks + 1, MaxLineBreaks);
                }
                else if (c != '\r')
                {
                    Emit(output, c);
                }
            }

            return;
        }

        foreach (char c in data)
        {
            if (c is ' ' or '\t' or '\r' or '\n' or '\f')
            {
                _pendingSpace = true;
                continue;
            }

            Emit(output, c == '\u00A0' ? ' ' : c);
        }
    }

    /// <summary>Asks for at least <paramref name="count"/> line breaks before the next text.</summary>
    private void LineBreaks(int count)
    {
        _lineBreaks = Math.Max(_lineBreaks, count);
        _pendingSpace = false;
    }

    private void Emit(StringBuilder output, string text)
    {
        foreach (char c in text)
        {
            Emit(output, c);
        }
    }

    private void Emit(StringBuilder output, char c)
    {
        if (_lineBreaks > 0)
        {
            if (_anyText)
            {
                for (int i = 0; i < _lineBreaks; i++)
                {
                    output.Append("\r\n");
                }
            }

            _lineBreaks = 0;
            _pendingSpace = false;
        }
        else if (_pendingSpace && _anyText)
        {
            output.Append(' ');
        }

        _pendingSpace = false;
        _anyText = true;
        output.Append(c);
    }

    private void AppendLink(StringBuilder output)
    {
        string? href = _href;
        _href = null;
        if (href is null)
        {
            return;
        }

        string text = _linkText.ToString().Trim();
        string bare = href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? href[7..] : href;
        if (text.Length == 0 || text.Equals(href, StringComparison.OrdinalIgnoreCase) || text.Equals(bare, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        _pendingSpace = true;
        Emit(output, "<" + bare + ">");
    }
}
