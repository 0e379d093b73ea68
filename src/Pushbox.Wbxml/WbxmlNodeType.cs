namespace Pushbox.Wbxml;

/// <summary>What the <see cref="WbxmlReader"/> is positioned on.</summary>
public enum WbxmlNodeType
{
    /// <summary>Before the first <see cref="WbxmlReader.Read"/> or after the end of the document.</summary>
    None,

    /// <summary>A tag. <see cref="WbxmlReader.IsEmptyElement"/> tells whether it has content.</summary>
    StartElement,

    /// <summary>The end of an element; also reported right after an empty element, so every start has an end.</summary>
    EndElement,

    /// <summary>An inline (STR_I) or table (STR_T) string; the bytes are UTF-8.</summary>
    Text,

    /// <summary>An OPAQUE block of raw bytes.</summary>
    Opaque,
}
