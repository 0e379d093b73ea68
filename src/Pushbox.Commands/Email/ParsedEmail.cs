using System.Text;
using MimeKit;
using MimeKit.Text;
using Pushbox.Protocol.Commands.AirSyncBase;

namespace Pushbox.Commands.Email;

/// <summary>
/// A stored message parsed for rendering: MimeKit's persistent parse over the seekable blob stream,
/// so headers are in memory and every body stays on disk until it is read. Finds the text and HTML
/// bodies, enumerates the attachments in a fixed order and opens bodies as UTF-8 sources.
/// </summary>
internal sealed class ParsedEmail : IAsyncDisposable
{
    /// <summary>Nesting deeper than this is not parsed (a defence against hostile messages).</summary>
    public const int MaxMimeDepth = 32;

    private const int MaxDisplayNameLength = 255;

    private static readonly ParserOptions Options = CreateOptions();

    private readonly Stream _blob;
    private readonly Dictionary<MimeEntity, (long Start, long End)> _contentLengths;
    private readonly List<MimeEntity> _parts;

    private ParsedEmail(Stream blob, MimeMessage message, Dictionary<MimeEntity, (long Start, long End)> contentLengths)
    {
        _blob = blob;
        _contentLengths = contentLengths;
        Message = message;
        _parts = [.. message.BodyParts];
        PlainBody = FindBody(message.Body, TextFormat.Plain);
        HtmlBody = FindBody(message.Body, TextFormat.Html);
        Attachments = EnumerateAttachments();
    }

    /// <summary>The parsed message.</summary>
    public MimeMessage Message { get; }

    /// <summary>The text/plain body, or null.</summary>
    public TextPart? PlainBody { get; }

    /// <summary>The text/html body, or null.</summary>
    public TextPart? HtmlBody { get; }

    /// <summary>The attachments in body-part order.</summary>
    public IReadOnlyList<MessageAttachment> Attachments { get; }

    /// <summary>The length of the stored message in bytes.</summary>
    public long Length => _blob.Length;

    /// <summary>MS-ASAIRS NativeBodyType: 2 when the message has an HTML body, else 1.</summary>
    public BodyType NativeBodyType => HtmlBody is null ? BodyType.PlainText : BodyType.Html;

    /// <summary>The code page of the body's charset (MS-ASEMAIL InternetCPID).</summary>
    public int CodePage => TextCharsets.CodePageOf((HtmlBody ?? PlainBody)?.ContentType.Charset);

    /// <summary>Parses the message in <paramref name="blob"/> (seekable), which it then owns.</summary>
    /// <remarks>
    /// Synchronous on purpose, like every later read of the bodies: blobs are local files, and on Linux
    /// an asynchronous FileStream read is the same blocking read queued to the thread pool, so the
    /// asynchronous parse paid two pool hops per buffer for nothing (measured: about a third of the
    /// CPU of rendering a body cut at 5,120 bytes). A blob store whose streams cannot seek is spooled
    /// to a file asynchronously first. The parse still stops at <paramref name="cancellationToken"/>.
    /// </remarks>
    /// <exception cref="FormatException">MimeKit could not make a message of it.</exception>
    public static ParsedEmail Parse(Stream blob, CancellationToken cancellationToken)
    {
        var contentLengths = new Dictionary<MimeEntity, (long Start, long End)>(ReferenceEqualityComparer.Instance);
        var parser = new MimeParser(Options, blob, MimeFormat.Entity, persistent: true);
        parser.MimeEntityEnd += (_, e) => contentLengths[e.Entity] = (e.HeadersEndOffset, Math.Max(e.HeadersEndOffset, e.EndOffset));
        MimeMessage message = parser.ParseMessage(cancellationToken);
        return new ParsedEmail(blob, message, contentLengths);
    }

    /// <summary>The body part at <paramref name="partIndex"/> if it is an attachment, else null.</summary>
    public MessageAttachment? AttachmentAt(int partIndex)
    {
        foreach (MessageAttachment attachment in Attachments)
        {
            if (attachment.PartIndex == partIndex)
            {
                return attachment;
            }
        }

        return null;
    }

    /// <summary>Where <paramref name="entity"/>'s content (after its headers) lies in the stored message, when the parser reported it.</summary>
    public (long Start, long End)? ContentRange(MimeEntity entity) => _contentLengths.TryGetValue(entity, out (long, long) range) ? range : null;

    /// <summary>The number of bytes of <paramref name="entity"/>'s content in the stored message, when the parser reported it.</summary>
    public long? ContentLength(MimeEntity entity) => ContentRange(entity) is { } range ? range.End - range.Start : null;

    /// <summary>
    /// The body as <paramref name="type"/>: text and HTML from the part of that type or converted from
    /// the other (an empty body when the message has neither), MIME as the stored bytes.
    /// </summary>
    public Utf8Source OpenBody(BodyType type)
    {
        if (type == BodyType.Mime)
        {
            _blob.Position = 0;
            return new MimeUtf8Source(_blob);
        }

        TextReader reader = type == BodyType.Html
            ? HtmlBody is { } html ? OpenText(html) : PlainBody is { } plain ? new TextToHtmlReader(OpenText(plain)) : TextReader.Null
            : OpenPlainText();
        return new TextUtf8Source(reader);
    }

