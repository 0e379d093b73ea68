using Pushbox.Wbxml;
using Tags = Pushbox.Wbxml.EasCodePages.ProvisionTags;

namespace Pushbox.Protocol.Commands.Provision;

/// <summary>
/// Writes an <c>EASProvisionDoc</c> for one protocol version. The settings are one table, in the element order
/// of Provision.xsd, each with the first version that defines it (MS-ASPROV 2.2.2, MS-ASWBXML 2.1.2.1.15):
/// a version gets exactly the rows at or below it.
/// </summary>
public static class EasProvisionDocWriter
{
    private static readonly EasVersion V120 = EasVersion.V120;
    private static readonly EasVersion V121 = EasVersion.V121;

    /// <summary>The settings: tag, first version, how to write the value.</summary>
    private static readonly (ushort Tag, EasVersion Since, Action<WbxmlWriter, ushort, EasProvisionDoc> Write)[] Settings =
    [
        (Tags.DevicePasswordEnabled, V120, (w, t, d) => Bool(w, t, d.DevicePasswordEnabled)),
        (Tags.AlphanumericDevicePasswordRequired, V120, (w, t, d) => Bool(w, t, d.AlphanumericDevicePasswordRequired)),
        (Tags.PasswordRecoveryEnabled, V120, (w, t, d) => Bool(w, t, d.PasswordRecoveryEnabled)),
        (Tags.RequireStorageCardEncryption, V121, (w, t, d) => Bool(w, t, d.RequireStorageCardEncryption)),
        (Tags.AttachmentsEnabled, V120, (w, t, d) => Bool(w, t, d.AttachmentsEnabled)),
        (Tags.MinDevicePasswordLength, V120, (w, t, d) => OrEmpty(w, t, d.MinDevicePasswordLength)),
        (Tags.MaxInactivityTimeDeviceLock, V120, (w, t, d) => OrEmpty(w, t, d.MaxInactivityTimeDeviceLock)),
        (Tags.MaxDevicePasswordFailedAttempts, V120, (w, t, d) => OrEmpty(w, t, d.MaxDevicePasswordFailedAttempts)),
        (Tags.MaxAttachmentSize, V120, (w, t, d) => OrEmpty(w, t, d.MaxAttachmentSize)),
        (Tags.AllowSimpleDevicePassword, V120, (w, t, d) => Bool(w, t, d.AllowSimpleDevicePassword)),
        (Tags.DevicePasswordExpiration, V120, (w, t, d) => OrEmpty(w, t, d.DevicePasswordExpiration)),
        (Tags.DevicePasswordHistory, V120, (w, t, d) => w.WriteElementInt(t, d.DevicePasswordHistory)),
        (Tags.AllowStorageCard, V121, (w, t, d) => Bool(w, t, d.AllowStorageCard)),
        (Tags.AllowCamera, V121, (w, t, d) => Bool(w, t, d.AllowCamera)),
        (Tags.RequireDeviceEncryption, V121, (w, t, d) => Bool(w, t, d.RequireDeviceEncryption)),
        (Tags.AllowUnsignedApplications, V121, (w, t, d) => Bool(w, t, d.AllowUnsignedApplications)),
        (Tags.AllowUnsignedInstallationPackages, V121, (w, t, d) => Bool(w, t, d.AllowUnsignedInstallationPackages)),
        (Tags.MinDevicePasswordComplexCharacters, V121, (w, t, d) => w.WriteElementInt(t, d.MinDevicePasswordComplexCharacters)),
        (Tags.AllowWiFi, V121, (w, t, d) => Bool(w, t, d.AllowWiFi)),
        (Tags.AllowTextMessaging, V121, (w, t, d) => Bool(w, t, d.AllowTextMessaging)),
        (Tags.AllowPOPIMAPEmail, V121, (w, t, d) => Bool(w, t, d.AllowPOPIMAPEmail)),
        (Tags.AllowBluetooth, V121, (w, t, d) => w.WriteElementInt(t, d.AllowBluetooth)),
        (Tags.AllowIrDA, V121, (w, t, d) => Bool(w, t, d.AllowIrDA)),
        (Tags.RequireManualSyncWhenRoaming, V121, (w, t, d) => Bool(w, t, d.RequireManualSyncWhenRoaming)),
        (Tags.AllowDesktopSync, V121, (w, t, d) => Bool(w, t, d.AllowDesktopSync)),
        (Tags.MaxCalendarAgeFilter, V121, (w, t, d) => w.WriteElementInt(t, d.MaxCalendarAgeFilter)),
        (Tags.AllowHTMLEmail, V121, (w, t, d) => Bool(w, t, d.AllowHTMLEmail)),
        (Tags.MaxEmailAgeFilter, V121, (w, t, d) => w.WriteElementInt(t, d.MaxEmailAgeFilter)),
        (Tags.MaxEmailBodyTruncationSize, V121, (w, t, d) => w.WriteElementInt(t, d.MaxEmailBodyTruncationSize)),
        (Tags.MaxEmailHTMLBodyTruncationSize, V121, (w, t, d) => w.WriteElementInt(t, d.MaxEmailHTMLBodyTruncationSize)),
        (Tags.RequireSignedSMIMEMessages, V121, (w, t, d) => Bool(w, t, d.RequireSignedSMIMEMessages)),
        (Tags.RequireEncryptedSMIMEMessages, V121, (w, t, d) => Bool(w, t, d.RequireEncryptedSMIMEMessages)),
        (Tags.RequireSignedSMIMEAlgorithm, V121, (w, t, d) => w.WriteElementInt(t, d.RequireSignedSMIMEAlgorithm)),
        (Tags.RequireEncryptionSMIMEAlgorithm, V121, (w, t, d) => w.WriteElementInt(t, d.RequireEncryptionSMIMEAlgorithm)),
        (Tags.AllowSMIMEEncryptionAlgorithmNegotiation, V121, (w, t, d) => w.WriteElementInt(t, d.AllowSMIMEEncryptionAlgorithmNegotiation)),
        (Tags.AllowSMIMESoftCerts, V121, (w, t, d) => Bool(w, t, d.AllowSMIMESoftCerts)),
        (Tags.AllowBrowser, V121, (w, t, d) => Bool(w, t, d.AllowBrowser)),
        (Tags.AllowConsumerEmail, V121, (w, t, d) => Bool(w, t, d.AllowConsumerEmail)),
        (Tags.AllowRemoteDesktop, V121, (w, t, d) => Bool(w, t, d.AllowRemoteDesktop)),
        (Tags.AllowInternetSharing, V121, (w, t, d) => Bool(w, t, d.AllowInternetSharing)),
        (Tags.UnapprovedInROMApplicationList, V121, (w, t, d) => List(w, t, Tags.ApplicationName, d.UnapprovedInROMApplicationList)),
        (Tags.ApprovedApplicationList, V121, (w, t, d) => List(w, t, Tags.Hash, d.ApprovedApplicationList)),
    ];

