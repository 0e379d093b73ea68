using Pushbox.Mailbox.Policies;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Protocol.Commands.Provision;
using Pushbox.Protocol.Commands.Sync;

namespace Pushbox.Commands.Policies;

/// <summary>
/// What a mailbox policy lets the server send, whatever the device asks (MS-ASPROV 2.2.2): the email date window,
/// body sizes and types, and attachments. Pure: <see cref="EasDispatcher"/> reads the effective policy and puts its
/// caps (<see cref="Of"/>) in <see cref="EasRequestContext.Caps"/>; Sync and ItemOperations turn the device's options
/// into what they send (<see cref="CapEmail"/>, <see cref="CapBody"/>) and refuse attachments
/// (<see cref="Attachment"/>). Capping is idempotent and depends only on the policy and the options asked, so the
/// same request gets the same effective options every time (a capped FilterType never looks like a change).
/// </summary>
/// <remarks>
/// <para>Units. MS-ASPROV 2.2.2.34 and 2.2.2.35 give no unit for MaxEmailBodyTruncationSize and
/// MaxEmailHTMLBodyTruncationSize (-1 no truncation, R267/R273; 0 headers only, R268/R274; above 0 the size);
/// Exchange's mobile device mailbox policy states them in kilobytes, as <see cref="EasProvisionDoc"/> does, so a
/// value n caps bodies at n × 1,024 bytes of UTF-8. MaxAttachmentSize is in bytes (MS-ASPROV_R738).</para>
/// <para>MIME bodies (BodyPreference Type 4, 2.5 MIMESupport) carry the HTML part and every attachment, so they are
/// sent only when the policy allows HTML and attachments; otherwise the device gets plain text instead. When they
/// are sent, their size is capped by the smaller of the two body caps. MaxAttachmentSize is not applied to MIME
/// bodies (an attachment inside one is cut only by the body caps).</para>
/// </remarks>
public sealed record PolicyCaps
{
    /// <summary>No policy: nothing is capped.</summary>
    public static PolicyCaps None { get; } = new();

    /// <summary>
    /// What applies when the stored settings cannot be read: the tightest caps. A device cannot have a key for such
    /// settings (Provision answers PolicyDataCorrupt), so this is reached only if the store was changed by hand.
    /// </summary>
    public static PolicyCaps Strictest { get; } = new()
    {
        MaxEmailAgeFilter = 1,
        MaxCalendarAgeFilter = 4,
        MaxPlainTextBodyBytes = 0,
        MaxHtmlBodyBytes = 0,
        AllowHtmlEmail = false,
        AttachmentsEnabled = false,
        MaxAttachmentSize = 0,
    };

    /// <summary>MaxCalendarAgeFilter: 0 no cap, 4 two weeks, 5 one month, 6 three months, 7 six months (the calendar FilterType scale, MS-ASPROV 2.2.2.27).</summary>
    public int MaxCalendarAgeFilter { get; init; }

    /// <summary>MaxEmailAgeFilter: 0 no cap, 1 one day … 5 one month (the email FilterType scale, MS-ASPROV_R257 to R263).</summary>
    public int MaxEmailAgeFilter { get; init; }

    /// <summary>Bytes of a plain-text body sent at most (MaxEmailBodyTruncationSize × 1,024); null: no cap.</summary>
    public long? MaxPlainTextBodyBytes { get; init; }

    /// <summary>Bytes of an HTML body sent at most (MaxEmailHTMLBodyTruncationSize × 1,024); null: no cap.</summary>
    public long? MaxHtmlBodyBytes { get; init; }

    /// <summary>AllowHTMLEmail: false replaces HTML (and MIME) bodies by plain text (MS-ASPROV_R107).</summary>
    public bool AllowHtmlEmail { get; init; } = true;

    /// <summary>AttachmentsEnabled: false refuses every attachment download (MS-ASPROV_R206).</summary>
    public bool AttachmentsEnabled { get; init; } = true;

    /// <summary>MaxAttachmentSize in bytes; null: no limit (MS-ASPROV_R602).</summary>
    public long? MaxAttachmentSize { get; init; }

    /// <summary>Whether any body is capped or replaced.</summary>
    private bool CapsBodies => MaxPlainTextBodyBytes is not null || MaxHtmlBodyBytes is not null || !AllowHtmlEmail || !AttachmentsEnabled;

    /// <summary>The caps of a policy's settings.</summary>
    public static PolicyCaps From(EasProvisionDoc settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new PolicyCaps
        {
            MaxEmailAgeFilter = settings.MaxEmailAgeFilter is >= 1 and <= 5 ? settings.MaxEmailAgeFilter : 0,
            MaxCalendarAgeFilter = settings.MaxCalendarAgeFilter is >= 4 and <= 7 ? settings.MaxCalendarAgeFilter : 0,
            MaxPlainTextBodyBytes = Kilobytes(settings.MaxEmailBodyTruncationSize),
            MaxHtmlBodyBytes = Kilobytes(settings.MaxEmailHTMLBodyTruncationSize),
            AllowHtmlEmail = settings.AllowHTMLEmail,
            AttachmentsEnabled = settings.AttachmentsEnabled,
            MaxAttachmentSize = settings.MaxAttachmentSize,
        };
    }

    /// <summary>The caps of the user's effective policy: <see cref="None"/> without one, <see cref="Strictest"/> when its settings cannot be read.</summary>
    public static PolicyCaps Of(Policy? policy) =>
        policy is null ? None
        : PolicySettings.Read(policy) is { } settings ? From(settings)
        : Strictest;