    /// <summary>
    /// An estimate of the length in bytes of UTF-8 of the body as <paramref name="type"/>, from the sizes
    /// the parser recorded (no reading): the EstimatedDataSize of a body that is cut before its end, when
    /// its exact length would take decoding and converting all of it. The part's decoded size (base64
    /// counts three bytes for four), half again for a multi-byte legacy charset; HTML made from text
    /// adds an eighth (line breaks become &lt;br&gt;) and the document around it; text made from HTML
    /// counts half, markup being roughly half of a typical HTML mail. MIME is the stored length.
    /// </summary>
    public long EstimateLength(BodyType type)
    {
        if (type == BodyType.Mime)
        {
            return Length;
        }

        if (type == BodyType.Html)
        {
            return HtmlBody is { } html ? EstimateText(html)
                : PlainBody is { } plain ? (EstimateText(plain) * 9 / 8) + TextToHtmlReader.DocumentLength
                : 0;
        }

        return PlainBody is { } text ? EstimateText(text) : HtmlBody is { } markup ? EstimateText(markup) / 2 : 0;
    }

    /// <summary>The body as plain text, converted from HTML when the message has no text part.</summary>
    public TextReader OpenPlainText() =>
        PlainBody is { } plain ? OpenText(plain) : HtmlBody is { } html ? new HtmlToTextReader(OpenText(html)) : TextReader.Null;

    /// <summary>The stored message (seekable; the parsed parts read from it too, so keep no position across calls).</summary>
    public Stream Blob => _blob;

    /// <summary>Disposes the message (whose entities would otherwise wait for the finalizer) and the blob.</summary>
    public ValueTask DisposeAsync()
    {
        Message.Dispose();
        return _blob.DisposeAsync();
    }

    private static StreamReader OpenText(TextPart part)
    {
        Stream content = part.Content?.Open() ?? Stream.Null;
        return new StreamReader(content, TextCharsets.ForDecoding(part.ContentType.Charset), detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: false);
    }

    private static TextPart? FindBody(MimeEntity? body, TextFormat format) => body switch
    {
        Multipart multipart => multipart.TryGetValue(format, out TextPart? text) ? text : null,
        TextPart text when (format == TextFormat.Html ? text.IsHtml : text.IsPlain) && !text.IsAttachment => text,
        _ => null,
    };

    private static ParserOptions CreateOptions()
    {
        ParserOptions options = ParserOptions.Default.Clone();
        options.MaxMimeDepth = MaxMimeDepth;
        return options;
    }

    private List<MessageAttachment> EnumerateAttachments()
    {
        var attachments = new List<MessageAttachment>();
        for (int i = 0; i < _parts.Count; i++)
        {
            MimeEntity entity = _parts[i];
            if (entity is TextPart text && (text.IsPlain || text.IsHtml) && !text.IsAttachment)
            {
                // Body text (the chosen body, or an alternative of it), not a file.
                continue;
            }

            if (entity is not (MimePart or MessagePart))
            {
                continue;
            }

            string contentType = entity.ContentType.MimeType.ToLowerInvariant();
            string? contentId = Clean(entity.ContentId);
            string? location = entity.ContentLocation?.ToString() is { Length: > 0 and <= 2048 } l ? Clean(l) : null;
            bool isInline = contentId is not null && !entity.IsAttachment;
            if (entity is MessagePart message)
            {
                string name = NameOf(entity) ?? ((Clean(message.Message?.Subject) is { Length: > 0 } subject ? subject : "message") + ".eml");
                attachments.Add(new MessageAttachment(i, entity, Limit(name), contentType, Method: 5, ContentLength(entity) ?? 0, contentId, location, IsInline: false));
            }
            else
            {
                var part = (MimePart)entity;
                string name = NameOf(entity) ?? DefaultName(attachments.Count + 1, contentType);
                attachments.Add(new MessageAttachment(i, entity, Limit(name), contentType, Method: 1, EstimateDecoded(part), contentId, location, isInline));
            }
        }

        return attachments;
    }

    private static string? NameOf(MimeEntity entity) =>
        Clean(entity.ContentDisposition?.FileName) ?? Clean(entity.ContentType.Name);

    private static string DefaultName(int number, string contentType) =>
        "attachment" + number.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + (MimeTypes.TryGetExtension(contentType, out string? extension) ? extension : ".bin");

    private static long EstimateText(TextPart part)
    {
        long decoded = EstimateDecoded(part);
        Encoding encoding = TextCharsets.ForDecoding(part.ContentType.Charset);
        return encoding.IsSingleByte || encoding.CodePage == TextCharsets.DefaultCodePage ? decoded : decoded * 3 / 2;
    }

    private static long EstimateDecoded(MimePart part)
    {
        if (part.Content?.Stream is not { CanSeek: true } stream)
        {
            return 0;
        }

        long encoded = stream.Length;
        return part.ContentTransferEncoding switch
        {
            ContentEncoding.Base64 or ContentEncoding.UUEncode => encoded * 3 / 4,
            _ => encoded,
        };
    }

    /// <summary>Header text with the control characters taken out and trimmed; null when nothing is left.</summary>
    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string cleaned = string.Create(value.Length, value, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        }).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    private static string Limit(string value) => value.Length <= MaxDisplayNameLength ? value : value[..MaxDisplayNameLength];
}
