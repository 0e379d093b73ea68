using Pushbox.Wbxml;
using SettingsTags = Pushbox.Wbxml.EasCodePages.SettingsTags;
using Tags = Pushbox.Wbxml.EasCodePages.ProvisionTags;

namespace Pushbox.Protocol.Commands.Provision;

/// <summary>
/// Writes a Provision response in the element order of ProvisionResponse.xsd: <c>settings:DeviceInformation</c>
/// (with <c>settings:Status</c>), <c>Status</c>, <c>Policies/Policy</c> (PolicyType, Status, PolicyKey, Data),
/// <c>RemoteWipe</c>, <c>AccountOnlyRemoteWipe</c>. The version decides the Data format (a wap-provisioningdoc
/// string for 2.5, an EASProvisionDoc with the settings that version knows from 12.0), and whether
/// DeviceInformation (14.1+), AccountOnlyRemoteWipe (16.1) and common status codes (14.0+) may be written:
/// asking for one the version lacks is a caller bug and throws.
/// </summary>
public static class ProvisionResponseWriter
{
    /// <summary>Writes <paramref name="response"/> as the whole document.</summary>
    /// <exception cref="ArgumentException">The response holds something <paramref name="version"/> cannot carry, or a value is out of range.</exception>
    public static void Write(WbxmlWriter writer, ProvisionResponse response, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        Check(response, version);

        writer.WriteStartElement(Tags.Provision);
        if (response.DeviceInformationStatus is DeviceInformationStatus deviceStatus)
        {
            writer.WriteStartElement(SettingsTags.DeviceInformation);
            writer.WriteElementInt(SettingsTags.Status, (int)deviceStatus);
            writer.WriteEndElement();
        }

        writer.WriteElementInt(Tags.Status, (int)response.Status);
        if (response.Policy is ProvisionResponsePolicy policy)
        {
            writer.WriteStartElement(Tags.Policies);
            writer.WriteStartElement(Tags.Policy);
            writer.WriteElementString(Tags.PolicyType, policy.PolicyType);
            writer.WriteElementInt(Tags.Status, (int)policy.Status);
            if (policy.PolicyKey is not null)
            {
                writer.WriteElementString(Tags.PolicyKey, policy.PolicyKey);
            }

            if (policy.Data is EasProvisionDoc data)
            {
                writer.WriteStartElement(Tags.Data);
                if (policy.PolicyType == PolicyTypes.WapProvisioningXml)
                {
                    writer.WriteString(WapProvisioningDoc.Render(data));
                }
                else
                {
                    EasProvisionDocWriter.Write(writer, data, version);
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        if (response.RemoteWipe)
        {
            writer.WriteEmptyElement(Tags.RemoteWipe);
        }

        if (response.AccountOnlyRemoteWipe)
        {
            writer.WriteEmptyElement(Tags.AccountOnlyRemoteWipe);
        }

        writer.WriteEndElement();
    }

    private static void Check(ProvisionResponse response, EasVersion version)
    {
        int status = (int)response.Status;
        if (status <= 0 || status > byte.MaxValue || (status > 100 && version < EasVersion.V140))
        {
            throw new ArgumentOutOfRangeException(nameof(response), status, $"Status {status} cannot be sent to protocol {version}.");
        }

        if (response.DeviceInformationStatus is not null && version < EasVersion.V141)
        {
            throw new ArgumentException($"DeviceInformation exists in Provision from protocol 14.1, not {version}.", nameof(response));
        }

        if (response.AccountOnlyRemoteWipe && version < EasVersion.V161)
        {
            throw new ArgumentException($"AccountOnlyRemoteWipe exists from protocol 16.1, not {version}.", nameof(response));
        }

        if (response.Policy is not ProvisionResponsePolicy policy)
        {
            return;
        }

        ArgumentException.ThrowIfNullOrEmpty(policy.PolicyType, nameof(response));
        if (policy.PolicyKey is not null && (policy.PolicyKey.Length == 0 || policy.PolicyKey.Length > ProvisionLimits.MaxPolicyKeyLength))
        {
            throw new ArgumentException($"A PolicyKey has 1 to {ProvisionLimits.MaxPolicyKeyLength} characters.", nameof(response));
        }

        if (policy.Data is not null && policy.PolicyType != PolicyTypes.For(version))
        {
            throw new ArgumentException($"Policy data for protocol {version} is of type {PolicyTypes.For(version)}.", nameof(response));
        }
    }
}
