using Pushbox.Protocol.Commands.AirSyncBase;

namespace Pushbox.Commands.Email;

/// <summary>One body the renderer can produce for a client: its type and the client's limits for it.</summary>
/// <param name="Type">Plain text, HTML or MIME (never RTF).</param>
/// <param name="Limit">Bytes of UTF-8 to send at most; null: all.</param>
/// <param name="AllOrNone">Send the body only when it fits in <paramref name="Limit"/> whole.</param>
/// <param name="Preview">Characters of plain-text preview wanted (0: none).</param>
internal sealed record BodyRequest(BodyType Type, long? Limit, bool AllOrNone, int Preview);
