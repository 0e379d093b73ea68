namespace Pushbox.Wbxml;

/// <summary>Why a WBXML document was rejected. Stable: logs and tests name these.</summary>
public enum WbxmlErrorReason
{
    /// <summary>The document ended in the middle of a token, a string or an element.</summary>
    UnexpectedEnd,

    /// <summary>The WBXML version byte is not 1.0 to 1.3.</summary>
    UnsupportedVersion,

    /// <summary>The character set is not UTF-8 (IANA MIBenum 106), the only one EAS uses.</summary>
    UnsupportedCharset,

    /// <summary>A multi-byte integer is longer than five bytes or does not fit 32 bits.</summary>
    InvalidMultiByteInteger,

    /// <summary>The document is larger than <see cref="WbxmlLimits.MaxDocumentSize"/>.</summary>
    DocumentTooLarge,

    /// <summary>Elements are nested deeper than <see cref="WbxmlLimits.MaxDepth"/>.</summary>
    DepthExceeded,

    /// <summary>An inline or table string is longer than <see cref="WbxmlLimits.MaxStringLength"/>.</summary>
    StringTooLong,

    /// <summary>An opaque block is longer than <see cref="WbxmlLimits.MaxOpaqueLength"/>.</summary>
    OpaqueTooLong,

    /// <summary>A tag token is not defined on the current code page.</summary>
    UnknownTag,

    /// <summary>A SWITCH_PAGE names a code page that EAS does not define.</summary>
    UnknownCodePage,

    /// <summary>A tag carries attributes, which EAS never uses.</summary>
    AttributesNotSupported,

    /// <summary>A global token EAS does not use (ENTITY, LITERAL, EXT, PI).</summary>
    UnsupportedToken,

    /// <summary>A STR_T offset points outside the string table or at an unterminated string.</summary>
    InvalidStringTableReference,

    /// <summary>Text, opaque data or END appears where an element is required, e.g. before the root element.</summary>
    UnexpectedToken,

    /// <summary>Bytes follow the end of the root element.</summary>
    TrailingData,

    /// <summary>The document has no root element.</summary>
    MissingRootElement,

    /// <summary>The XML form handed to the encoder is not well-formed or names an unknown element.</summary>
    InvalidXml,
}
