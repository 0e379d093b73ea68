namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// A <c>Move</c> operation (MS-ASCMD 2.2.3.117.1, protocol 14.0 and later; the parser refuses it in an older
/// request): move a conversation to a folder.
/// </summary>
/// <param name="ConversationId">The conversation, opaque bytes as the server sent them in email2:ConversationId (1 to 64 bytes); a copy, not the request buffer.</param>
/// <param name="DstFldId">The destination folder's ServerId (1 to 64 characters).</param>
/// <param name="MoveAlways">
/// Whether Options/MoveAlways was sent: also move future mail of the conversation. The spec requires it; a Move
/// without it is answered with <see cref="ItemOperationsStatus.MoveAlwaysMissing"/> (MS-ASCMD_R3474, R3475).
/// </param>
public sealed record ItemOperationsMove(ReadOnlyMemory<byte> ConversationId, string DstFldId, bool MoveAlways) : ItemOperation;
