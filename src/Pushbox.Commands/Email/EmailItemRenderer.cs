using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using MimeKit;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Protocol.Commands.ItemData;
using Pushbox.Wbxml;
using static Pushbox.Wbxml.EasCodePages;

namespace Pushbox.Commands.Email;

/// <summary>
/// Renders a stored email as EAS item data — the children of Sync's <c>ApplicationData</c>, of
/// ItemOperations Fetch's and Search's <c>Properties</c> — for any protocol version, and opens its
/// attachments.
/// </summary>
/// <remarks>
/// <para>
/// Header fields come from the item's <see cref="EmailSummary"/>; the body, the attachment list, the
/// sender and the code page come from the MIME, which is parsed when the writer runs (MimeKit's
/// persistent mode over the seekable blob: bodies stay on disk and are decoded while they are
/// written, a chunk at a time, flushing the response as they go).
/// </para>
/// <para>
/// Bad content never fails an item: a missing or unreadable blob, or MIME MimeKit cannot make a
/// message of, gives the summary fields and an empty body (logged as a warning); unknown or lying
/// charsets decode as UTF-8 with Windows-1252 for the bytes that are not UTF-8. Only cancellation
/// and failures of the output escape the writer.
/// </para>
/// <para>
/// Elements are written in the order of MS-ASEMAIL, each only in the versions that define it: the
/// <c>email:</c> body, MIME and attachment elements in 2.5; <c>airsyncbase:Body</c>, Attachments,
/// NativeBodyType, Flag and ContentClass from 12.0; Categories, Preview and the Email2 elements from
/// 14.0. Rights management is not supported, so no <c>rm:</c> element is ever written.
/// </para>
/// </remarks>
public sealed class EmailItemRenderer
{
    /// <summary>The response is flushed after each this many bytes of body data.</summary>
    public const int FlushThreshold = 64 * 1024;

    /// <summary>MS-ASEMAIL ContentClass of an email.</summary>
    public const string MessageContentClass = "urn:content-classes:message";

    private const int ChunkSize = 16 * 1024;
    private const int MaxCategories = 300;

    /// <summary>The characters taken out of text: U+0000 and the C0 controls other than tab, LF and CR.</summary>
    private static readonly SearchValues<char> DroppedText = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private readonly IBlobStore _blobs;
    private readonly ILogger<EmailItemRenderer> _logger;

