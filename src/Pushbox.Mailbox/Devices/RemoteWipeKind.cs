namespace Pushbox.Mailbox.Devices;

/// <summary>What a remote wipe ordered for a device erases (MS-ASPROV 2.2.2.45, 2.2.2.1).</summary>
public enum RemoteWipeKind
{
    /// <summary>RemoteWipe: the whole device, returned to its factory settings.</summary>
    Full = 1,

    /// <summary>AccountOnlyRemoteWipe (16.1 only): everything the device received from this server, and the account's credentials.</summary>
    AccountOnly = 2,
}
