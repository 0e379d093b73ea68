namespace Pushbox.Protocol.Commands.MoveItems;

/// <summary>A MoveItems request (MS-ASCMD 2.2.1.12): items to move between folders, each on its own.</summary>
/// <param name="Moves">
/// The Move elements in document order, 1 to <see cref="MoveItemsLimits.MaxMoves"/>. The response carries one
/// <c>Response</c> per move, in the same order.
/// </param>
public sealed record MoveItemsRequest(IReadOnlyList<MoveItemsMove> Moves);
