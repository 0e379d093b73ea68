namespace Pushbox.Mailbox.Folders;

/// <summary>The folder types of MS-ASCMD 2.2.3.186.3 (FolderSync Type), with the spec's numbers.</summary>
public enum FolderType
{
    /// <summary>A user-created folder of no particular class.</summary>
    UserGeneric = 1,

    /// <summary>The default Inbox.</summary>
    Inbox = 2,

    /// <summary>The default Drafts folder.</summary>
    Drafts = 3,

    /// <summary>The default Deleted Items folder.</summary>
    DeletedItems = 4,

    /// <summary>The default Sent Items folder.</summary>
    SentItems = 5,

    /// <summary>The default Outbox.</summary>
    Outbox = 6,

    /// <summary>The default Tasks folder.</summary>
    Tasks = 7,

    /// <summary>The default Calendar.</summary>
    Calendar = 8,

    /// <summary>The default Contacts folder.</summary>
    Contacts = 9,

    /// <summary>The default Notes folder.</summary>
    Notes = 10,

    /// <summary>The default Journal.</summary>
    Journal = 11,

    /// <summary>A user-created mail folder (Junk Email is one too).</summary>
    UserMail = 12,

    /// <summary>A user-created calendar.</summary>
    UserCalendar = 13,

    /// <summary>A user-created contacts folder.</summary>
    UserContacts = 14,

    /// <summary>A user-created tasks folder.</summary>
    UserTasks = 15,

    /// <summary>A user-created journal.</summary>
    UserJournal = 16,

    /// <summary>A user-created notes folder.</summary>
    UserNotes = 17,

    /// <summary>A folder of unknown type.</summary>
    Unknown = 18,

    /// <summary>The recipient information cache.</summary>
    RecipientInformationCache = 19,
}
