using System.Buffers.Binary;
using System.Text;

namespace Pushbox.Protocol.Tests;

/// <summary>
/// Builds a base64 query byte by byte in the field order of MS-ASHTTP 2.2.1.1.1.1, so a test states
/// each field instead of pasting an opaque string.
/// </summary>
internal sealed class Base64Query
{
    private readonly List<byte> _bytes = [];

    public static Base64Query Start(byte version, byte command, ushort locale = 0x0409)
    {
        var query = new Base64Query();
        query._bytes.Add(version);
        query._bytes.Add(command);
        Span<byte> le = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(le, locale);
        query._bytes.AddRange(le.ToArray());
        return query;
    }

    /// <summary>Version 14.1, the given command, en-US, device "Dev1", no policy key, type "iPhone".</summary>
    public static Base64Query Standard(byte command = 0) =>
        Start(141, command).DeviceId("Dev1").NoPolicyKey().DeviceType("iPhone");

    public int Length => _bytes.Count;

    public Base64Query DeviceId(string ascii) => LengthPrefixed(Encoding.ASCII.GetBytes(ascii));

    public Base64Query DeviceIdBytes(params byte[] bytes) => LengthPrefixed(bytes);

    public Base64Query NoPolicyKey() => Raw(0);

    public Base64Query PolicyKey(uint key)
    {
        _bytes.Add(4);
        Span<byte> le = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(le, key);
        _bytes.AddRange(le.ToArray());
        return this;
    }

    public Base64Query DeviceType(string text) => LengthPrefixed(Encoding.UTF8.GetBytes(text));

    public Base64Query Parameter(byte tag, string value)
    {
        _bytes.Add(tag);
        return LengthPrefixed(Encoding.UTF8.GetBytes(value));
    }

    public Base64Query ParameterBytes(byte tag, params byte[] value)
    {
        _bytes.Add(tag);
        return LengthPrefixed(value);
    }

    public Base64Query Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToBytes() => [.. _bytes];

    public override string ToString() => Convert.ToBase64String(ToBytes());

    private Base64Query LengthPrefixed(byte[] value)
    {
        _bytes.Add(checked((byte)value.Length));
        _bytes.AddRange(value);
        return this;
    }
}
