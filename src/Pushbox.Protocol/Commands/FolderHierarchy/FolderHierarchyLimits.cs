namespace Pushbox.Protocol.Commands.FolderHierarchy;

/// <summary>
/// The lengths the specification sets for the FolderHierarchy values (FolderSync, FolderCreate,
/// FolderUpdate, FolderDelete, GetHierarchy). The parsers refuse a longer value with
/// <see cref="EasProtocolError.MalformedBody"/>; the response types refuse to hold one, since a client
/// stores these values in fields of exactly this size. Lengths count characters (Unicode scalar values).
/// </summary>
public static class FolderHierarchyLimits
{
    /// <summary>SyncKey: 1 to 64 characters; the client stores it as an opaque string of up to 64 (MS-ASCMD 2.2.3.181.1, 2.2.3.181.2).</summary>
    public const int MaxSyncKeyLength = 64;

    /// <summary>ServerId: 1 to 64 characters (MS-ASCMD 2.2.3.166.2, 2.2.3.166.4, 2.2.3.166.6).</summary>
    public const int MaxServerIdLength = 64;

    /// <summary>ParentId: 1 to 64 characters, "0" for the root (MS-ASCMD 2.2.3.129.1, 2.2.3.129.3).</summary>
    public const int MaxParentIdLength = 64;

    /// <summary>DisplayName: 1 to 256 characters (MS-ASCMD 2.2.3.49.3).</summary>
    public const int MaxDisplayNameLength = 256;

    /// <summary>The ParentId of a folder at the top of the mailbox: "0" signifies the root folder (MS-ASCMD 2.2.3.129.1).</summary>
    public const string RootParentId = "0";
}
