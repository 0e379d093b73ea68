using Pushbox.Protocol;
using Pushbox.Protocol.Commands.AirSyncBase;

namespace Pushbox.Commands.Email;

/// <summary>
/// Turns a client's body options into the bodies Pushbox can send, in the client's order. Pure: no I/O,
/// so <see cref="EmailItemRenderer.EstimateSize"/> uses it too.
/// </summary>
internal static class BodyPreferences
{
    /// <summary>The longest preview MS-ASAIRS allows (Preview is 0–255).</summary>
    public const int MaxPreview = 255;

    /// <summary>
    /// The 12.0+ candidates in the client's order: types 1 and 2 as asked; type 4 unless MIMESupport
    /// forbids it (0: never; 1: S/MIME messages only — MS-ASCMD 2.2.3.110); RTF and unknown types are
    /// skipped. When nothing is left (RTF alone, say) the answer is plain text with the first
    /// preference's limits; with no preference at all it is plain text, whole (MS-ASAIRS gives no
    /// default; without TruncationSize "the entire content is used", MS-ASAIRS_R300).
    /// </summary>
    public static IReadOnlyList<BodyRequest> Candidates(ItemBodyOptions options, bool isSmime, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool previewKnown = version >= EasVersion.V140;
        var candidates = new List<BodyRequest>();
        foreach (BodyPreference preference in options.BodyPreferences)
        {
            bool produce = preference.Type switch
            {
                BodyType.PlainText or BodyType.Html => true,
                BodyType.Mime => MimeAllowed(options.MimeSupport, isSmime, absentMeansAllowed: true),
                _ => false,
            };
            if (produce && !candidates.Exists(c => c.Type == preference.Type))
            {
                candidates.Add(Request(preference.Type, preference, previewKnown));
            }
        }

        if (candidates.Count == 0)
        {
            BodyPreference? first = options.BodyPreferences.Count > 0 ? options.BodyPreferences[0] : null;
            candidates.Add(first is null ? new BodyRequest(BodyType.PlainText, null, false, 0) : Request(BodyType.PlainText, first, previewKnown));
        }

        return candidates;
    }

    /// <summary>Whether a 2.5 client gets the whole message as MIME (MIMESupport 2, or 1 for S/MIME).</summary>
    public static bool LegacyMime(ItemBodyOptions options, bool isSmime) =>
        MimeAllowed(options.MimeSupport, isSmime, absentMeansAllowed: false);

    /// <summary>
    /// The byte limit of a 2.5 <c>airsync:Truncation</c> code (MS-ASCMD 2.2.3.185): 0 nothing, 1 512,
    /// 2 1,024, 3 2,048, 4 5,120, 5 10,240, 6 20,480, 7 51,200, 8 102,400, 9 or absent all.
    /// </summary>
    public static long? TruncationLimit(int? code) => code switch
    {
        0 => 0,
        1 => 512,
        2 => 1024,
        3 => 2048,
        4 => 5120,
        5 => 10240,
        6 => 20480,
        7 => 51200,
        8 => 102400,
        _ => null,
    };

    /// <summary>
    /// The byte limit of a <c>MIMETruncation</c> code (MS-ASCMD 2.2.3.111): 0 nothing, 1 4,096,
    /// 2 5,120, 3 7,168, 4 10,240, 5 20,480, 6 51,200, 7 102,400, 8 or absent all.
    /// </summary>
    public static long? MimeTruncationLimit(int? code) => code switch
    {
        0 => 0,
        1 => 4096,
        2 => 5120,
        3 => 7168,
        4 => 10240,
        5 => 20480,
        6 => 51200,
        7 => 102400,
        _ => null,
    };

    private static bool MimeAllowed(int? mimeSupport, bool isSmime, bool absentMeansAllowed) => mimeSupport switch
    {
        null => absentMeansAllowed,
        0 => false,
        1 => isSmime,
        _ => true,
    };

    private static BodyRequest Request(BodyType type, BodyPreference preference, bool previewKnown) => new(
        type,
        preference.TruncationSize is { } size ? Math.Max(0, size) : null,
        preference.AllOrNone && preference.TruncationSize is not null,
        previewKnown && preference.Preview is { } preview ? Math.Clamp(preview, 0, MaxPreview) : 0);
}
