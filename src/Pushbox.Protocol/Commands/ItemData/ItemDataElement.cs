namespace Pushbox.Protocol.Commands.ItemData;

/// <summary>
/// One element of an item's data as a client sent it (the children of <c>ApplicationData</c> in Sync, of
/// <c>Properties</c> elsewhere), kept as a small tree so that the command layer interprets it per item
/// class. A leaf has <see cref="Text"/> (or <see cref="Opaque"/>) and no children; a container has
/// children; an empty element has neither (which for many properties means "clear it").
/// </summary>
/// <param name="Tag">The element's tag (code page and token, as <c>EasCodePages</c> names them).</param>
/// <param name="Text">The text content of a leaf, null for a container or an empty element.</param>
/// <param name="Opaque">The opaque content of a leaf sent as opaque data, null otherwise.</param>
/// <param name="Children">The child elements in document order.</param>
public sealed record ItemDataElement(ushort Tag, string? Text, ReadOnlyMemory<byte>? Opaque, IReadOnlyList<ItemDataElement> Children)
{
    /// <summary>The first child with <paramref name="tag"/>, or null.</summary>
    public ItemDataElement? Child(ushort tag)
    {
        foreach (ItemDataElement child in Children)
        {
            if (child.Tag == tag)
            {
                return child;
            }
        }

        return null;
    }
}
