namespace Pushbox.Protocol.Query;

/// <summary>
/// The plain text query of MS-ASHTTP 2.2.1.1.1.2:
/// <c>Cmd=… &amp; User=… &amp; DeviceId=… &amp; DeviceType=… *(&amp; parameter=value)</c>. Accepted more
/// loosely than the ABNF where real clients differ and nothing is lost: any order, names in any ASCII
/// case, empty segments ("&amp;&amp;") skipped, User optional.
/// </summary>
internal static class PlainQueryReader
{
    /// <summary>Longest parameter name; the longest the spec defines is "AttachmentName" (14). A longer one is no parameter.</summary>
    private const int MaxParameterNameLength = 32;

    /// <summary>Longest command name; the longest is "ResolveRecipients" (17).</summary>
    private const int MaxCommandNameLength = 32;

    private enum Known
    {
        Cmd,
        User,
        DeviceId,
        DeviceType,
        AttachmentName,
        CollectionId,
        ItemId,
        LongId,
        Occurrence,
        SaveInSent,
    }

    private static readonly string[] KnownNames = Enum.GetNames<Known>();

    public static EasQuery Read(ReadOnlySpan<char> query, EasQueryLimits limits)
    {
        var values = new string?[KnownNames.Length];
        var seen = new bool[KnownNames.Length];
        List<KeyValuePair<string, string>>? others = null;
        int count = 0;

        foreach (Range range in query.Split('&'))
        {
            ReadOnlySpan<char> pair = query[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            if (++count > limits.MaxParameterCount)
            {
                throw new EasProtocolException(
                    EasProtocolError.TooManyParameters, $"the query has more than {limits.MaxParameterCount} parameters");
            }

            int equals = pair.IndexOf('=');
            if (equals < 0)
            {
                throw new EasProtocolException(EasProtocolError.MalformedQuery, $"parameter {count} has no '='");
            }

            string name = ReadName(pair[..equals], count);
            int known = Array.FindIndex(KnownNames, n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (known < 0)
            {
                string value = ReadValue(pair[(equals + 1)..], "a parameter value", limits.MaxParameterValueLength);
                (others ??= []).Add(new(name, value));
                continue;
            }

            if (seen[known])
            {
                throw new EasProtocolException(EasProtocolError.DuplicateParameter, $"{KnownNames[known]} appears more than once");
            }

            seen[known] = true;
            values[known] = ReadKnownValue((Known)known, pair[(equals + 1)..], limits);
        }

        return new EasQuery
        {
            Command = ReadCommand(values[(int)Known.Cmd]),
            User = NullIfEmpty(values[(int)Known.User]),
            DeviceId = values[(int)Known.DeviceId] is { Length: > 0 } deviceId
                ? deviceId
                : throw new EasProtocolException(EasProtocolError.MissingDeviceId, "the query has no DeviceId"),
            DeviceType = values[(int)Known.DeviceType] is { Length: > 0 } deviceType
                ? deviceType
                : throw new EasProtocolException(EasProtocolError.MissingDeviceType, "the query has no DeviceType"),
            IsBase64Encoded = false,
            AttachmentName = NullIfEmpty(values[(int)Known.AttachmentName]),
            CollectionId = NullIfEmpty(values[(int)Known.CollectionId]),
            ItemId = NullIfEmpty(values[(int)Known.ItemId]),
            LongId = NullIfEmpty(values[(int)Known.LongId]),
            Occurrence = NullIfEmpty(values[(int)Known.Occurrence]),
            SaveInSent = ReadSaveInSent(values[(int)Known.SaveInSent]),
            OtherParameters = others ?? (IReadOnlyList<KeyValuePair<string, string>>)[],
        };
    }

    private static string ReadName(ReadOnlySpan<char> encoded, int position)
    {
        // Bounded before decoding: a name's escapes take at most three characters per byte.
        string name = encoded.Length <= 3 * MaxParameterNameLength
            ? QueryText.PercentDecode(encoded, $"the name of parameter {position}")
            : string.Empty;
        if (name.Length is 0 or > MaxParameterNameLength || name.AsSpan().ContainsAnyExcept(QueryText.AsciiLetters))
        {
            throw new EasProtocolException(
                EasProtocolError.MalformedQuery, $"the name of parameter {position} is not 1 to {MaxParameterNameLength} ASCII letters");
        }

        return name;
    }

    private static string ReadKnownValue(Known name, ReadOnlySpan<char> encoded, EasQueryLimits limits)
    {
        switch (name)
        {
            case Known.Cmd:
                return encoded.Length <= 3 * MaxCommandNameLength
                    ? QueryText.PercentDecode(encoded, "Cmd")
                    : throw new EasProtocolException(EasProtocolError.UnknownCommand, "Cmd is too long to name a command");
            case Known.DeviceId:
                string deviceId = QueryText.PercentDecode(encoded, "DeviceId");
                return deviceId.Length == 0 || QueryText.IsValidDeviceId(deviceId, limits.MaxDeviceIdLength)
                    ? deviceId
                    : throw new EasProtocolException(
                        EasProtocolError.InvalidDeviceId,
                        $"DeviceId is not 1 to {limits.MaxDeviceIdLength} ASCII letters and digits (MS-ASHTTP 2.2.1.1.1.2.3)");
            case Known.DeviceType:
                string deviceType = QueryText.PercentDecode(encoded, "DeviceType");
                return deviceType.Length <= limits.MaxDeviceTypeLength
                    ? deviceType
                    : throw new EasProtocolException(
                        EasProtocolError.InvalidDeviceType, $"DeviceType is longer than {limits.MaxDeviceTypeLength} characters");
            default:
                return ReadValue(encoded, KnownNames[(int)name], limits.MaxParameterValueLength);
        }
    }

    private static string ReadValue(ReadOnlySpan<char> encoded, string what, int maxLength)
    {
        string value = QueryText.PercentDecode(encoded, what);
        return value.Length <= maxLength
            ? value
            : throw new EasProtocolException(EasProtocolError.ParameterTooLong, $"{what} is longer than {maxLength} characters");
    }

    private static EasCommand ReadCommand(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new EasProtocolException(EasProtocolError.MissingCommand, "the query has no Cmd");
        }

        if (EasCommands.TryParseName(name, out EasCommand command))
        {
            return command;
        }

        // Echo the name only when it looks like one (command-name = 1*ALPHA): safe for a log line.
        string shown = name.Length <= MaxCommandNameLength && !name.AsSpan().ContainsAnyExcept(QueryText.AsciiLetters)
            ? $"Cmd={name} is"
            : "Cmd is";
        throw new EasProtocolException(EasProtocolError.UnknownCommand, $"{shown} not an MS-ASCMD command");
    }

    private static bool? ReadSaveInSent(string? value) => value switch
    {
        null or "" => null,
        "T" or "t" => true,
        "F" or "f" => false,
        _ => throw new EasProtocolException(EasProtocolError.InvalidParameterValue, "SaveInSent is neither T nor F"),
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
