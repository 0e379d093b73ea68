using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using SettingsTags = Pushbox.Wbxml.EasCodePages.SettingsTags;
using Tags = Pushbox.Wbxml.EasCodePages.ProvisionTags;

namespace Pushbox.Protocol.Commands.Provision;

/// <summary>
/// Reads a Provision request body (MS-ASCMD 2.2.1.14, MS-ASPROV 3.1.5.1) in any of its shapes: empty,
/// initial (Policies/Policy/PolicyType, optionally <c>settings:DeviceInformation</c>), policy acknowledgement
/// (PolicyType, PolicyKey, Status), and remote-wipe or account-only remote-wipe acknowledgement
/// (RemoteWipe/Status, AccountOnlyRemoteWipe/Status). Pure: bytes in, request out.
/// </summary>
/// <remarks>
/// Unknown children are skipped with their content, as in the other parsers. Malformed: anything the WBXML
/// layer rejects; a wrong root; Policies without exactly one Policy; a Policy without PolicyType; a PolicyKey
/// without Status or the reverse; a repeated element; a wipe acknowledgement without Status; more than one
/// of Policies, RemoteWipe and AccountOnlyRemoteWipe; DeviceInformation without Set; an over-long value;
/// a Status that is not an unsigned byte; EnableOutboundSMS other than 0 or 1. An unknown PolicyType is
/// not malformed: a handler answers it with <see cref="PolicyStatus.UnknownPolicyType"/>.
/// </remarks>
public static class ProvisionRequestParser
{
    /// <summary>Parses a Provision request body.</summary>
    /// <param name="body">The WBXML request body.</param>
    /// <param name="limits">The WBXML limits of the endpoint.</param>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MalformedBody"/> for anything malformed;
    /// <see cref="EasProtocolError.BodyTooLarge"/> when the body exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>.
    /// </exception>
    public static ProvisionRequest Parse(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Guard(() => ParseCore(body, limits));
    }

    private static ProvisionRequest ParseCore(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.Provision);
        ProvisionRequestPolicy? policy = null;
        ProvisionDeviceInformation? device = null;
        RemoteWipeStatus? wipe = null;
        RemoteWipeStatus? accountWipe = null;
        int directives = 0;
        while (NextChild(reader, 1))
        {
            switch (reader.Tag)
            {
                case Tags.Policies:
                    RequireFirst(policy, reader);
                    directives++;
                    policy = ReadPolicies(reader);
                    break;
                case Tags.RemoteWipe:
                    RequireFirst(wipe, reader);
                    directives++;
                    wipe = ReadWipeStatus(reader);
                    break;
                case Tags.AccountOnlyRemoteWipe:
                    RequireFirst(accountWipe, reader);
                    directives++;
                    accountWipe = ReadWipeStatus(reader);
                    break;
                case SettingsTags.DeviceInformation:
                    RequireFirst(device, reader);
                    device = ReadDeviceInformation(reader);
                    break;
                default:
                    SkipElement(reader);
                    break;
            }
        }

        Finish(reader);
        if (directives > 1)
        {
            throw Malformed("The Provision request mixes Policies, RemoteWipe and AccountOnlyRemoteWipe");
        }

