using System.Globalization;
using Pushbox.Wbxml;
using RightsTags = Pushbox.Wbxml.EasCodePages.RightsManagementTags;
using Tags = Pushbox.Wbxml.EasCodePages.SettingsTags;

namespace Pushbox.Protocol.Commands.Settings;

/// <summary>
/// Writes a Settings response in the element order of SettingsResponse.xsd: <c>Status</c>, then each property with its
/// <c>Status</c> first (MS-ASCMD_R486). The version decides what exists: UserInformation's Accounts form from 14.1
/// (EmailAddresses directly under Get before), RightsManagementInformation from 14.1, and common status codes from
/// 14.0; asking for one the version lacks is a caller bug and throws.
/// </summary>
public static class SettingsResponseWriter
{
    /// <summary>Writes <paramref name="response"/> as the whole document.</summary>
    /// <exception cref="ArgumentException">The response holds something <paramref name="version"/> cannot carry.</exception>
    public static void Write(WbxmlWriter writer, SettingsResponse response, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        Check(response, version);
        writer.WriteStartElement(Tags.Settings);
        writer.WriteElementInt(Tags.Status, (int)response.Status);
        foreach (SettingsPropertyResponse property in response.Properties)
        {
            WriteProperty(writer, property, version);
        }

        writer.WriteEndElement();
    }

    private static void WriteProperty(WbxmlWriter writer, SettingsPropertyResponse property, EasVersion version)
    {
        writer.WriteStartElement(property.Kind switch
        {
            SettingsPropertyKind.Oof => Tags.Oof,
            SettingsPropertyKind.DeviceInformation => Tags.DeviceInformation,
            SettingsPropertyKind.DevicePassword => Tags.DevicePassword,
            SettingsPropertyKind.UserInformation => Tags.UserInformation,
            _ => Tags.RightsManagementInformation,
        });
        writer.WriteElementInt(Tags.Status, (int)property.Status);
        if (property.Kind == SettingsPropertyKind.RightsManagementInformation)
        {
            // SettingsResponse.xsd requires Get here whatever the status; Pushbox has no templates either way.
            writer.WriteStartElement(Tags.Get);
            writer.WriteEmptyElement(RightsTags.RightsManagementTemplates);
            writer.WriteEndElement();
        }
        else if (property.Status == SettingsStatus.Success)
        {
            switch (property.Kind)
            {
                case SettingsPropertyKind.Oof when property.Oof is { } oof:
                    WriteOof(writer, oof);
                    break;
                case SettingsPropertyKind.UserInformation when property.UserInformation is { } user:
                    WriteUserInformation(writer, user, version);
                    break;
            }
        }

        writer.WriteEndElement();
    }

    private static void WriteOof(WbxmlWriter writer, OofGetResponse oof)
    {
        writer.WriteStartElement(Tags.Get);
        writer.WriteElementInt(Tags.OofState, (int)oof.State);
        if (oof.State == OofState.TimeBased && oof.StartTime is { } start && oof.EndTime is { } end)
        {
            writer.WriteElementString(Tags.StartTime, Format(start));
            writer.WriteElementString(Tags.EndTime, Format(end));
        }

        foreach (OofMessageResponse message in oof.Messages)
        {
            writer.WriteStartElement(Tags.OofMessage);
            writer.WriteEmptyElement(message.Audience switch
            {
                OofAudience.Internal => Tags.AppliesToInternal,
                OofAudience.ExternalKnown => Tags.AppliesToExternalKnown,
                _ => Tags.AppliesToExternalUnknown,
            });
            writer.WriteElementInt(Tags.Enabled, message.Enabled ? 1 : 0);
            if (message.ReplyMessage is { } reply)
            {
                if (reply.Length == 0)
                {
                    writer.WriteEmptyElement(Tags.ReplyMessage);
                }
                else
                {
                    writer.WriteElementString(Tags.ReplyMessage, reply);
                }

                // MS-ASCMD_R826: BodyType whenever ReplyMessage is returned.
                writer.WriteElementString(Tags.BodyType, message.BodyType == OofBodyType.Html ? "HTML" : "Text");
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteUserInformation(WbxmlWriter writer, UserInformationResponse user, EasVersion version)
    {
        writer.WriteStartElement(Tags.Get);
        if (version >= EasVersion.V141)
        {
            writer.WriteStartElement(Tags.Accounts);
            writer.WriteStartElement(Tags.Account);
            if (!string.IsNullOrEmpty(user.UserDisplayName))
            {
                writer.WriteElementString(Tags.UserDisplayName, user.UserDisplayName.Length > 512 ? user.UserDisplayName[..512] : user.UserDisplayName);
            }

            writer.WriteStartElement(Tags.EmailAddresses);
            foreach (string address in user.SmtpAddresses)
            {
                writer.WriteElementString(Tags.SMTPAddress, address);
            }

            writer.WriteElementString(Tags.PrimarySmtpAddress, user.PrimarySmtpAddress);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        else
        {
            writer.WriteStartElement(Tags.EmailAddresses);
            foreach (string address in user.SmtpAddresses)
            {
                writer.WriteElementString(Tags.SMTPAddress, address);
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Check(SettingsResponse response, EasVersion version)
    {
        int status = (int)response.Status;
        if (status <= 0 || status > byte.MaxValue || (status > 100 && version < EasVersion.V140))
        {
            throw new ArgumentOutOfRangeException(nameof(response), status, $"Status {status} cannot be sent to protocol {version}.");
        }

        if (response.Status != SettingsStatus.Success && response.Properties.Count > 0)
        {
            throw new ArgumentException("A failed Settings request has no property responses (MS-ASCMD_R483).", nameof(response));
        }

        foreach (SettingsPropertyResponse property in response.Properties)
        {
            if (property.Kind == SettingsPropertyKind.RightsManagementInformation && version < EasVersion.V141)
            {
                throw new ArgumentException($"RightsManagementInformation exists from protocol 14.1, not {version}.", nameof(response));
            }

            if (property.Status is < SettingsStatus.Success or > SettingsStatus.DeniedByPolicy)
            {
                throw new ArgumentOutOfRangeException(nameof(response), property.Status, "A property status is 1 to 7.");
            }
        }
    }
}
