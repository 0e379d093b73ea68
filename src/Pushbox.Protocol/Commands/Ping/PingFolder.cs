namespace Pushbox.Protocol.Commands.Ping;

/// <summary>One <c>Folder</c> of a Ping request: a folder the client wants watched for new items.</summary>
/// <param name="Id">
/// The folder's ServerId from a FolderSync or FolderCreate response (1 to 64 characters, MS-ASCMD_R3175, R3176),
/// as sent. No two folders of one request have the same Id (MS-ASCMD_R6699; the parser refuses such a body).
/// </param>
/// <param name="Class">
/// The folder's content class (1 to <see cref="PingLimits.MaxClassLength"/> characters), as sent and not checked:
/// the request schema lists Email, Calendar, Contacts, Tasks and Notes (MS-ASCMD_R6277), Notes only from 14.0
/// (MS-ASCMD_R6282), and the spec names no status for another class. Whether to watch the folder or answer
/// <see cref="PingStatus.SyntaxError"/> is the handler's to judge; the parser has no protocol version to judge by.
/// </param>
public sealed record PingFolder(string Id, string Class);
