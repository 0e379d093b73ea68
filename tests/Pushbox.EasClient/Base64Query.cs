using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Pushbox.Testing.Eas;

/// <summary>
/// Builds the base64-encoded query of MS-ASHTTP 2.2.1.1.1.1, field by field:
/// <code>
/// size  field
///    1  protocol version (the version without its dot: 121, 140, 141, 160, 161)
///    1  command code (2.2.1.1.1.1.2, <see cref="EasCommandCodes"/>)
///    2  locale, an MS-LCID value, little-endian (0x0409 en-US is 09 04)
///    1  device ID length
///    n  device ID
///    1  policy key length: 0, or 4 followed by the key, unsigned 32-bit little-endian
///    1  device type length
///    n  device type
///    …  parameters: tag (1), length (1), value
/// </code>
/// <see cref="ToBytes"/> gives the decoded bytes (a test may cut or alter them); <see cref="Encode"/>
/// the text that follows '?' in the request line: base64 with '+', '/' and '=' percent-encoded.
/// </summary>
public sealed class Base64Query
{
    /// <summary>The protocol version byte.</summary>
    public byte ProtocolVersion { get; set; }

    /// <summary>The command code byte.</summary>
    public byte CommandCode { get; set; }

    /// <summary>The locale (MS-LCID), default en-US.</summary>
    public ushort Locale { get; set; } = 0x0409;

    /// <summary>The device ID bytes: ASCII letters and digits, or e.g. a 16-byte GUID.</summary>
    public ReadOnlyMemory<byte> DeviceId { get; set; }

    /// <summary>The policy key; null writes a policy key length of 0.</summary>
    public uint? PolicyKey { get; set; }

    /// <summary>The device type bytes.</summary>
    public ReadOnlyMemory<byte> DeviceType { get; set; }

    /// <summary>The parameters, in the order they are written.</summary>
    public IList<Base64QueryParameter> Parameters { get; } = [];

    /// <summary>A query for <paramref name="command"/> at protocol <paramref name="version"/> (spelled "14.1") from an ASCII device ID and type.</summary>
    /// <exception cref="ArgumentException">The command has no base64 code, or the version is not "major.minor".</exception>
    public static Base64Query For(string command, string version, string deviceId, string deviceType) => new()
    {
        ProtocolVersion = VersionByte(version),
        CommandCode = EasCommandCodes.GetCode(command),
        DeviceId = Encoding.ASCII.GetBytes(deviceId),
        DeviceType = Encoding.UTF8.GetBytes(deviceType),
    };

    /// <summary>The protocol version byte for a version spelled as in MS-ASProtocolVersion: "14.1" is 141, "2.5" is 25.</summary>
    /// <exception cref="ArgumentException">Not "major.minor" with a one-digit minor part, or above 255.</exception>
    public static byte VersionByte(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        string[] parts = version.Split('.');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int minor)
            || minor > 9 || (major * 10) + minor > byte.MaxValue)
        {
            throw new ArgumentException($"'{version}' is not a protocol version such as 14.1.", nameof(version));
        }

        return (byte)((major * 10) + minor);
    }

    /// <summary>Adds a UTF-8 text parameter.</summary>
    public Base64Query With(Base64QueryTag tag, string value)
    {
        Parameters.Add(Base64QueryParameter.Text(tag, value));
        return this;
    }

    /// <summary>The decoded bytes, in field order.</summary>
    /// <exception cref="InvalidOperationException">A field is longer than its one-byte length can say (255).</exception>
    public byte[] ToBytes()
    {
        var bytes = new List<byte>(64) { ProtocolVersion, CommandCode };
        Span<byte> scratch = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(scratch, Locale);
        bytes.AddRange(scratch[..2]);
        AddLengthPrefixed(bytes, DeviceId.Span, "device ID");
        if (PolicyKey is { } key)
        {
            bytes.Add(4);
            BinaryPrimitives.WriteUInt32LittleEndian(scratch, key);
            bytes.AddRange(scratch);
        }
        else
        {
            bytes.Add(0);
        }

        AddLengthPrefixed(bytes, DeviceType.Span, "device type");
        foreach (Base64QueryParameter parameter in Parameters)
        {
            bytes.Add(parameter.Tag);
            AddLengthPrefixed(bytes, parameter.Value.Span, $"parameter {parameter.Tag}");
        }

        return [.. bytes];
    }

    /// <summary>The query text: <see cref="ToBytes"/> in base64, URL-escaped.</summary>
    public string Encode() => EncodeBytes(ToBytes());

    /// <summary>Any bytes as query text: base64 with '+', '/' and '=' percent-encoded (they are reserved in a URL).</summary>
    public static string EncodeBytes(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).Replace("+", "%2B", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal).Replace("=", "%3D", StringComparison.Ordinal);

    private static void AddLengthPrefixed(List<byte> bytes, ReadOnlySpan<byte> value, string field)
    {
        if (value.Length > byte.MaxValue)
        {
            throw new InvalidOperationException($"The {field} is {value.Length} bytes; its length field holds at most 255.");
        }

        bytes.Add((byte)value.Length);
        bytes.AddRange(value);
    }
}
