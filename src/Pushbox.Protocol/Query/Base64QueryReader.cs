using System.Buffers;
using System.Buffers.Binary;

namespace Pushbox.Protocol.Query;

/// <summary>
/// The base64-encoded query of MS-ASHTTP 2.2.1.1.1.1. After base64 decoding, the bytes are:
/// <code>
/// offset  size  field
///      0     1  protocol version (121, 140, 141, 160, 161: the version without its dot)
///      1     1  command code (2.2.1.1.1.1.2)
///      2     2  locale, an MS-LCID value, little-endian (the spec's example has 09 04 for 0x0409, en-US)
///      4     1  device ID length, greater than 0
///      5     n  device ID: a string or a GUID
///              1  policy key length: 0 or 4
///              4  policy key (only when the length is 4), unsigned 32-bit, little-endian
///              1  device type length
///              n  device type
///              …  parameters until the end: tag (1), length (1), value (length bytes) — 2.2.1.1.1.1.1
/// </code>
/// Every length is checked against the bytes that remain before it is used; an error names the
/// offset of the field at fault.
/// </summary>
internal static class Base64QueryReader
{
    private const int StackLimit = 512;

    public static EasQuery Read(ReadOnlySpan<char> query, EasQueryLimits limits)
    {
        // 3 bytes per 4 characters; a percent escape only makes the text longer.
        int maxBytes = ((query.Length + 3) / 4 * 3) + 3;
        byte[]? rented = null;
        Span<byte> buffer = maxBytes <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            int length = Decode(query, buffer);
            return Parse(buffer[..length], limits);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// URL-decodes, then base64-decodes. Accepts '%2B', '%2F' and '%3D' for '+', '/' and '=', a literal
    /// '+' (never a space here), the URL-safe '-' and '_', and missing '=' padding. Anything else that
    /// is not base64 — whitespace included — is <see cref="EasProtocolError.InvalidBase64"/>.
    /// </summary>
    private static int Decode(ReadOnlySpan<char> query, Span<byte> destination)
    {
        char[]? rented = null;
        Span<char> text = query.Length + 3 <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(query.Length + 3));
        try
        {
            int length = 0;
            for (int i = 0; i < query.Length; i++)
            {
                char c = query[i];
                if (c == '%')
                {
                    if (i + 2 >= query.Length || !char.IsAsciiHexDigit(query[i + 1]) || !char.IsAsciiHexDigit(query[i + 2]))
                    {
                        throw InvalidBase64("a '%' is not followed by two hex digits");
                    }

                    c = (char)((QueryText.HexValue(query[i + 1]) << 4) | QueryText.HexValue(query[i + 2]));
                    i += 2;
                }

                text[length++] = c switch
                {
                    (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '=' => c,
                    '-' => '+',
                    '_' => '/',
                    _ => throw InvalidBase64("the query holds a character that is not base64"),
                };
            }

            int padding = 0;
            while (padding < length && text[length - 1 - padding] == '=')
            {
                padding++;
            }

            int data = length - padding;
            if (padding > 2 || text[..data].Contains('='))
            {
                throw InvalidBase64("'=' appears other than as one or two padding characters at the end");
            }

            if (data % 4 == 1)
            {
                throw InvalidBase64($"{data} base64 characters cannot encode whole bytes");
            }

            // Supply the padding the client may have left off (or correct too little of it).
            int padded = (data + 3) / 4 * 4;
            text[data..padded].Fill('=');

            if (!Convert.TryFromBase64Chars(text[..padded], destination, out int written))
            {
                throw InvalidBase64("the query is not valid base64");
            }

            return written;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static EasQuery Parse(ReadOnlySpan<byte> bytes, EasQueryLimits limits)
    {
        var reader = new Reader(bytes);

        byte versionByte = reader.ReadByte("protocol version");
        if (!EasVersion.TryFromQueryByte(versionByte, out EasVersion version))
        {
            throw new EasProtocolException(EasProtocolError.UnsupportedProtocolVersion, 0, $"protocol version byte {versionByte} names no supported version");
        }

        if (!version.SupportsBase64Query)
        {
            throw new EasProtocolException(
                EasProtocolError.Base64QueryNotAllowed, 0, $"protocol version {version} must use the plain text query (MS-ASHTTP 2.2.1.1.1.1)");
        }

        byte code = reader.ReadByte("command code");
        if (!EasCommands.TryFromCode(code, out EasCommand command))
        {
            throw new EasProtocolException(EasProtocolError.UnknownCommand, 1, $"command code {code} is not in MS-ASHTTP 2.2.1.1.1.1.2");
        }

        ushort locale = BinaryPrimitives.ReadUInt16LittleEndian(reader.ReadBytes(2, "locale"));

        int deviceIdOffset = reader.Position;
        byte deviceIdLength = reader.ReadByte("device ID length");
        if (deviceIdLength == 0)
        {
            throw new EasProtocolException(EasProtocolError.MissingDeviceId, deviceIdOffset, "the device ID length is 0");
        }

        string deviceId = ReadDeviceId(reader.ReadBytes(deviceIdLength, "device ID"), deviceIdOffset, limits);

        int policyKeyOffset = reader.Position;
        byte policyKeyLength = reader.ReadByte("policy key length");
        uint? policyKey = policyKeyLength switch
        {
            0 => null,
            4 => BinaryPrimitives.ReadUInt32LittleEndian(reader.ReadBytes(4, "policy key")),
            _ => throw new EasProtocolException(
                EasProtocolError.InvalidPolicyKey, policyKeyOffset, $"the policy key length is {policyKeyLength}, not 0 or 4"),
        };

        int deviceTypeOffset = reader.Position;
        byte deviceTypeLength = reader.ReadByte("device type length");
        if (deviceTypeLength == 0)
        {
            throw new EasProtocolException(EasProtocolError.MissingDeviceType, deviceTypeOffset, "the device type length is 0");
        }

        string deviceType = QueryText.Utf8Text(reader.ReadBytes(deviceTypeLength, "device type"), "the device type", deviceTypeOffset);
        if (deviceType.Length > limits.MaxDeviceTypeLength)
        {
            throw new EasProtocolException(
                EasProtocolError.InvalidDeviceType, deviceTypeOffset, $"the device type is longer than {limits.MaxDeviceTypeLength} characters");
        }

        var values = new string?[TagNames.Length];
        EasQueryOptions? options = null;
        List<KeyValuePair<string, string>>? others = null;
        int count = 0;
        while (!reader.AtEnd)
        {
            int offset = reader.Position;
            if (++count > limits.MaxParameterCount)
            {
                throw new EasProtocolException(
                    EasProtocolError.TooManyParameters, offset, $"the query has more than {limits.MaxParameterCount} parameters");
            }

            byte tag = reader.ReadByte("parameter tag");
            byte length = reader.ReadByte("parameter length");
            ReadOnlySpan<byte> value = reader.ReadBytes(length, "parameter value");
            if (tag >= TagNames.Length)
            {
                throw new EasProtocolException(
                    EasProtocolError.MalformedQuery, offset, $"parameter tag {tag} is not in MS-ASHTTP 2.2.1.1.1.1.3");
            }

            string name = TagNames[tag];
            if (values[tag] is not null || (tag == OptionsTag && options is not null))
            {
                throw new EasProtocolException(EasProtocolError.DuplicateParameter, offset, $"{name} appears more than once");
            }

            if (tag == OptionsTag)
            {
                options = length == 1
                    ? (EasQueryOptions)value[0]
                    : throw new EasProtocolException(
                        EasProtocolError.InvalidParameterValue, offset, $"Options is {length} bytes, not a one-byte bit mask");
                continue;
            }

            string text = QueryText.Utf8Text(value, name, offset);
            if (text.Length > limits.MaxParameterValueLength)
            {
                throw new EasProtocolException(
                    EasProtocolError.ParameterTooLong, offset, $"{name} is longer than {limits.MaxParameterValueLength} characters");
            }

            values[tag] = text;
            if (tag is CollectionNameTag or ParentIdTag && text.Length > 0)
            {
                (others ??= []).Add(new(name, text));
            }
        }

        return new EasQuery
        {
            Command = command,
            User = NullIfEmpty(values[UserTag]),
            DeviceId = deviceId,
            DeviceType = deviceType,
            IsBase64Encoded = true,
            Version = version,
            PolicyKey = policyKey,
            Locale = locale,
            AttachmentName = NullIfEmpty(values[AttachmentNameTag]),
            CollectionId = NullIfEmpty(values[CollectionIdTag]),
            ItemId = NullIfEmpty(values[ItemIdTag]),
            LongId = NullIfEmpty(values[LongIdTag]),
            Occurrence = NullIfEmpty(values[OccurrenceTag]),
            Options = options,
            SaveInSent = options is { } o1 ? (o1 & EasQueryOptions.SaveInSent) != 0 : null,
            AcceptMultiPart = options is { } o2 ? (o2 & EasQueryOptions.AcceptMultiPart) != 0 : null,
            OtherParameters = others ?? (IReadOnlyList<KeyValuePair<string, string>>)[],
        };
    }

    /// <summary>
    /// The device ID field holds "a string or a GUID" (MS-ASHTTP 2.2.1.1.1.1). When every byte is an
    /// ASCII letter or digit it is the same string the plain form would carry (the spec's two example
    /// requests, plain and base64, both name "v140Device"); otherwise, e.g. a 16-byte binary GUID, it is
    /// written as lowercase hex so that it still meets the plain form's letters-and-digits rule.
    /// </summary>
    private static string ReadDeviceId(ReadOnlySpan<byte> bytes, int offset, EasQueryLimits limits)
    {
        if (!bytes.ContainsAnyExcept(AsciiLettersAndDigitsBytes))
        {
            return bytes.Length <= limits.MaxDeviceIdLength
                ? System.Text.Encoding.ASCII.GetString(bytes)
                : throw new EasProtocolException(
                    EasProtocolError.InvalidDeviceId, offset, $"the device ID is longer than {limits.MaxDeviceIdLength} characters");
        }

        return bytes.Length * 2 <= limits.MaxDeviceIdLength
            ? Convert.ToHexStringLower(bytes)
            : throw new EasProtocolException(
                EasProtocolError.InvalidDeviceId,
                offset,
                $"the device ID is {bytes.Length} bytes that are not letters and digits; as hex it would exceed {limits.MaxDeviceIdLength} characters");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static EasProtocolException InvalidBase64(string detail) => new(EasProtocolError.InvalidBase64, detail);

    private const int AttachmentNameTag = 0;
    private const int CollectionIdTag = 1;
    private const int CollectionNameTag = 2;
    private const int ItemIdTag = 3;
    private const int LongIdTag = 4;
    private const int ParentIdTag = 5;
    private const int OccurrenceTag = 6;
    private const int OptionsTag = 7;
    private const int UserTag = 8;

    /// <summary>
    /// Tags 0 to 8. MS-ASHTTP 2.2.1.1.1.1.3 lists 0, 1, 3, 4, 6, 7 and 8; 2 (CollectionName) and 5
    /// (ParentId) are the gaps, names kept from earlier versions of the table and passed on as
    /// <see cref="EasQuery.OtherParameters"/> rather than refused.
    /// </summary>
    private static readonly string[] TagNames =
        ["AttachmentName", "CollectionId", "CollectionName", "ItemId", "LongId", "ParentId", "Occurrence", "Options", "User"];

    private static readonly SearchValues<byte> AsciiLettersAndDigitsBytes =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>Reads fields in order; running out of bytes is <see cref="EasProtocolError.TruncatedBase64Query"/> at the current offset.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Position { get; private set; }

        public readonly bool AtEnd => Position == _bytes.Length;

        public byte ReadByte(string field)
        {
            if (Position >= _bytes.Length)
            {
                throw new EasProtocolException(
                    EasProtocolError.TruncatedBase64Query, Position, $"the query ends where the {field} should be");
            }

            return _bytes[Position++];
        }

        public ReadOnlySpan<byte> ReadBytes(int count, string field)
        {
            int remaining = _bytes.Length - Position;
            if (count > remaining)
            {
                throw new EasProtocolException(
                    EasProtocolError.TruncatedBase64Query, Position, $"the {field} needs {count} bytes but {remaining} remain");
            }

            ReadOnlySpan<byte> slice = _bytes.Slice(Position, count);
            Position += count;
            return slice;
        }
    }
}