    /// <summary>A renderer reading message content from <paramref name="blobs"/>.</summary>
    public EmailItemRenderer(IBlobStore blobs, ILogger<EmailItemRenderer> logger)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(logger);
        _blobs = blobs;
        _logger = logger;
    }

    /// <summary>
    /// A writer of <paramref name="item"/>'s data for a client of <paramref name="version"/> with
    /// <paramref name="options"/>. Nothing is read until the writer runs; it may run more than once.
    /// </summary>
    /// <remarks>
    /// The body is the first of the client's BodyPreferences Pushbox can produce (plain text, HTML —
    /// converted from the other when the message lacks it — or the whole MIME; RTF is never produced,
    /// RTF alone gets plain text), skipping an AllOrNone preference whose body does not fit (when none
    /// fits, the first is announced with Truncated and no data). TruncationSize counts bytes of UTF-8
    /// and never cuts inside a character. A 2.5 client gets the email-namespace Body (plain text, cut at
    /// its Truncation code) or, with MIMESupport, MIMEData cut at its MIMETruncation code.
    /// <para>
    /// A body with a limit is decoded and converted only one byte past it, which is all that Truncated
    /// and AllOrNone need to be exact. Its EstimatedDataSize (2.5: BodySize) is then what MS-ASAIRS
    /// calls it, an estimate: the MIME part's decoded size, scaled for a conversion, never below the
    /// limit plus one. A body sent whole, or short enough to be produced whole, has its exact size.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="item"/> is not an email.</exception>
    public ItemDataWriter Render(StoredItem item, ItemBodyOptions options, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(options);
        EmailSummary summary = item.Email ?? throw new ArgumentException("The item is not an email.", nameof(item));
        return (output, cancellationToken) => RenderAsync(item, summary, options, version, output, cancellationToken);
    }

    /// <summary>
    /// A cheap estimate of the bytes <see cref="Render"/> writes for <paramref name="item"/>, from the
    /// summary and the stored size alone (no blob I/O), for capping a response's size. The body counts
    /// at most its limit, and otherwise three bytes of UTF-8 per stored byte (six for HTML, which may be
    /// plain text with its characters escaped); the attachment list counts up to 16 KB (2 KB when the summary says there are none). It is an upper
    /// bound for all but contrived messages (an HTML body made from plain text full of tabs, or
    /// hundreds of attachments), which is what a size cap needs.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Part of the renderer's API, beside Render; callers hold the renderer.")]
    public long EstimateSize(StoredItem item, ItemBodyOptions options, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(options);
        EmailSummary summary = item.Email ?? throw new ArgumentException("The item is not an email.", nameof(item));
        long size = 128
            + Utf8Length(summary.To) * 2 // To and DisplayTo
            + Utf8Length(summary.Cc)
            + Utf8Length(summary.From)
            + (Utf8Length(summary.Subject) * 2) // Subject and the flag's subject
            + Utf8Length(summary.ReplyTo)
            + Utf8Length(summary.ThreadTopic)
            + Utf8Length(summary.MessageClass)
            + 256; // dates, numbers, flag, content class, conversation id and index, sender
        foreach (string category in summary.Categories)
        {
            size += Utf8Length(category) + 4;
        }

        // The summary's HasAttachments misses inline parts without a file name, which are listed too.
        size += summary.HasAttachments ? Math.Min(item.Size, 16 * 1024) : Math.Min(item.Size / 4, 2 * 1024);

        bool isSmime = IsSmime(summary);
        if (version < EasVersion.V120)
        {
            bool mime = BodyPreferences.LegacyMime(options, isSmime);
            long? limit = mime ? BodyPreferences.MimeTruncationLimit(options.MimeTruncation) : BodyPreferences.TruncationLimit(options.Truncation);
            return size + 32 + Math.Min(limit ?? long.MaxValue, mime ? item.Size : 3 * item.Size);
        }

        long body = 0;
        foreach (BodyRequest request in BodyPreferences.Candidates(options, isSmime, version))
        {
            long factor = request.Type switch { BodyType.Mime => 1, BodyType.Html => 6, _ => 3 };
            long bound = Math.Min(request.Limit ?? long.MaxValue, factor * item.Size) + (3L * request.Preview);
            body = Math.Max(body, bound);
        }

        return size + 48 + body;
    }

    /// <summary>
    /// Opens attachment <paramref name="partIndex"/> (the last component of its
    /// <see cref="EmailFileReference"/>) of <paramref name="item"/>, or returns null when the item is not
    /// an email, its content is missing or unreadable, or the part is not one of its attachments.
    /// Attachments are the message's body parts in MIME order (MimeKit's
    /// <see cref="MimeMessage.BodyParts"/>, not descending into attached messages), less the text and
    /// HTML parts that are body text; the index counts every body part, so it is the same every time.
    /// Dispose the result.
    /// </summary>
    public async Task<EmailAttachment?> OpenAttachmentAsync(StoredItem item, int partIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Email is null || partIndex < 0)
        {
            return null;
        }

        ParsedEmail? email = await OpenAsync(item, cancellationToken).ConfigureAwait(false);
        if (email is null)
        {
            return null;
        }

        if (email.AttachmentAt(partIndex) is not { } attachment)
        {
            await email.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        return new EmailAttachment(email, attachment);
    }

    /// <summary>
    /// The first <paramref name="maxChars"/> characters of the item's body as plain text, white space collapsed
    /// (Find's Preview); empty when the content is missing or unreadable (logged).
    /// </summary>
    public async Task<string> PreviewAsync(StoredItem item, int maxChars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Email is null || maxChars <= 0)
        {
            return string.Empty;
        }

        ParsedEmail? email = await OpenAsync(item, cancellationToken).ConfigureAwait(false);
        if (email is null)
        {
            return string.Empty;
        }

        await using (email.ConfigureAwait(false))
        {
            using TextReader text = email.OpenPlainText();
            return BodyPreview.Of(text, maxChars);
        }
    }

    /// <summary>An address list as EAS displays it (DisplayTo): the display names, or else the addresses, separated by semicolons; null when empty.</summary>
    public static string? DisplayNames(string list) => JoinAddresses(list, names: true);

    private static bool IsSmime(EmailSummary summary) =>
        summary.MessageClass.StartsWith("IPM.Note.SMIME", StringComparison.OrdinalIgnoreCase);

    private static long Utf8Length(string? value) => value is null ? 0 : Encoding.UTF8.GetByteCount(value) + 8;

    private async ValueTask RenderAsync(StoredItem item, EmailSummary summary, ItemBodyOptions options, EasVersion version, WbxmlResponseOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ParsedEmail? email = await OpenAsync(item, cancellationToken).ConfigureAwait(false);
        try
        {
            using PreparedBody body = Prepare(item, summary, email, options, version);
            WbxmlWriter writer = output.Writer;
            WriteString(writer, EmailTags.To, summary.To);
            WriteString(writer, EmailTags.Cc, summary.Cc);
            WriteString(writer, EmailTags.From, summary.From);
            WriteString(writer, EmailTags.Subject, summary.Subject);
            WriteString(writer, EmailTags.ReplyTo, JoinAddresses(summary.ReplyTo, names: false));
            writer.WriteElementString(EmailTags.DateReceived, FormatDate(summary.DateReceived));
            WriteString(writer, EmailTags.DisplayTo, JoinAddresses(summary.To, names: true));
            WriteString(writer, EmailTags.ThreadTopic, summary.ThreadTopic);
            writer.WriteElementInt(EmailTags.Importance, (int)summary.Importance);
            writer.WriteElementInt(EmailTags.Read, summary.Read ? 1 : 0);
            if (version >= EasVersion.V120)
            {
                WriteFlag(writer, summary.Flag);
            }

            if (email is not null)
            {
                WriteAttachments(writer, item, email.Attachments, version);
            }

            if (version >= EasVersion.V120)
            {
                await WriteBodyAsync(output, item, email, body, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WriteLegacyBodyAsync(output, item, email, body, cancellationToken).ConfigureAwait(false);
            }

            WriteString(writer, EmailTags.MessageClass, summary.MessageClass.Length > 0 ? summary.MessageClass : "IPM.Note");
            writer.WriteElementString(EmailTags.InternetCPID, (email?.CodePage ?? TextCharsets.DefaultCodePage).ToString(CultureInfo.InvariantCulture));
            if (version >= EasVersion.V120)
            {
                writer.WriteElementString(EmailTags.ContentClass, MessageContentClass);
                writer.WriteElementInt(AirSyncBaseTags.NativeBodyType, (int)(email?.NativeBodyType ?? BodyType.PlainText));
            }

            if (version >= EasVersion.V140)
            {
                WriteCategories(writer, summary.Categories);
                if (summary.ConversationId.Length > 0)
                {
                    writer.WriteElementOpaque(Email2Tags.ConversationId, summary.ConversationId);
                }

                writer.WriteElementOpaque(Email2Tags.ConversationIndex, ConversationIndex(summary.DateReceived));
                WriteString(writer, Email2Tags.Sender, email is null ? null : SenderOf(email.Message));
                if (summary.LastVerb is { } verb && summary.LastVerbAt is { } verbAt)
                {
                    writer.WriteElementInt(Email2Tags.LastVerbExecuted, (int)verb);
                    writer.WriteElementString(Email2Tags.LastVerbExecutionTime, FormatDate(verbAt));
                }
            }
        }
        finally
        {
            if (email is not null)
            {
                await email.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Opens and parses the item's MIME; null (logged) when it is missing or cannot be parsed.</summary>
    private async Task<ParsedEmail?> OpenAsync(StoredItem item, CancellationToken cancellationToken)
    {
        if (item.BlobHash is not { Length: > 0 } hash)
        {
            EmailRenderLog.BlobMissing(_logger, item.Id, item.BlobHash);
            return null;
        }

        Stream? stream;
        try
        {
            stream = await _blobs.OpenReadAsync(hash, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EmailRenderLog.Unreadable(_logger, item.Id, e);
            return null;
        }

        if (stream is null)
        {
            EmailRenderLog.BlobMissing(_logger, item.Id, hash);
            return null;
        }

        try
        {
            if (!stream.CanSeek)
            {
                stream = await SpoolAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            return ParsedEmail.Parse(stream, cancellationToken);
        }
        catch (Exception e)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            if (e is OperationCanceledException)
            {
                throw;
            }

            EmailRenderLog.Unreadable(_logger, item.Id, e);
            return null;
        }
    }

    /// <summary>Copies a stream that cannot seek into a temporary file (deleted on close), which persistent parsing needs.</summary>
    private static async Task<Stream> SpoolAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using (stream.ConfigureAwait(false))
        {
            var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            try
            {
                await stream.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                file.Position = 0;
                return file;
            }
            catch
            {
                await file.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Decides the body and measures it; an empty body (logged) when the content fails.</summary>
    private PreparedBody Prepare(StoredItem item, EmailSummary summary, ParsedEmail? email, ItemBodyOptions options, EasVersion version)
    {
        bool isSmime = IsSmime(summary);
        IReadOnlyList<BodyRequest> candidates = version >= EasVersion.V120
            ? BodyPreferences.Candidates(options, isSmime, version)
            : [LegacyRequest(options, isSmime)];
        if (email is null)
        {
            return new PreparedBody(candidates[0], MeasuredBody.Empty, null);
        }

        try
        {
            MeasuredBody? first = null;
            foreach (BodyRequest request in candidates)
            {
                MeasuredBody measured = Measure(email, request);
                if (!request.AllOrNone || measured.Length <= request.Limit)
                {
                    first?.Dispose();
                    return new PreparedBody(request, measured, PreviewOf(email, request, measured));
                }

                if (first is null)
                {
                    first = measured;
                }
                else
                {
                    measured.Dispose();
                }
            }

            // Nothing fits whole: announce the first with its size and no data (MS-ASAIRS AllOrNone).
            return new PreparedBody(candidates[0], first!, PreviewOf(email, candidates[0], first!));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EmailRenderLog.BodyFailed(_logger, item.Id, e);
            return new PreparedBody(candidates[0], MeasuredBody.Empty, null);
        }
    }

    private static BodyRequest LegacyRequest(ItemBodyOptions options, bool isSmime) =>
        BodyPreferences.LegacyMime(options, isSmime)
            ? new BodyRequest(BodyType.Mime, BodyPreferences.MimeTruncationLimit(options.MimeTruncation), false, 0)
            : new BodyRequest(BodyType.PlainText, BodyPreferences.TruncationLimit(options.Truncation), false, 0);

    private static MeasuredBody Measure(ParsedEmail email, BodyRequest request)
    {
        if (request.Type == BodyType.Mime)
        {
            return MeasuredBody.OfLength(email.Length);
        }

        using Utf8Source source = email.OpenBody(request.Type);
        return MeasuredBody.Measure(source, request.Limit, email.EstimateLength(request.Type));
    }

    /// <summary>The preview asked for, except beside plain-text data, which is its own preview (MS-ASAIRS_R1001036).</summary>
    private static string? PreviewOf(ParsedEmail email, BodyRequest request, MeasuredBody measured)
    {
        if (request.Preview <= 0)
        {
            return null;
        }

        var probe = new PreparedBody(request, measured, null);
        if (request.Type == BodyType.PlainText && probe.SendLength > 0)
        {
            return null;
        }

        using TextReader text = email.OpenPlainText();
        return BodyPreview.Of(text, request.Preview);
    }

    private async ValueTask WriteBodyAsync(WbxmlResponseOutput output, StoredItem item, ParsedEmail? email, PreparedBody body, CancellationToken cancellationToken)
    {
        WbxmlWriter writer = output.Writer;
        writer.WriteStartElement(AirSyncBaseTags.Body);
        writer.WriteElementInt(AirSyncBaseTags.Type, (int)body.Request.Type);
        writer.WriteElementInt(AirSyncBaseTags.EstimatedDataSize, body.Length);
        writer.WriteElementInt(AirSyncBaseTags.Truncated, body.Truncated ? 1 : 0);
        if (body.HasData)
        {
            writer.WriteStartElement(AirSyncBaseTags.Data);
            await WriteDataAsync(output, item, email, body, cancellationToken).ConfigureAwait(false);
            writer.WriteEndElement();
        }

        WriteString(writer, AirSyncBaseTags.Preview, body.Preview);
        writer.WriteEndElement();
    }

    /// <summary>2.5: MIMETruncated, MIMEData, MIMESize for MIME; BodyTruncated, BodySize (when truncated), Body for text.</summary>
    private async ValueTask WriteLegacyBodyAsync(WbxmlResponseOutput output, StoredItem item, ParsedEmail? email, PreparedBody body, CancellationToken cancellationToken)
    {
        WbxmlWriter writer = output.Writer;
        bool mime = body.Request.Type == BodyType.Mime;
        writer.WriteElementInt(mime ? EmailTags.MIMETruncated : EmailTags.BodyTruncated, body.Truncated ? 1 : 0);
        if (!mime && body.Truncated)
        {
            writer.WriteElementInt(EmailTags.BodySize, body.Length);
        }

        if (body.HasData)
        {
            writer.WriteStartElement(mime ? EmailTags.MIMEData : EmailTags.Body);
            await WriteDataAsync(output, item, email, body, cancellationToken).ConfigureAwait(false);
            writer.WriteEndElement();
        }

        if (mime)
        {
            writer.WriteElementInt(EmailTags.MIMESize, body.Length);
        }
    }

    /// <summary>
    /// Writes the body's first <see cref="PreparedBody.SendLength"/> bytes (backing off to a character
    /// boundary) as one inline string: from the measured start when it holds them, else read again and
    /// streamed, flushing the response every <see cref="FlushThreshold"/> bytes. A read that fails
    /// part-way ends the string there (logged): the output stays well formed.
    /// </summary>
    private async ValueTask WriteDataAsync(WbxmlResponseOutput output, StoredItem item, ParsedEmail? email, PreparedBody body, CancellationToken cancellationToken)
    {
        WbxmlWriter writer = output.Writer;
        long limit = body.SendLength;
        writer.WriteInlineStringStart();
        if (email is null || limit == 0)
        {
            writer.WriteInlineStringEnd();
            return;
        }

        // The retained start serves when it holds the whole body, or the byte after the cut too.
        if (body.Measured.RetainsWhole || limit < body.Measured.RetainedLength)
        {
            ReadOnlyMemory<byte> retained = body.Measured.Retained;
            int cut = Utf8Source.CutAtBoundary(retained.Span, (int)limit);
            for (int offset = 0; offset < cut; offset += FlushThreshold)
            {
                int take = Math.Min(FlushThreshold, cut - offset);
                writer.WriteInlineStringChunk(retained.Span.Slice(offset, take));
                if (offset + take < cut)
                {
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            writer.WriteInlineStringEnd();
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        Utf8Source? source = null;
        try
        {
            long written = 0;
            int sinceFlush = 0;
            while (written < limit)
            {
                int read;
                try
                {
                    source ??= email.OpenBody(body.Request.Type);
                    read = source.Read(buffer.AsSpan(0, ChunkSize));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    EmailRenderLog.BodyCutShort(_logger, item.Id, e);
                    break;
                }

                if (read == 0)
                {
                    break;
                }

                int take = written + read > limit ? Utf8Source.CutAtBoundary(buffer.AsSpan(0, read), (int)(limit - written)) : read;
                writer.WriteInlineStringChunk(buffer.AsSpan(0, take));
                written += take;
                sinceFlush += take;
                if (take < read)
                {
                    break;
                }

                if (sinceFlush >= FlushThreshold)
                {
                    sinceFlush = 0;
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            source?.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }

        writer.WriteInlineStringEnd();
    }

    private static void WriteFlag(WbxmlWriter writer, EmailFlag? flag)
    {
        writer.WriteStartElement(EmailTags.Flag);
        if (flag is { Status: not 0 })
        {
            WriteString(writer, TasksTags.Subject, flag.Subject);
            writer.WriteElementInt(EmailTags.Status, flag.Status);
            WriteString(writer, EmailTags.FlagType, flag.FlagType);
            if (flag.CompleteTime is { } completed)
            {
                writer.WriteElementString(TasksTags.DateCompleted, FormatDate(completed));
                writer.WriteElementString(EmailTags.CompleteTime, FormatDate(completed));
            }

            if (flag.StartDate is { } start)
            {
                writer.WriteElementString(TasksTags.StartDate, FormatLocalDate(start));
            }

            if (flag.DueDate is { } due)
            {
                writer.WriteElementString(TasksTags.DueDate, FormatLocalDate(due));
            }

            if (flag.StartDate is { } utcStart)
            {
                writer.WriteElementString(TasksTags.UtcStartDate, FormatDate(utcStart));
            }

            if (flag.DueDate is { } utcDue)
            {
                writer.WriteElementString(TasksTags.UtcDueDate, FormatDate(utcDue));
            }

            if (flag.ReminderSet is { } reminderSet)
            {
                writer.WriteElementInt(TasksTags.ReminderSet, reminderSet ? 1 : 0);
            }

            if (flag.ReminderTime is { } reminder)
            {
                writer.WriteElementString(TasksTags.ReminderTime, FormatDate(reminder));
            }
        }

        writer.WriteEndElement();
    }

    private static void WriteAttachments(WbxmlWriter writer, StoredItem item, IReadOnlyList<MessageAttachment> attachments, EasVersion version)
    {
        if (attachments.Count == 0)
        {
            return;
        }

        bool legacy = version < EasVersion.V120;
        writer.WriteStartElement(legacy ? EmailTags.Attachments : AirSyncBaseTags.Attachments);
        foreach (MessageAttachment attachment in attachments)
        {
            string reference = EmailFileReference.For(item, attachment.PartIndex).ToString();
            if (legacy)
            {
                // Email.xsd's order: AttName (what GetAttachment asks for), AttSize, AttMethod, DisplayName.
                writer.WriteStartElement(EmailTags.Attachment);
                writer.WriteElementString(EmailTags.AttName, reference);
                writer.WriteElementInt(EmailTags.AttSize, attachment.EstimatedSize);
                writer.WriteElementInt(EmailTags.AttMethod, attachment.Method);
                WriteString(writer, EmailTags.DisplayName, attachment.DisplayName);
                writer.WriteEndElement();
                continue;
            }

            writer.WriteStartElement(AirSyncBaseTags.Attachment);
            WriteString(writer, AirSyncBaseTags.DisplayName, attachment.DisplayName);
            writer.WriteElementString(AirSyncBaseTags.FileReference, reference);
            writer.WriteElementInt(AirSyncBaseTags.Method, attachment.Method);
            writer.WriteElementInt(AirSyncBaseTags.EstimatedDataSize, attachment.EstimatedSize);
            WriteString(writer, AirSyncBaseTags.ContentId, attachment.ContentId);
            WriteString(writer, AirSyncBaseTags.ContentLocation, attachment.ContentLocation);
            writer.WriteElementInt(AirSyncBaseTags.IsInline, attachment.IsInline ? 1 : 0);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteCategories(WbxmlWriter writer, IReadOnlyList<string> categories)
    {
        writer.WriteStartElement(EmailTags.Categories);
        int written = 0;
        foreach (string category in categories)
        {
            if (written == MaxCategories)
            {
                break;
            }

            if (Clean(category) is { Length: > 0 } name)
            {
                writer.WriteElementString(EmailTags.Category, name);
                written++;
            }
        }

        writer.WriteEndElement();
    }

    /// <summary>The Sender header when it names someone other than the From addresses (MS-ASEMAIL 2.2.2.70).</summary>
    private static string? SenderOf(MimeMessage message)
    {
        if (message.Sender is not { Address.Length: > 0 } sender)
        {
            return null;
        }

        foreach (MailboxAddress from in message.From.Mailboxes)
        {
            if (string.Equals(from.Address, sender.Address, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return sender.ToString();
    }

    /// <summary>
    /// Five bytes: the top 40 bits of the FILETIME of <paramref name="date"/>, the timestamp that starts
    /// an Outlook conversation index (MS-ASCON ConversationIndex; MS-OXOMSG PidTagConversationIndex).
    /// </summary>
    private static byte[] ConversationIndex(DateTimeOffset date)
    {
        Span<byte> fileTime = stackalloc byte[8];
        long ticks = date.UtcTicks - DateTimeOffset.FromFileTime(0).UtcTicks;
        BinaryPrimitives.WriteInt64BigEndian(fileTime, Math.Max(0, ticks));
        return fileTime[..5].ToArray();
    }

    /// <summary>
    /// An address list as EAS separates it with semicolons: display names (DisplayTo) or the addresses as
    /// written (ReplyTo). Text MimeKit cannot read as addresses is passed on as it is.
    /// </summary>
    private static string? JoinAddresses(string list, bool names)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return null;
        }

        if (!InternetAddressList.TryParse(list, out InternetAddressList? addresses) || addresses.Count == 0)
        {
            return list;
        }

        var joined = new StringBuilder();
        foreach (InternetAddress address in addresses)
        {
            string text = !names ? address.ToString()
                : address.Name is { Length: > 0 } name ? name
                : address is MailboxAddress mailbox ? mailbox.Address
                : address.ToString();
            if (joined.Length > 0)
            {
                joined.Append("; ");
            }

            joined.Append(text);
        }

        return joined.ToString();
    }

    /// <summary>Writes a string element unless the value is empty once control characters are taken out.</summary>
    private static void WriteString(WbxmlWriter writer, ushort tag, string? value)
    {
        if (Clean(value) is { Length: > 0 } text)
        {
            writer.WriteElementString(tag, text);
        }
    }

    /// <summary><paramref name="value"/> without U+0000 and the C0 controls other than tab, CR and LF.</summary>
    private static string? Clean(string? value)
    {
        if (value is null || !value.AsSpan().ContainsAny(DroppedText))
        {
            return value;
        }

        var cleaned = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (TextUtf8Source.IsKept(c))
            {
                cleaned.Append(c);
            }
        }

        return cleaned.ToString();
    }

    /// <summary>MS-ASDTYPE dateTime in UTC: 2026-12-01T10:00:00.000Z.</summary>
    private static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The local clock time of <paramref name="value"/> in the same form (tasks:StartDate and DueDate are local).</summary>
    private static string FormatLocalDate(DateTimeOffset value) =>
        value.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
