namespace Pushbox.Protocol.Autodiscover;

/// <summary>
/// Bounds on what <see cref="AutodiscoverRequestParser"/> accepts. A request is a few hundred bytes, so
/// the defaults are small; every limit is checked while reading. Setters validate; an instance can be
/// shared once configured.
/// </summary>
public sealed class AutodiscoverLimits
{
    /// <summary>Default <see cref="MaxRequestSize"/>: 16 KiB, some forty times a real request.</summary>
    public const int DefaultMaxRequestSize = 16 * 1024;

    /// <summary>Default <see cref="MaxDepth"/>: 8. The request is three levels deep (Autodiscover, Request, EMailAddress).</summary>
    public const int DefaultMaxDepth = 8;

    /// <summary>Default <see cref="MaxEMailAddressLength"/>: 320 characters, the longest SMTP address (64 for the local part, "@", 255 for the domain).</summary>
    public const int DefaultMaxEMailAddressLength = 320;

    private int _maxRequestSize = DefaultMaxRequestSize;
    private int _maxDepth = DefaultMaxDepth;
    private int _maxEMailAddressLength = DefaultMaxEMailAddressLength;

    /// <summary>The defaults, shared. Do not mutate it; create an instance to change a limit.</summary>
    public static AutodiscoverLimits Default { get; } = new();

    /// <summary>Largest request body in bytes (and in characters once decoded).</summary>
    public int MaxRequestSize
    {
        get => _maxRequestSize;
        set => _maxRequestSize = Positive(value);
    }

    /// <summary>Deepest element nesting; the root element is depth 1.</summary>
    public int MaxDepth
    {
        get => _maxDepth;
        set => _maxDepth = Positive(value);
    }

    /// <summary>Longest <c>EMailAddress</c> in characters, after trimming white space.</summary>
    public int MaxEMailAddressLength
    {
        get => _maxEMailAddressLength;
        set => _maxEMailAddressLength = Positive(value);
    }

    private static int Positive(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return value;
    }
}