    /// <summary>
    /// The email FilterType sent: the device's, unless it asks for no window (0 or absent) or one wider than
    /// MaxEmailAgeFilter, or a value that is no email window (6 and up); then the policy's.
    /// </summary>
    public int? CapEmailFilterType(int? requested)
    {
        if (MaxEmailAgeFilter == 0)
        {
            return requested;
        }

        return requested is >= 1 and <= 5 && requested <= MaxEmailAgeFilter ? requested : MaxEmailAgeFilter;
    }

    /// <summary>
    /// The calendar FilterType sent: the device's, unless it asks for no window (0 or absent), one wider than
    /// MaxCalendarAgeFilter, or a value that is no calendar window (1 to 3, 8 and up); then the policy's.
    /// </summary>
    public int? CapCalendarFilterType(int? requested)
    {
        if (MaxCalendarAgeFilter == 0)
        {
            return requested;
        }

        return requested is >= 4 and <= 7 && requested <= MaxCalendarAgeFilter ? requested : MaxCalendarAgeFilter;
    }

    /// <summary>The Options of a calendar collection as sent, with the FilterType capped.</summary>
    public SyncOptions CapCalendar(SyncOptions requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        int? filterType = CapCalendarFilterType(requested.FilterType);
        return filterType == requested.FilterType ? requested : requested with { FilterType = filterType };
    }

    /// <summary>The Options of an email collection as sent: FilterType and body options capped.</summary>
    public SyncOptions CapEmail(SyncOptions requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        int? filterType = CapEmailFilterType(requested.FilterType);
        ItemBodyOptions body = CapBody(requested.Body);
        return filterType == requested.FilterType && ReferenceEquals(body, requested.Body)
            ? requested
            : requested with { FilterType = filterType, Body = body };
    }

    /// <summary>
    /// Body options as sent: each BodyPreference's TruncationSize capped by its type's cap (RTF and unknown types
    /// become plain text, so the plain-text cap); HTML replaced by plain text when HTML is not allowed; MIME kept only
    /// when HTML and attachments are allowed, capped by the smaller body cap. No preference at all gets a plain-text
    /// one with the plain-text cap. The 2.5 Truncation and MIMETruncation codes are lowered to the largest code
    /// within the cap, and MIMESupport is turned off where MIME is not allowed.
    /// </summary>
    public ItemBodyOptions CapBody(ItemBodyOptions requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (!CapsBodies)
        {
            return requested;
        }

        bool mimeAllowed = AllowHtmlEmail && AttachmentsEnabled;
        long? mimeCap = Min(MaxPlainTextBodyBytes, MaxHtmlBodyBytes);
        IReadOnlyList<BodyPreference> preferences = requested.BodyPreferences.Count == 0
            ? MaxPlainTextBodyBytes is { } plain ? [new BodyPreference(BodyType.PlainText, plain)] : []
            : [.. requested.BodyPreferences.Select(p => p.Type switch
            {
                BodyType.Html when AllowHtmlEmail => Cap(p, BodyType.Html, MaxHtmlBodyBytes),
                BodyType.Mime when mimeAllowed => Cap(p, BodyType.Mime, mimeCap),
                _ => Cap(p, BodyType.PlainText, MaxPlainTextBodyBytes),
            })];

        return requested with
        {
            BodyPreferences = preferences,
            MimeSupport = mimeAllowed ? requested.MimeSupport : requested.MimeSupport is null ? null : 0,
            Truncation = CapCode(requested.Truncation, MaxPlainTextBodyBytes, TruncationCodes),
            MimeTruncation = CapCode(requested.MimeTruncation, mimeCap, MimeTruncationCodes),
        };
    }

    /// <summary>
    /// Null when an attachment of <paramref name="size"/> bytes may be downloaded; otherwise why not: attachments are
    /// disabled (MS-ASPROV_R206) or it is larger than MaxAttachmentSize (MS-ASPROV_R738).
    /// </summary>
    public AttachmentRefusal? Attachment(long size) =>
        !AttachmentsEnabled ? AttachmentRefusal.Disabled
        : MaxAttachmentSize is { } max && size > max ? AttachmentRefusal.TooLarge
        : null;

    // The 2.5 codes by the byte limit they stand for (BodyPreferences.TruncationLimit, MimeTruncationLimit).
    private static readonly (int Code, long Bytes)[] TruncationCodes =
        [(0, 0), (1, 512), (2, 1024), (3, 2048), (4, 5120), (5, 10240), (6, 20480), (7, 51200), (8, 102400)];

    private static readonly (int Code, long Bytes)[] MimeTruncationCodes =
        [(0, 0), (1, 4096), (2, 5120), (3, 7168), (4, 10240), (5, 20480), (6, 51200), (7, 102400)];

    /// <summary>The asked code when its limit fits in <paramref name="cap"/>; else the largest code whose limit does (absent and out-of-scale codes mean "all").</summary>
    private static int? CapCode(int? requested, long? cap, (int Code, long Bytes)[] codes)
    {
        if (cap is not { } bytes)
        {
            return requested;
        }

        int asked = requested is { } code ? Array.FindIndex(codes, c => c.Code == code) : -1;
        return asked >= 0 && codes[asked].Bytes <= bytes ? requested : codes.Last(c => c.Bytes <= bytes).Code;
    }

    private static BodyPreference Cap(BodyPreference preference, BodyType type, long? cap) => preference with
    {
        Type = type,
        TruncationSize = cap is { } bytes && (preference.TruncationSize is not { } asked || asked > bytes) ? bytes : preference.TruncationSize,
    };

    private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    /// <summary>A truncation setting in bytes: -1 (any negative) no cap; beyond what bytes can count, no cap either.</summary>
    private static long? Kilobytes(long setting) => setting < 0 || setting > long.MaxValue / 1024 ? null : setting * 1024;
}
