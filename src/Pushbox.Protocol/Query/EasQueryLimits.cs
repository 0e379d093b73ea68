namespace Pushbox.Protocol.Query;

/// <summary>
/// Bounds on what <see cref="EasQueryParser"/> accepts from a request line. Every limit is checked
/// before anything proportional to the offending length is kept, so a hostile query costs at most
/// these amounts. Setters validate; an instance can be shared between requests once configured.
/// </summary>
public sealed class EasQueryLimits
{
    /// <summary>
    /// Default <see cref="MaxQueryLength"/>: 4096 characters. A real query is under 300: four short
    /// required parameters plus at most a few IDs (a base64 query is smaller still). Kestrel's own
    /// request-line limit (8 KiB) stays the outer bound.
    /// </summary>
    public const int DefaultMaxQueryLength = 4096;

    /// <summary>Default <see cref="MaxDeviceIdLength"/>: 32, the spec's <c>1*32(ALPHA / DIGIT)</c> (MS-ASHTTP 2.2.1.1.1.2).</summary>
    public const int DefaultMaxDeviceIdLength = 32;

    /// <summary>
    /// Default <see cref="MaxDeviceTypeLength"/>: 64. The spec sets no maximum (<c>1*VCHAR</c>); real
    /// device types ("iPhone", "Android", "SAMSUNGSMG991B", "Outlook") are far shorter, and the value is
    /// stored with the device.
    /// </summary>
    public const int DefaultMaxDeviceTypeLength = 64;

    /// <summary>
    /// Default <see cref="MaxParameterValueLength"/>: 1024 characters, for User and the command
    /// parameters. LongId is at most 256 characters (MS-ASCMD), base64 values at most 255 bytes; an
    /// attachment name (file reference) is the longest in practice.
    /// </summary>
    public const int DefaultMaxParameterValueLength = 1024;

    /// <summary>
    /// Default <see cref="MaxParameterCount"/>: 32 name/value pairs (or base64 parameters), required ones
    /// included. The spec defines 4 required and 6 command parameters.
    /// </summary>
    public const int DefaultMaxParameterCount = 32;

    /// <summary>Largest <see cref="MaxDeviceIdLength"/> accepted: the base64 query's length byte caps a device ID at 255.</summary>
    public const int MaxDeviceIdLengthCeiling = byte.MaxValue;

    private int _maxQueryLength = DefaultMaxQueryLength;
    private int _maxDeviceIdLength = DefaultMaxDeviceIdLength;
    private int _maxDeviceTypeLength = DefaultMaxDeviceTypeLength;
    private int _maxParameterValueLength = DefaultMaxParameterValueLength;
    private int _maxParameterCount = DefaultMaxParameterCount;

    /// <summary>The defaults, shared. Do not mutate it; create an instance to change a limit.</summary>
    public static EasQueryLimits Default { get; } = new();

    /// <summary>Longest raw query string in characters, as received (still percent-encoded), checked before anything else.</summary>
    public int MaxQueryLength
    {
        get => _maxQueryLength;
        set => _maxQueryLength = Positive(value);
    }

    /// <summary>
    /// Longest device ID in characters (1 to <see cref="MaxDeviceIdLengthCeiling"/>). Raise it only for
    /// a known client that breaks the spec's 32; the character rule (ASCII letters and digits) stays.
    /// </summary>
    public int MaxDeviceIdLength
    {
        get => _maxDeviceIdLength;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxDeviceIdLengthCeiling);
            _maxDeviceIdLength = value;
        }
    }

    /// <summary>Longest device type in characters.</summary>
    public int MaxDeviceTypeLength
    {
        get => _maxDeviceTypeLength;
        set => _maxDeviceTypeLength = Positive(value);
    }

    /// <summary>Longest value of User or any other parameter, in characters after decoding.</summary>
    public int MaxParameterValueLength
    {
        get => _maxParameterValueLength;
        set => _maxParameterValueLength = Positive(value);
    }

    /// <summary>Most name/value pairs in a plain query, or parameters in a base64 query.</summary>
    public int MaxParameterCount
    {
        get => _maxParameterCount;
        set => _maxParameterCount = Positive(value);
    }

    private static int Positive(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return value;
    }
}
