namespace Pushbox.Wbxml;

/// <summary>
/// Bounds on what a <see cref="WbxmlReader"/> accepts. Every limit is checked while reading, before
/// anything proportional to the offending length is allocated, so a hostile document costs at most
/// these amounts. Setters validate; an instance can be shared between readers once configured.
/// </summary>
public sealed class WbxmlLimits
{
    /// <summary>Default <see cref="MaxDocumentSize"/>: 32 MiB, room for a 14.0+ SendMail carrying a 24 MiB MIME message as opaque data.</summary>
    public const int DefaultMaxDocumentSize = 32 * 1024 * 1024;

    /// <summary>Default <see cref="MaxDepth"/>: 64; the deepest EAS documents (Find, Search with nested queries) stay under 20.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>Default <see cref="MaxStringLength"/>: 16 MiB, enough for a long plain or HTML body sent inline.</summary>
    public const int DefaultMaxStringLength = 16 * 1024 * 1024;

    /// <summary>Default <see cref="MaxOpaqueLength"/>: 32 MiB, the document size.</summary>
    public const int DefaultMaxOpaqueLength = 32 * 1024 * 1024;

    private int _maxDocumentSize = DefaultMaxDocumentSize;
    private int _maxDepth = DefaultMaxDepth;
    private int _maxStringLength = DefaultMaxStringLength;
    private int _maxOpaqueLength = DefaultMaxOpaqueLength;

    /// <summary>The defaults, shared. Do not mutate it; create an instance to change a limit.</summary>
    public static WbxmlLimits Default { get; } = new();

    /// <summary>Largest document in bytes, header included. Checked while a stream is read, before it is buffered whole.</summary>
    public int MaxDocumentSize
    {
        get => _maxDocumentSize;
        set => _maxDocumentSize = Positive(value);
    }

    /// <summary>Deepest element nesting; the root element is depth 1.</summary>
    public int MaxDepth
    {
        get => _maxDepth;
        set => _maxDepth = Positive(value);
    }

    /// <summary>Longest inline (STR_I) or string-table string in bytes, terminator excluded.</summary>
    public int MaxStringLength
    {
        get => _maxStringLength;
        set => _maxStringLength = Positive(value);
    }

    /// <summary>Longest OPAQUE block in bytes.</summary>
    public int MaxOpaqueLength
    {
        get => _maxOpaqueLength;
        set => _maxOpaqueLength = Positive(value);
    }

    private static int Positive(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return value;
    }
}
