namespace Pushbox.Protocol.Commands.ItemData;

/// <summary>
/// Writes an item's data (the children of <c>ApplicationData</c> or <c>Properties</c>) into a response
/// as it is being sent. It may flush <paramref name="output"/> while writing a large body; it must not
/// write the enclosing element.
/// </summary>
public delegate ValueTask ItemDataWriter(WbxmlResponseOutput output, CancellationToken cancellationToken);