    /// <summary>The first protocol version that defines the setting written with <paramref name="tag"/>; null for a tag that is no setting.</summary>
    public static EasVersion? Since(ushort tag)
    {
        foreach (var setting in Settings)
        {
            if (setting.Tag == tag)
            {
                return setting.Since;
            }
        }

        return null;
    }

    /// <summary>The setting tags in the order they are written.</summary>
    public static IEnumerable<ushort> SettingTags => Settings.Select(s => s.Tag);

    /// <summary>Writes <c>EASProvisionDoc</c> with every setting <paramref name="version"/> knows.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is older than 12.0, which has no EASProvisionDoc, or a value is out of range.</exception>
    public static void Write(WbxmlWriter writer, EasProvisionDoc doc, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(doc);
        if (version < V120)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "EASProvisionDoc exists from protocol 12.0; 2.5 takes a wap-provisioningdoc.");
        }

        doc.Validate();
        writer.WriteStartElement(Tags.EASProvisionDoc);
        foreach (var setting in Settings)
        {
            if (setting.Since <= version)
            {
                setting.Write(writer, setting.Tag, doc);
            }
        }

        writer.WriteEndElement();
    }

    private static void Bool(WbxmlWriter w, ushort tag, bool value) => w.WriteElementInt(tag, value ? 1 : 0);

    private static void OrEmpty(WbxmlWriter w, ushort tag, long? value)
    {
        if (value is long v)
        {
            w.WriteElementInt(tag, v);
        }
        else
        {
            w.WriteEmptyElement(tag);
        }
    }

    private static void List(WbxmlWriter w, ushort tag, ushort itemTag, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            w.WriteEmptyElement(tag);
            return;
        }

        w.WriteStartElement(tag);
        foreach (string item in items)
        {
            w.WriteElementString(itemTag, item);
        }

        w.WriteEndElement();
    }
}
