namespace Pushbox.Protocol.Commands.FolderHierarchy;

/// <summary>
/// The folder types of the FolderHierarchy Type element, with the spec's numbers (MS-ASCMD 2.2.3.186.3
/// for FolderSync; FolderCreate allows only <see cref="UserGeneric"/> and 12 to 17, 2.2.3.186.2;
/// GetHierarchy only 1 to 6, 2.2.3.186.4). The same numbers as the mailbox's own folder type, kept
/// here because Pushbox.Protocol does not reference the domain: convert with a cast of the number.
/// </summary>
public enum FolderType
{
    /// <summary>1: a user-created folder of no particular class (generic).</summary>
    UserGeneric = 1,

    /// <summary>2: the default Inbox.</summary>
    Inbox = 2,

    /// <summary>3: the default Drafts folder.</summary>
    Drafts = 3,

    /// <summary>4: the default Deleted Items folder.</summary>
    DeletedItems = 4,

    /// <summary>5: the default Sent Items folder.</summary>
    SentItems = 5,

    /// <summary>6: the default Outbox.</summary>
    Outbox = 6,

    /// <summary>7: the default Tasks folder.</summary>
    Tasks = 7,

    /// <summary>8: the default Calendar.</summary>
    Calendar = 8,

    /// <summary>9: the default Contacts folder.</summary>
    Contacts = 9,

    /// <summary>10: the default Notes folder.</summary>
    Notes = 10,

    /// <summary>11: the default Journal.</summary>
    Journal = 11,

    /// <summary>12: a user-created mail folder.</summary>
    UserMail = 12,

    /// <summary>13: a user-created calendar.</summary>
    UserCalendar = 13,

    /// <summary>14: a user-created contacts folder.</summary>
    UserContacts = 14,

    /// <summary>15: a user-created tasks folder.</summary>
    UserTasks = 15,

    /// <summary>16: a user-created journal.</summary>
    UserJournal = 16,

    /// <summary>17: a user-created notes folder.</summary>
    UserNotes = 17,

    /// <summary>18: a folder of unknown type.</summary>
    Unknown = 18,

    /// <summary>19: the recipient information cache.</summary>
    RecipientInformationCache = 19,
}
