namespace Pushbox.Protocol.Commands.Provision;

/// <summary>
/// Every policy setting of an <c>EASProvisionDoc</c> (MS-ASPROV 2.2.2.28, protocol 16.1). The defaults are
/// the permissive "no policy" values, so <c>new EasProvisionDoc()</c> restricts nothing; set what a
/// mailbox policy requires. The writer sends each setting only to the versions that define it
/// (<see cref="EasProvisionDocWriter"/>): 11 settings from 12.0, all from 12.1. A null in one of the
/// "…OrEmpty" settings is written as an empty element, which the spec defines as "no limit".
/// Values are checked by <see cref="Validate"/>, which the response writer calls.
/// </summary>
public sealed record EasProvisionDoc
{
    /// <summary>Whether the device must have a password (12.0+).</summary>
    public bool DevicePasswordEnabled { get; init; }

    /// <summary>Whether the password must be alphanumeric (12.0+).</summary>
    public bool AlphanumericDevicePasswordRequired { get; init; }

    /// <summary>Whether the device may send a recovery password to the server (Settings command) (12.0+).</summary>
    public bool PasswordRecoveryEnabled { get; init; }

    /// <summary>Whether content on the storage card must be encrypted (12.1+).</summary>
    public bool RequireStorageCardEncryption { get; init; }

    /// <summary>Whether attachments may be downloaded (12.0+).</summary>
    public bool AttachmentsEnabled { get; init; } = true;

    /// <summary>The minimum password length, 1 to 16; null (empty element) or 1 means none (MS-ASPROV_R288, R289) (12.0+).</summary>
    public int? MinDevicePasswordLength { get; init; }

    /// <summary>Seconds of inactivity before the device locks; null (empty element) means none (MS-ASPROV_R279) (12.0+).</summary>
    public long? MaxInactivityTimeDeviceLock { get; init; }

    /// <summary>Failed unlock attempts before a wipe or lock-out, 4 to 16; null (empty element) means none (MS-ASPROV_R253) (12.0+).</summary>
    public int? MaxDevicePasswordFailedAttempts { get; init; }

    /// <summary>The largest attachment in bytes; null (empty element) means no limit (MS-ASPROV_R602) (12.0+).</summary>
    public long? MaxAttachmentSize { get; init; }

    /// <summary>Whether simple passwords such as "1111" are allowed (12.0+).</summary>
    public bool AllowSimpleDevicePassword { get; init; } = true;

    /// <summary>Days until the password expires; null (empty element) means it never does (MS-ASPROV_R217) (12.0+).</summary>
    public long? DevicePasswordExpiration { get; init; }

    /// <summary>How many previous passwords may not be reused; 0 for none (12.0+).</summary>
    public long DevicePasswordHistory { get; init; }

    /// <summary>Whether the storage card may be used (12.1+).</summary>
    public bool AllowStorageCard { get; init; } = true;

    /// <summary>Whether the camera may be used (12.1+).</summary>
    public bool AllowCamera { get; init; } = true;

    /// <summary>Whether the device must be encrypted (12.1+).</summary>
    public bool RequireDeviceEncryption { get; init; }

    /// <summary>Whether unsigned applications may run (12.1+).</summary>
    public bool AllowUnsignedApplications { get; init; } = true;

    /// <summary>Whether unsigned installation packages may be installed (12.1+).</summary>
    public bool AllowUnsignedInstallationPackages { get; init; } = true;

    /// <summary>The minimum number of character groups in a password, 1 to 4 (12.1+).</summary>
    public int MinDevicePasswordComplexCharacters { get; init; } = 1;

    /// <summary>Whether Wi-Fi may be used (12.1+).</summary>
    public bool AllowWiFi { get; init; } = true;

    /// <summary>Whether SMS text messaging is allowed (12.1+).</summary>
    public bool AllowTextMessaging { get; init; } = true;

    /// <summary>Whether POP or IMAP mail accounts are allowed (12.1+).</summary>
    public bool AllowPOPIMAPEmail { get; init; } = true;

    /// <summary>Bluetooth: 0 disabled, 1 hands-free profiles only, 2 allowed (MS-ASPROV 2.2.2.2) (12.1+).</summary>
    public int AllowBluetooth { get; init; } = 2;

    /// <summary>Whether infrared connections are allowed (12.1+).</summary>
    public bool AllowIrDA { get; init; } = true;

    /// <summary>Whether the device must sync manually while roaming (12.1+).</summary>
    public bool RequireManualSyncWhenRoaming { get; init; }

    /// <summary>Whether desktop synchronisation is allowed (12.1+).</summary>
    public bool AllowDesktopSync { get; init; } = true;

    /// <summary>The oldest calendar items to sync: 0 all, 4 two weeks, 5 one month, 6 three months, 7 six months (12.1+).</summary>
    public int MaxCalendarAgeFilter { get; init; }

    /// <summary>Whether HTML mail is allowed (12.1+).</summary>
    public bool AllowHTMLEmail { get; init; } = true;

    /// <summary>The oldest mail to sync: 0 all, 1 one day, 2 three days, 3 one week, 4 two weeks, 5 one month (12.1+).</summary>
    public int MaxEmailAgeFilter { get; init; }

