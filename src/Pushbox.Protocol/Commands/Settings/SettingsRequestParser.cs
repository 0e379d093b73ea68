using System.Globalization;
using Pushbox.Protocol.Commands.Provision;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using Tags = Pushbox.Wbxml.EasCodePages.SettingsTags;

namespace Pushbox.Protocol.Commands.Settings;

/// <summary>
/// Reads a Settings request body (MS-ASCMD 2.2.1.18). Pure: bytes in, request out.
/// </summary>
/// <remarks>
/// Two kinds of error, as the spec's two levels of Status (MS-ASCMD_R483, R484). The whole request is malformed, and
/// <see cref="EasProtocolException"/> is thrown, when the WBXML layer rejects it, the root is not Settings, a property
/// appears twice (MS-ASCMD_R477), or a value is empty where text is needed or longer than
/// <see cref="SettingsLimits.MaxReadLength"/> (<see cref="SettingsLimits.MaxReplyMessageLength"/> for a ReplyMessage).
/// A property whose own content is wrong is returned with <see cref="SettingsProperty.Refusal"/> set and the rest is
/// read on: Oof with both or neither of Get and Set, a Get without BodyType (MS-ASCMD_R824), StartTime without EndTime
/// or the reverse (MS-ASCMD_R3992), a date that is not an MS-ASDTYPE date-time, an OofMessage without exactly one
/// AppliesTo* element, a ReplyMessage without BodyType (MS-ASCMD_R3785), a DeviceInformation or DevicePassword
/// without Set, a DevicePassword Set without Password, and a UserInformation or RightsManagementInformation without
/// Get (MS-ASCMD_R3867) are <see cref="SettingsStatus.ProtocolError"/>; a BodyType other than Text or HTML, an
/// OofState other than 0 to 2, an Enabled or EnableOutboundSMS other than 0 or 1, a password over 255 characters
/// and a device information value over 1,024 are <see cref="SettingsStatus.InvalidArguments"/>; the same audience
/// twice (MS-ASCMD_R3526) is <see cref="SettingsStatus.ConflictingArguments"/>. Unknown elements are skipped.
/// </remarks>
public static class SettingsRequestParser
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyyMMdd'T'HHmmss'Z'",
    ];

    /// <summary>Parses a Settings request body.</summary>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MalformedBody"/> for a malformed request;
    /// <see cref="EasProtocolError.BodyTooLarge"/> when the body exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>.
    /// </exception>
    public static SettingsRequest Parse(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Guard(() => ParseCore(body, limits));
    }

    private static SettingsRequest ParseCore(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.Settings);
        var properties = new List<SettingsProperty>();
        while (NextChild(reader, 1))
        {
            SettingsPropertyKind? kind = reader.Tag switch
            {
                Tags.Oof => SettingsPropertyKind.Oof,
                Tags.DeviceInformation => SettingsPropertyKind.DeviceInformation,
                Tags.DevicePassword => SettingsPropertyKind.DevicePassword,
                Tags.UserInformation => SettingsPropertyKind.UserInformation,
                Tags.RightsManagementInformation => SettingsPropertyKind.RightsManagementInformation,
                _ => null,
            };
            if (kind is not SettingsPropertyKind k)
            {
                SkipElement(reader);
                continue;
            }

            if (properties.Any(p => p.Kind == k))
            {
                throw Malformed($"{EasCodePages.Describe(reader.Tag)} appears more than once", reader.TokenOffset);
            }

            properties.Add(k switch
            {
                SettingsPropertyKind.Oof => ReadOof(reader),
                SettingsPropertyKind.DeviceInformation => ReadDeviceInformation(reader),
                SettingsPropertyKind.DevicePassword => ReadDevicePassword(reader),
                _ => ReadGetOnly(reader, k),
            });
        }

        Finish(reader);
        return new SettingsRequest(properties);
    }

    private static SettingsProperty ReadOof(WbxmlReader reader)
    {
        var problem = new Problem();
        OofBodyType? getBodyType = null;
        OofSetRequest? set = null;
        int operations = 0;
        while (NextChild(reader, 2))
        {
            switch (reader.Tag)
            {
                case Tags.Get:
                    operations++;
                    getBodyType = ReadOofGet(reader, problem);
                    break;
                case Tags.Set:
                    operations++;
                    set = ReadOofSet(reader, problem);
                    break;
                default:
                    SkipElement(reader);
                    break;
            }
        }

        if (operations != 1)
        {
            problem.Report(SettingsStatus.ProtocolError);
        }

        return problem.Status is SettingsStatus status
            ? SettingsProperty.Refused(SettingsPropertyKind.Oof, status)
            : new SettingsProperty(SettingsPropertyKind.Oof) { OofGet = getBodyType, OofSet = set };
    }

    private static OofBodyType? ReadOofGet(WbxmlReader reader, Problem problem)
    {
        OofBodyType? bodyType = null;
        bool seen = false;
        while (NextChild(reader, 3))
        {
            if (reader.Tag == Tags.BodyType)
            {
                RequireFirstFlag(ref seen, reader);
                bodyType = ReadBodyType(reader, problem);
            }
            else
            {
                SkipElement(reader);
            }
        }

        if (!seen)
        {
            problem.Report(SettingsStatus.ProtocolError);
        }

        return bodyType ?? OofBodyType.Text;
    }

    private static OofSetRequest ReadOofSet(WbxmlReader reader, Problem problem)
    {
        OofState? state = null;
        DateTimeOffset? start = null;
        DateTimeOffset? end = null;
        bool sawState = false;
        bool sawStart = false;
        bool sawEnd = false;
        var messages = new List<OofMessageRequest>();
        while (NextChild(reader, 3))
        {
            switch (reader.Tag)
            {
                case Tags.OofState:
                    RequireFirstFlag(ref sawState, reader);
                    state = ReadNumber(reader, problem, 2) is int s ? (OofState)s : null;
                    break;
                case Tags.StartTime:
                    RequireFirstFlag(ref sawStart, reader);
                    start = ReadDateTime(reader, problem);
                    break;
                case Tags.EndTime:
                    RequireFirstFlag(ref sawEnd, reader);
                    end = ReadDateTime(reader, problem);
                    break;
                case Tags.OofMessage:
                    if (ReadOofMessage(reader, problem) is { } message)
                    {
                        if (messages.Any(m => m.Audience == message.Audience))
                        {
                            problem.Report(SettingsStatus.ConflictingArguments);
                        }

                        messages.Add(message);
                    }

                    break;
                default:
                    SkipElement(reader);
                    break;
            }
        }

        if (sawStart != sawEnd)
        {
            problem.Report(SettingsStatus.ProtocolError);
        }

        return new OofSetRequest(state, start, end, messages);
    }

    private static OofMessageRequest? ReadOofMessage(WbxmlReader reader, Problem problem)
    {
        var audiences = new List<OofAudience>();
        bool? enabled = null;
        bool sawEnabled = false;
        string? reply = null;
        OofBodyType? bodyType = null;
        bool sawBodyType = false;
        while (NextChild(reader, 4))
        {
            switch (reader.Tag)
            {
                case Tags.AppliesToInternal:
                    audiences.Add(OofAudience.Internal);
                    SkipElement(reader);
                    break;
                case Tags.AppliesToExternalKnown:
                    audiences.Add(OofAudience.ExternalKnown);
                    SkipElement(reader);
                    break;
                case Tags.AppliesToExternalUnknown:
                    audiences.Add(OofAudience.ExternalUnknown);
                    SkipElement(reader);
                    break;
                case Tags.Enabled:
                    RequireFirstFlag(ref sawEnabled, reader);
                    enabled = ReadNumber(reader, problem, 1) is int e ? e == 1 : null;
                    break;
                case Tags.ReplyMessage:
                    RequireFirst(reply, reader);
                    reply = ReadOptionalString(reader, SettingsLimits.MaxReplyMessageLength);
                    break;
                case Tags.BodyType:
                    RequireFirstFlag(ref sawBodyType, reader);
                    bodyType = ReadBodyType(reader, problem);
                    break;
                default:
                    SkipElement(reader);
                    break;
            }
        }

        if (audiences.Count != 1 || (reply is not null && !sawBodyType))
        {
            problem.Report(SettingsStatus.ProtocolError);
            return null;
        }

        return new OofMessageRequest(audiences[0], enabled, reply, bodyType);
    }

    private static SettingsProperty ReadDeviceInformation(WbxmlReader reader)
    {
        var problem = new Problem();
        ProvisionDeviceInformation? information = null;
        while (NextChild(reader, 2))
        {
            if (reader.Tag == Tags.Set)
            {
                RequireFirst(information, reader);
                information = ReadDeviceInformationSet(reader, problem);
            }
            else
            {
                SkipElement(reader);
            }
        }

        if (information is null)
        {
            problem.Report(SettingsStatus.ProtocolError);
        }

        return problem.Status is SettingsStatus status
            ? SettingsProperty.Refused(SettingsPropertyKind.DeviceInformation, status)
            : new SettingsProperty(SettingsPropertyKind.DeviceInformation) { DeviceInformation = information };
    }

    private static ProvisionDeviceInformation ReadDeviceInformationSet(WbxmlReader reader, Problem problem)
    {
        var info = new ProvisionDeviceInformation();
        while (NextChild(reader, 3))
        {
            switch (reader.Tag)
            {
                case Tags.Model:
                    RequireFirst(info.Model, reader);
                    info = info with { Model = ReadDeviceValue(reader, problem) };
                    break;
                case Tags.IMEI:
                    RequireFirst(info.Imei, reader);
                    info = info with { Imei = ReadDeviceValue(reader, problem) };
                    break;
                case Tags.FriendlyName:
                    RequireFirst(info.FriendlyName, reader);
                    info = info with { FriendlyName = ReadDeviceValue(reader, problem) };
                    break;
                case Tags.OS:
                    RequireFirst(info.OS, reader);
                    info = info with { OS = ReadDeviceValue(reader, problem) };
                    break;
                case Tags.OSLanguage:
                    RequireFirst(info.OSLanguage, reader);
                    info = info with { OSLanguage = ReadDeviceValue(reader, problem) };
                    break;
                case Tags.PhoneNumber:
                    RequireFirst(info.PhoneNumber, reader);
                    info = info with { PhoneNumber = ReadDeviceValue(reader, problem) };
                    break;
                case Tags.UserAgent:
                    RequireFirst(info.UserAgent, reader);
                    info = info with { UserAgent = ReadDeviceValue(reader, problem) };
                    break;
                case Tags.EnableOutboundSMS:
                    RequireFirst(info.EnableOutboundSms, reader);
                    info = info with { EnableOutboundSms = ReadNumber(reader, problem, 1) is int sms ? sms == 1 : false };
                    break;
                case Tags.MobileOperator:
                    RequireFirst(info.MobileOperator, reader);
                    info = info with { MobileOperator = ReadDeviceValue(reader, problem) };
                    break;
                default:
                    SkipElement(reader);
                    break;
            }
        }

        return info;
    }

    private static SettingsProperty ReadDevicePassword(WbxmlReader reader)
    {
        var problem = new Problem();
        string? password = null;
        bool sawSet = false;
        while (NextChild(reader, 2))
        {
            if (reader.Tag != Tags.Set)
            {
                SkipElement(reader);
                continue;
            }

            RequireFirstFlag(ref sawSet, reader);
            while (NextChild(reader, 3))
            {
                if (reader.Tag == Tags.Password)
                {
                    RequireFirst(password, reader);
                    password = ReadOptionalString(reader, SettingsLimits.MaxReadLength);
                }
                else
                {
                    SkipElement(reader);
                }
            }
        }

        if (password is null)
        {
            problem.Report(SettingsStatus.ProtocolError);
        }
        else if (password.Length > SettingsLimits.MaxPasswordLength)
        {
            problem.Report(SettingsStatus.InvalidArguments);
        }

        return problem.Status is SettingsStatus status
            ? SettingsProperty.Refused(SettingsPropertyKind.DevicePassword, status)
            : new SettingsProperty(SettingsPropertyKind.DevicePassword) { Password = password };
    }

    private static SettingsProperty ReadGetOnly(WbxmlReader reader, SettingsPropertyKind kind)
    {
        bool sawGet = false;
        while (NextChild(reader, 2))
        {
            if (reader.Tag == Tags.Get)
            {
                RequireFirstFlag(ref sawGet, reader);
            }

            SkipElement(reader);
        }

        return sawGet ? new SettingsProperty(kind) : SettingsProperty.Refused(kind, SettingsStatus.ProtocolError);
    }

    private static OofBodyType? ReadBodyType(WbxmlReader reader, Problem problem)
    {
        string value = ReadOptionalString(reader, 16);
        if (value.Equals("Text", StringComparison.OrdinalIgnoreCase))
        {
            return OofBodyType.Text;
        }

        if (value.Equals("HTML", StringComparison.OrdinalIgnoreCase))
        {
            return OofBodyType.Html;
        }

        problem.Report(value.Length == 0 ? SettingsStatus.ProtocolError : SettingsStatus.InvalidArguments);
        return null;
    }

    /// <summary>A small unsigned number: not a number is a protocol error, out of range an invalid argument.</summary>
    private static int? ReadNumber(WbxmlReader reader, Problem problem, int max)
    {
        string text = ReadOptionalString(reader, 16).Trim(' ', '\t', '\r', '\n');
        if (text.Length == 0 || !text.All(char.IsAsciiDigit) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            problem.Report(SettingsStatus.ProtocolError);
            return null;
        }

        if (value > max)
        {
            problem.Report(SettingsStatus.InvalidArguments);
            return null;
        }

        return value;
    }

    private static DateTimeOffset? ReadDateTime(WbxmlReader reader, Problem problem)
    {
        string text = ReadOptionalString(reader, 64).Trim();
        if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset value))
        {
            return value;
        }

        problem.Report(SettingsStatus.ProtocolError);
        return null;
    }

    private static string? ReadDeviceValue(WbxmlReader reader, Problem problem)
    {
        string value = ReadOptionalString(reader, SettingsLimits.MaxReadLength);
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > SettingsLimits.MaxDeviceInformationLength)
        {
            problem.Report(SettingsStatus.InvalidArguments);
            return null;
        }

        return value;
    }

    /// <summary>On the start tag of a leaf that may be empty (an empty element clears a value): its text, "" when empty, leaving the reader on its end.</summary>
    private static string ReadOptionalString(WbxmlReader reader, int maxLength)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        return ReadString(reader, maxLength);
    }

    private static void RequireFirstFlag(ref bool seen, WbxmlReader reader)
    {
        if (seen)
        {
            throw Malformed($"{EasCodePages.Describe(reader.Tag)} appears more than once", reader.TokenOffset);
        }

        seen = true;
    }

    /// <summary>The first problem found in one property; later ones do not replace it.</summary>
    private sealed class Problem
    {
        public SettingsStatus? Status { get; private set; }

        public void Report(SettingsStatus status) => Status ??= status;
    }
}
