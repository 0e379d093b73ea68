namespace Pushbox.Protocol.Commands.Ping;

/// <summary>
/// The Ping Status values (MS-ASCMD 2.2.3.177.11), all of global scope: a Ping response carries exactly one
/// (MS-ASCMD_R2742). From protocol 14.0 the common status codes of MS-ASCMD 2.2.2 (101 and above) may also be
/// sent by casting their number; the writer refuses them for older versions, which expect an HTTP error instead
/// (MS-ASCMD_R7461, R7462).
/// </summary>
public enum PingStatus
{
    /// <summary>1: the heartbeat interval expired with no changes in the watched folders (MS-ASCMD_R4233); the client pings again.</summary>
    HeartbeatExpired = 1,

    /// <summary>
    /// 2: changes occurred in at least one watched folder; the response lists those folders (MS-ASCMD_R4235,
    /// R4236). The client syncs each of them, then pings again (MS-ASCMD_R4237, R4238).
    /// </summary>
    ChangesOccurred = 2,

    /// <summary>
    /// 3: the request left out a parameter the server has not cached: a first Ping must carry both the heartbeat
    /// interval and the folder list (MS-ASCMD_R4239 to R4241). The client resends the whole body (MS-ASCMD_R4242).
    /// </summary>
    MissingParameters = 3,

    /// <summary>
    /// 4: syntax error in the request, frequently badly formed WBXML (MS-ASCMD_R4243, R4244); also the answer to
    /// two folders with one Id (MS-ASCMD_R6699). The client checks its request (MS-ASCMD_R4245).
    /// </summary>
    SyntaxError = 4,

    /// <summary>
    /// 5: the heartbeat interval is outside the allowed range; the response carries the shortest allowed interval
    /// for one too short, the longest for one too long (MS-ASCMD_R4246 to R4248, R5690, R5691).
    /// </summary>
    HeartbeatIntervalOutOfRange = 5,

    /// <summary>
    /// 6: more folders than the server monitors; the response carries the allowed number in MaxFolders
    /// (MS-ASCMD_R4252 to R4254, R3259). The client resends a shorter list (MS-ASCMD_R4255).
    /// </summary>
    TooManyFolders = 6,

    /// <summary>
    /// 7: the folder hierarchy is out of date (MS-ASCMD_R4256 to R4258); the client runs FolderSync and pings
    /// again (MS-ASCMD_R4259).
    /// </summary>
    FolderHierarchySyncRequired = 7,

    /// <summary>
    /// 8: a server error, frequently transient (server misconfiguration, a temporary system issue, a bad item;
    /// MS-ASCMD_R4260 to R4262); the client retries (MS-ASCMD_R4263).
    /// </summary>
    ServerError = 8,
}
