namespace Pushbox.EndToEnd.Tests;

/// <summary>The folders every new user has, as FolderSync reports them: name and FolderHierarchy type (MS-ASCMD 2.2.3.186.3).</summary>
internal static class StandardFolders
{
    public static readonly (string Name, int Type)[] All =
    [
        ("Inbox", 2),
        ("Drafts", 3),
        ("Deleted Items", 4),
        ("Sent Items", 5),
        ("Outbox", 6),
        ("Tasks", 7),
        ("Calendar", 8),
        ("Contacts", 9),
        ("Notes", 10),
        ("Journal", 11),
        ("Junk Email", 12), // a user mail folder by type, created with the rest
    ];

    public static readonly string[] FolderSyncSchemas = ["FolderSyncResponse.xsd", "FolderHierarchy.xsd"];

    public static readonly string[] Versions = ["2.5", "12.0", "12.1", "14.0", "14.1", "16.0", "16.1"];
}
