namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>An ItemOperations request (MS-ASCMD 2.2.1.10, protocol 12.0 and later): a batch of operations run in order.</summary>
/// <param name="Operations">
/// The Fetch, EmptyFolderContents and Move operations in document order, 1 to <see cref="ItemOperationsLimits.MaxOperations"/>.
/// The response carries one result per operation, in the same order.
/// </param>
public sealed record ItemOperationsRequest(IReadOnlyList<ItemOperation> Operations);
