using System.Text;

namespace Pushbox.Commands.Email;

/// <summary>
/// Plain text as a small, safe HTML document, produced as it is read: every character that HTML
/// gives meaning to is escaped, blank lines separate paragraphs, other line breaks become &lt;br&gt;,
/// and runs of spaces and tabs keep their width. Nothing of the text can become markup.
/// </summary>
internal sealed class TextToHtmlReader : PullTextReader
{
    private const string Head = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>\r\n";
    private const string Tail = "</body></html>\r\n";

    /// <summary>The bytes (all ASCII) the document puts around the text: its head and tail.</summary>
    public static int DocumentLength => Head.Length + Tail.Length;

    private readonly TextReader _text;
    private bool _started;
    private bool _ended;
    private readonly char[] _segment = new char[4096];
    private bool _inParagraph;
    private bool _midLine;
    private bool _previousWasSpace;

    public TextToHtmlReader(TextReader text)
    {
        _text = text;
    }

    protected override bool Produce(StringBuilder output)
    {
        if (_ended)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            output.Append(Head);
            return true;
        }

        // A line is read in segments of bounded length, so that one enormous line is not held whole.
        int count = 0;
        bool lineEnded = false;
        int c;
        while (count < _segment.Length && (c = _text.Read()) != -1)
        {
            if (c == '\r')
            {
                if (_text.Peek() == '\n')
                {
                    _text.Read();
                }

                lineEnded = true;
                break;
            }

            if (c == '\n')
            {
                lineEnded = true;
                break;
            }

            _segment[count++] = (char)c;
        }

        if (count == 0 && !lineEnded)
        {
            if (_inParagraph)
            {
                output.Append("</p>\r\n");
            }

            output.Append(Tail);
            _ended = true;
            return true;
        }

        ReadOnlySpan<char> text = _segment.AsSpan(0, count);
        bool continuation = _midLine;
        _midLine = !lineEnded;
        if (!continuation)
        {
            _previousWasSpace = true;
            if (lineEnded && text.Trim().IsEmpty)
            {
                if (_inParagraph)
                {
                    output.Append("</p>\r\n");
                    _inParagraph = false;
                }

                return true;
            }

            output.Append(_inParagraph ? "<br>\r\n" : "<p>");
            _inParagraph = true;
        }

        AppendEscaped(output, text);
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _text.Dispose();
        }

        base.Dispose(disposing);
    }

    private void AppendEscaped(StringBuilder output, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            switch (c)
            {
                case '&':
                    output.Append("&amp;");
                    break;
                case '<':
                    output.Append("&lt;");
                    break;
                case '>':
                    output.Append("&gt;");
                    break;
                case '"':
                    output.Append("&quot;");
                    break;
                case '\'':
                    output.Append("&#39;");
                    break;
                case ' ':
                    // A space after a space (or at the start of a line) would collapse: keep its width.
                    output.Append(_previousWasSpace ? "&nbsp;" : " ");
                    _previousWasSpace = true;
                    continue;
                case '\t':
                    output.Append("&nbsp;&nbsp;&nbsp;&nbsp;");
                    _previousWasSpace = true;
                    continue;
                default:
                    output.Append(c);
                    break;
            }

            _previousWasSpace = false;
        }
    }
}
