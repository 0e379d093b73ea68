namespace Pushbox.Mailbox;

/// <summary>Why a mailbox operation was refused. Stable: the CLI and the protocol layer map these to their own errors.</summary>
public enum MailboxErrorReason
{
    /// <summary>No user has this address or alias.</summary>
    UserNotFound,

    /// <summary>The address or alias already belongs to a user.</summary>
    AddressInUse,

    /// <summary>The text is not an email address Pushbox accepts (see <see cref="Users.EmailAddress"/>).</summary>
    InvalidAddress,

    /// <summary>The folder does not exist or belongs to another user.</summary>
    FolderNotFound,

    /// <summary>The item does not exist or belongs to another user.</summary>
    ItemNotFound,

    /// <summary>A folder name is empty, too long, or already used by a sibling.</summary>
    InvalidFolderName,

    /// <summary>The operation would change a standard folder (Inbox, Sent Items, …) that must keep its place.</summary>
    StandardFolder,

    /// <summary>A folder would become its own ancestor.</summary>
    InvalidParent,

    /// <summary>The item's class does not belong in the folder (e.g. an email into Contacts).</summary>
    WrongFolderClass,

    /// <summary>Two writers changed the same record; the caller re-reads and retries.</summary>
    Conflict,

    /// <summary>No provisioning policy has this name.</summary>
    PolicyNotFound,

    /// <summary>A provisioning policy name is empty or too long.</summary>
    InvalidPolicyName,

    /// <summary>The provisioning policy is assigned to users or is the default, so it cannot be deleted.</summary>
    PolicyInUse,
}