        return new ProvisionRequest(policy, device, wipe, accountWipe);
    }

    private static ProvisionRequestPolicy ReadPolicies(WbxmlReader reader) =>
        ReadOnlyChild(reader, Tags.Policy, ReadPolicy, "Policies holds no Policy");

    /// <summary>Reads a wrapper (at depth 2) that must hold exactly one <paramref name="childTag"/>, skipping anything else.</summary>
    private static T ReadOnlyChild<T>(WbxmlReader reader, ushort childTag, Func<WbxmlReader, T> read, string missing)
        where T : class
    {
        long offset = reader.TokenOffset;
        T? child = null;
        while (NextChild(reader, 2))
        {
            if (reader.Tag == childTag)
            {
                RequireFirst(child, reader);
                child = read(reader);
            }
            else
            {
                SkipElement(reader);
            }
        }

        return child ?? throw Malformed(missing, offset);
    }

    private static ProvisionRequestPolicy ReadPolicy(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        string? policyType = null;
        string? policyKey = null;
        int? status = null;
        while (NextChild(reader, 3))
        {
            switch (reader.Tag)
            {
                case Tags.PolicyType:
                    RequireFirst(policyType, reader);
                    policyType = ReadString(reader, ProvisionLimits.MaxPolicyTypeLength);
                    break;
                case Tags.PolicyKey:
                    RequireFirst(policyKey, reader);
                    policyKey = ReadString(reader, ProvisionLimits.MaxPolicyKeyLength);
                    break;
                case Tags.Status:
                    RequireFirst(status, reader);
                    status = ReadUnsigned(reader, byte.MaxValue);
                    break;
                default:
                    SkipElement(reader);
                    break;
            }
        }

        if (policyType is null)
        {
            throw Malformed("Policy has no PolicyType", offset);
        }

        if ((policyKey is null) != (status is null))
        {
            throw Malformed("A policy acknowledgement needs both PolicyKey and Status", offset);
        }

        return new ProvisionRequestPolicy(policyType, policyKey, (PolicyAcknowledgementStatus?)status);
    }

    private static RemoteWipeStatus ReadWipeStatus(WbxmlReader reader)
    {
        ushort tag = reader.Tag;
        long offset = reader.TokenOffset;
        int? status = null;
        while (NextChild(reader, 2))
        {
            if (reader.Tag == Tags.Status)
            {
                RequireFirst(status, reader);
                status = ReadUnsigned(reader, byte.MaxValue);
            }
            else
            {
                SkipElement(reader);
            }
        }

        return status is int value
            ? (RemoteWipeStatus)value
            : throw Malformed($"{EasCodePages.Describe(tag)} has no Status", offset);
    }

    private static ProvisionDeviceInformation ReadDeviceInformation(WbxmlReader reader) =>
        ReadOnlyChild(reader, SettingsTags.Set, ReadSet, "DeviceInformation has no Set");

    private static ProvisionDeviceInformation ReadSet(WbxmlReader reader)
    {
        var info = new ProvisionDeviceInformation();
        const int max = ProvisionLimits.MaxDeviceInformationLength;
        while (NextChild(reader, 3))
        {
            switch (reader.Tag)
            {
                case SettingsTags.Model:
                    RequireFirst(info.Model, reader);
                    info = info with { Model = ReadString(reader, max) };
                    break;
                case SettingsTags.IMEI:
                    RequireFirst(info.Imei, reader);
                    info = info with { Imei = ReadString(reader, max) };
                    break;
                case SettingsTags.FriendlyName:
                    RequireFirst(info.FriendlyName, reader);
                    info = info with { FriendlyName = ReadString(reader, max) };
                    break;
                case SettingsTags.OS:
                    RequireFirst(info.OS, reader);
                    info = info with { OS = ReadString(reader, max) };
                    break;
                case SettingsTags.OSLanguage:
                    RequireFirst(info.OSLanguage, reader);
                    info = info with { OSLanguage = ReadString(reader, max) };
                    break;
                case SettingsTags.PhoneNumber:
                    RequireFirst(info.PhoneNumber, reader);
                    info = info with { PhoneNumber = ReadString(reader, max) };
                    break;
                case SettingsTags.UserAgent:
                    RequireFirst(info.UserAgent, reader);
                    info = info with { UserAgent = ReadString(reader, max) };
                    break;
                case SettingsTags.EnableOutboundSMS:
                    RequireFirst(info.EnableOutboundSms, reader);
                    info = info with { EnableOutboundSms = ReadUnsigned(reader, 1) == 1 };
                    break;
                case SettingsTags.MobileOperator:
                    RequireFirst(info.MobileOperator, reader);
                    info = info with { MobileOperator = ReadString(reader, max) };
                    break;
                default:
                    SkipElement(reader);
                    break;
            }
        }

        return info;
    }
}
