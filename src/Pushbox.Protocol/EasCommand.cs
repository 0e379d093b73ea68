namespace Pushbox.Protocol;

/// <summary>
/// The commands of MS-ASCMD section 2.2.1, spelled as the spec spells them (which is also the plain
/// query's <c>Cmd=</c> value). A value from 0 to 255 is the command's code in the base64 query
/// (MS-ASHTTP 2.2.1.1.1.1.2); <see cref="Autodiscover"/> and <see cref="GetHierarchy"/> have no code
/// there and sit above 255. Do not cast a decoded byte to this enum: codes 5 to 8 are unassigned. Use
/// <see cref="EasCommands.TryFromCode"/> and <see cref="EasCommands.TryGetCode"/>.
/// </summary>
public enum EasCommand
{
    /// <summary>Synchronizes changes in a folder (MS-ASCMD 2.2.1.21). Code 0.</summary>
    Sync = 0,

    /// <summary>Sends a MIME message (2.2.1.17). Code 1.</summary>
    SendMail = 1,

    /// <summary>Forwards a message without downloading it first (2.2.1.19). Code 2.</summary>
    SmartForward = 2,

    /// <summary>Replies to a message without downloading it first (2.2.1.20). Code 3.</summary>
    SmartReply = 3,

    /// <summary>Retrieves an attachment, 2.5 to 12.1 (2.2.1.7). Code 4.</summary>
    GetAttachment = 4,

    /// <summary>Synchronizes the folder hierarchy (2.2.1.5). Code 9.</summary>
    FolderSync = 9,

    /// <summary>Creates a folder (2.2.1.3). Code 10.</summary>
    FolderCreate = 10,

    /// <summary>Deletes a folder (2.2.1.4). Code 11.</summary>
    FolderDelete = 11,

    /// <summary>Renames or moves a folder (2.2.1.6). Code 12.</summary>
    FolderUpdate = 12,

    /// <summary>Moves items between folders (2.2.1.12). Code 13.</summary>
    MoveItems = 13,

    /// <summary>Estimates the items a Sync would return (2.2.1.9). Code 14.</summary>
    GetItemEstimate = 14,

    /// <summary>Accepts, tentatively accepts or declines a meeting request (2.2.1.11). Code 15.</summary>
    MeetingResponse = 15,

    /// <summary>Searches the GAL, the mailbox or document libraries (2.2.1.16). Code 16.</summary>
    Search = 16,

    /// <summary>Gets and sets global properties such as Out of Office and device information (2.2.1.18). Code 17.</summary>
    Settings = 17,

    /// <summary>Waits for changes in a set of folders: Direct Push (2.2.1.13). Code 18.</summary>
    Ping = 18,

    /// <summary>Fetches, moves and empties items and attachments (2.2.1.10). Code 19.</summary>
    ItemOperations = 19,

    /// <summary>Downloads and acknowledges the security policy; remote wipe (2.2.1.14, MS-ASPROV). Code 20.</summary>
    Provision = 20,

    /// <summary>Resolves recipients, optionally with certificates and free/busy (2.2.1.15). Code 21.</summary>
    ResolveRecipients = 21,

    /// <summary>Validates an S/MIME certificate (2.2.1.22). Code 22.</summary>
    ValidateCert = 22,

    /// <summary>Searches the mailbox with KQL, 16.1 only (2.2.1.2). Code 23.</summary>
    Find = 23,

    /// <summary>Discovers the account's server settings (2.2.1.1). XML, not on the ActiveSync URL; no base64 code.</summary>
    Autodiscover = 256,

    /// <summary>Lists mail folders, 12.1 and earlier (2.2.1.8). No base64 code in MS-ASHTTP 2.2.1.1.1.1.2.</summary>
    GetHierarchy = 257,
}