    /// <summary>The plain-text body truncation size in kilobytes: -1 no truncation, 0 headers only, above 0 the size (12.1+).</summary>
    public long MaxEmailBodyTruncationSize { get; init; } = -1;

    /// <summary>The HTML body truncation size in kilobytes: -1 no truncation, 0 headers only, above 0 the size (12.1+).</summary>
    public long MaxEmailHTMLBodyTruncationSize { get; init; } = -1;

    /// <summary>Whether the device must send signed S/MIME messages (12.1+).</summary>
    public bool RequireSignedSMIMEMessages { get; init; }

    /// <summary>Whether the device must send encrypted S/MIME messages (12.1+).</summary>
    public bool RequireEncryptedSMIMEMessages { get; init; }

    /// <summary>The signing algorithm: 0 SHA1, 1 MD5 (12.1+).</summary>
    public int RequireSignedSMIMEAlgorithm { get; init; }

    /// <summary>The encryption algorithm: 0 TripleDES, 1 DES, 2 RC2 128-bit, 3 RC2 64-bit, 4 RC2 40-bit (12.1+).</summary>
    public int RequireEncryptionSMIMEAlgorithm { get; init; }

    /// <summary>Algorithm negotiation: 0 not allowed, 1 strong algorithms only, 2 any algorithm (12.1+).</summary>
    public int AllowSMIMEEncryptionAlgorithmNegotiation { get; init; } = 2;

    /// <summary>Whether soft certificates may be used for S/MIME (12.1+).</summary>
    public bool AllowSMIMESoftCerts { get; init; } = true;

    /// <summary>Whether the browser is allowed (12.1+).</summary>
    public bool AllowBrowser { get; init; } = true;

    /// <summary>Whether consumer mail accounts are allowed (12.1+).</summary>
    public bool AllowConsumerEmail { get; init; } = true;

    /// <summary>Whether Remote Desktop is allowed (12.1+).</summary>
    public bool AllowRemoteDesktop { get; init; } = true;

    /// <summary>Whether internet sharing (tethering) is allowed (12.1+).</summary>
    public bool AllowInternetSharing { get; init; } = true;

    /// <summary>In-ROM applications that may not run (ApplicationName each) (12.1+).</summary>
    public IReadOnlyList<string> UnapprovedInROMApplicationList { get; init; } = [];

    /// <summary>SHA-1 hashes of applications that may run (Hash each) (12.1+).</summary>
    public IReadOnlyList<string> ApprovedApplicationList { get; init; } = [];

    /// <summary>Throws when a value is outside the range the spec allows.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    /// <exception cref="ArgumentException">A list entry is empty.</exception>
    public void Validate()
    {
        Range(MinDevicePasswordLength, 1, 16, nameof(MinDevicePasswordLength));
        Range(MaxInactivityTimeDeviceLock, 0, uint.MaxValue, nameof(MaxInactivityTimeDeviceLock));
        Range(MaxDevicePasswordFailedAttempts, 4, 16, nameof(MaxDevicePasswordFailedAttempts));
        Range(MaxAttachmentSize, 0, uint.MaxValue, nameof(MaxAttachmentSize));
        Range(DevicePasswordExpiration, 0, uint.MaxValue, nameof(DevicePasswordExpiration));
        Range(DevicePasswordHistory, 0, uint.MaxValue, nameof(DevicePasswordHistory));
        Range(MinDevicePasswordComplexCharacters, 1, 4, nameof(MinDevicePasswordComplexCharacters));
        Range(AllowBluetooth, 0, 2, nameof(AllowBluetooth));
        if (MaxCalendarAgeFilter is not (0 or 4 or 5 or 6 or 7))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCalendarAgeFilter), MaxCalendarAgeFilter, "Must be 0, 4, 5, 6 or 7.");
        }

        Range(MaxEmailAgeFilter, 0, 5, nameof(MaxEmailAgeFilter));
        Range(MaxEmailBodyTruncationSize, -1, long.MaxValue, nameof(MaxEmailBodyTruncationSize));
        Range(MaxEmailHTMLBodyTruncationSize, -1, long.MaxValue, nameof(MaxEmailHTMLBodyTruncationSize));
        Range(RequireSignedSMIMEAlgorithm, 0, 1, nameof(RequireSignedSMIMEAlgorithm));
        Range(RequireEncryptionSMIMEAlgorithm, 0, 4, nameof(RequireEncryptionSMIMEAlgorithm));
        Range(AllowSMIMEEncryptionAlgorithmNegotiation, 0, 2, nameof(AllowSMIMEEncryptionAlgorithmNegotiation));
        ArgumentNullException.ThrowIfNull(UnapprovedInROMApplicationList, nameof(UnapprovedInROMApplicationList));
        ArgumentNullException.ThrowIfNull(ApprovedApplicationList, nameof(ApprovedApplicationList));
        foreach (string name in UnapprovedInROMApplicationList.Concat(ApprovedApplicationList))
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(UnapprovedInROMApplicationList));
        }
    }

    private static void Range(long? value, long min, long max, string name)
    {
        if (value is long v && (v < min || v > max))
        {
            throw new ArgumentOutOfRangeException(name, v, $"Must be from {min} to {max}.");
        }
    }
}
