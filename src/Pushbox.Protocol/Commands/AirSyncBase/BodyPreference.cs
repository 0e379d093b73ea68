namespace Pushbox.Protocol.Commands.AirSyncBase;

/// <summary>
/// One <c>airsyncbase:BodyPreference</c> or <c>airsyncbase:BodyPartPreference</c> (MS-ASAIRS 2.2.2.7,
/// 2.2.2.8): which body type the client wants and how much of it.
/// </summary>
/// <param name="Type">1 plain text, 2 HTML, 3 RTF, 4 MIME (<see cref="BodyType"/>).</param>
/// <param name="TruncationSize">Bytes of the body to send at most; null: the whole body.</param>
/// <param name="AllOrNone">True: send the body only when it fits in <paramref name="TruncationSize"/> whole.</param>
/// <param name="Preview">Characters of plain-text preview wanted (14.0+, at most 255); null: none.</param>
public sealed record BodyPreference(BodyType Type, long? TruncationSize = null, bool AllOrNone = false, int? Preview = null);
