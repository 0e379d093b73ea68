using System.Diagnostics.CodeAnalysis;

namespace Pushbox.Protocol;

/// <summary>
/// An Exchange ActiveSync protocol version: one of the seven that MS-ASHTTP defines (2.5, 12.0, 12.1,
/// 14.0, 14.1, 16.0, 16.1). Values only come from <see cref="All"/>, <see cref="TryParse(string?, out EasVersion)"/> and
/// <see cref="TryFromQueryByte"/>, so any <see cref="EasVersion"/> other than <c>default</c> is one a
/// client may send. <c>default(EasVersion)</c> is not a protocol version: it prints as "0.0", sorts
/// before <see cref="V25"/> and has no query byte; do not use it as one.
/// </summary>
/// <remarks>
/// Writers take the version they write for (no ambient state), so a response writer compares with
/// <c>version &gt;= EasVersion.V140</c> rather than with strings.
/// </remarks>
public readonly struct EasVersion : IEquatable<EasVersion>, IComparable<EasVersion>
{
    private readonly byte _major;
    private readonly byte _minor;

    private EasVersion(byte major, byte minor)
    {
        _major = major;
        _minor = minor;
    }

    /// <summary>Protocol version 2.5 (Exchange 2003 SP2). Plain query only.</summary>
    public static EasVersion V25 { get; } = new(2, 5);

    /// <summary>Protocol version 12.0 (Exchange 2007). Plain query only.</summary>
    public static EasVersion V120 { get; } = new(12, 0);

    /// <summary>Protocol version 12.1 (Exchange 2007 SP1), the first that may use the base64 query.</summary>
    public static EasVersion V121 { get; } = new(12, 1);

    /// <summary>Protocol version 14.0 (Exchange 2010).</summary>
    public static EasVersion V140 { get; } = new(14, 0);

    /// <summary>Protocol version 14.1 (Exchange 2010 SP1).</summary>
    public static EasVersion V141 { get; } = new(14, 1);

    /// <summary>Protocol version 16.0 (Exchange 2016).</summary>
    public static EasVersion V160 { get; } = new(16, 0);

    /// <summary>Protocol version 16.1, the latest (MS-ASHTTP 2.2.1.1.2.6).</summary>
    public static EasVersion V161 { get; } = new(16, 1);

    /// <summary>The seven versions in ascending order.</summary>
    public static IReadOnlyList<EasVersion> All { get; } = [V25, V120, V121, V140, V141, V160, V161];

    /// <summary>The latest version, <see cref="V161"/>.</summary>
    public static EasVersion Latest => V161;

    /// <summary>
    /// The value of the <c>MS-ASProtocolVersions</c> response header (MS-ASHTTP 2.2.4.1.2.2):
    /// "2.5,12.0,12.1,14.0,14.1,16.0,16.1". Ascending on purpose: clients take the last entry they
    /// support as the newest.
    /// </summary>
    public static string SupportedHeaderValue { get; } = string.Join(',', All);

    /// <summary>The major part, e.g. 14 for 14.1; 0 for <c>default</c>.</summary>
    public int Major => _major;

    /// <summary>The minor part, e.g. 1 for 14.1.</summary>
    public int Minor => _minor;

    /// <summary>
    /// Whether a client may send this version in the base64-encoded query: MS-ASHTTP 2.2.1.1.1.1 allows it
    /// for 12.1 and later only; 2.5 and 12.0 MUST use the plain text query.
    /// </summary>
    public bool SupportsBase64Query => this >= V121;

    /// <summary>
    /// Parses a version exactly as MS-ASHTTP spells it in <c>MS-ASProtocolVersion</c> ("2.5", "12.0",
    /// "12.1", "14.0", "14.1", "16.0", "16.1"). Anything else, including "14", "14.10", " 14.1" and
    /// "2.50", is false. The caller trims header whitespace if it wants to.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out EasVersion version) =>
        TryParse(value.AsSpan(), out version) && value is not null;

    /// <inheritdoc cref="TryParse(string?, out EasVersion)"/>
    public static bool TryParse(ReadOnlySpan<char> value, out EasVersion version)
    {
        foreach (EasVersion candidate in All)
        {
            if (value.SequenceEqual(candidate.ToString()))
            {
                version = candidate;
                return true;
            }
        }

        version = default;
        return false;
    }

    /// <summary>
    /// Reads the protocol version byte of the base64 query (MS-ASHTTP 2.2.1.1.1.1): the version with
    /// the dot removed, as a decimal number (121 is 12.1, 140 is 14.0, 25 is 2.5). False for any other
    /// byte. Does not check <see cref="SupportsBase64Query"/>; the query parser does.
    /// </summary>
    public static bool TryFromQueryByte(byte value, out EasVersion version)
    {
        foreach (EasVersion candidate in All)
        {
            if (candidate.ToQueryByte() == value)
            {
                version = candidate;
                return true;
            }
        }

        version = default;
        return false;
    }

    /// <summary>The protocol version byte of the base64 query: <c>Major * 10 + Minor</c> (161 for 16.1); 0 for <c>default</c>.</summary>
    public byte ToQueryByte() => (byte)((_major * 10) + _minor);

    /// <summary>The spec spelling, e.g. "14.1".</summary>
    public override string ToString() => $"{_major}.{_minor}";

    /// <inheritdoc/>
    public bool Equals(EasVersion other) => _major == other._major && _minor == other._minor;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EasVersion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (_major << 8) | _minor;

    /// <inheritdoc/>
    public int CompareTo(EasVersion other) =>
        _major != other._major ? _major.CompareTo(other._major) : _minor.CompareTo(other._minor);

    /// <summary>Equal versions.</summary>
    public static bool operator ==(EasVersion left, EasVersion right) => left.Equals(right);

    /// <summary>Different versions.</summary>
    public static bool operator !=(EasVersion left, EasVersion right) => !left.Equals(right);

    /// <summary><paramref name="left"/> is older than <paramref name="right"/>.</summary>
    public static bool operator <(EasVersion left, EasVersion right) => left.CompareTo(right) < 0;

    /// <summary><paramref name="left"/> is older than or the same as <paramref name="right"/>.</summary>
    public static bool operator <=(EasVersion left, EasVersion right) => left.CompareTo(right) <= 0;

    /// <summary><paramref name="left"/> is newer than <paramref name="right"/>.</summary>
    public static bool operator >(EasVersion left, EasVersion right) => left.CompareTo(right) > 0;

    /// <summary><paramref name="left"/> is newer than or the same as <paramref name="right"/>.</summary>
    public static bool operator >=(EasVersion left, EasVersion right) => left.CompareTo(right) >= 0;
}
