using Pushbox.Mailbox.Items;

namespace Pushbox.Mailbox.Folders;

/// <summary>The folders every user gets at creation, and the item class of each folder type.</summary>
public static class StandardFolders
{
    /// <summary>The standard set, in the order FolderSync lists them. Junk Email is a user mail folder by EAS type, created with the rest.</summary>
    public static IReadOnlyList<(string Name, FolderType Type)> All { get; } =
    [
        ("Inbox", FolderType.Inbox),
        ("Drafts", FolderType.Drafts),
        ("Deleted Items", FolderType.DeletedItems),
        ("Sent Items", FolderType.SentItems),
        ("Outbox", FolderType.Outbox),
        ("Calendar", FolderType.Calendar),
        ("Contacts", FolderType.Contacts),
        ("Tasks", FolderType.Tasks),
        ("Notes", FolderType.Notes),
        ("Journal", FolderType.Journal),
        ("Junk Email", FolderType.UserMail),
    ];

    /// <summary>The name of the standard Junk Email folder, which has the user-mail type.</summary>
    public const string JunkEmailName = "Junk Email";

    /// <summary>Whether folders of <paramref name="type"/> are the fixed default folders (types 2 to 11).</summary>
    public static bool IsStandard(FolderType type) => type is >= FolderType.Inbox and <= FolderType.Journal;

    /// <summary>The class of items a folder of <paramref name="type"/> holds.</summary>
    public static ItemClass ClassOf(FolderType type) => type switch
    {
        FolderType.Calendar or FolderType.UserCalendar => ItemClass.Calendar,
        FolderType.Contacts or FolderType.UserContacts or FolderType.RecipientInformationCache => ItemClass.Contact,
        FolderType.Tasks or FolderType.UserTasks => ItemClass.Task,
        FolderType.Notes or FolderType.UserNotes => ItemClass.Note,
        FolderType.Journal or FolderType.UserJournal => ItemClass.Journal,
        _ => ItemClass.Email,
    };
}
