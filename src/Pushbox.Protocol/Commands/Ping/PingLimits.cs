namespace Pushbox.Protocol.Commands.Ping;

/// <summary>
/// The bounds of a Ping request and response. <see cref="PingRequestParser"/> refuses a request beyond a
/// <c>Max…</c> count or length with <see cref="EasProtocolError.MalformedBody"/> as soon as it reads the element
/// that breaks one; <see cref="PingResponse"/> refuses to hold a value a client cannot store. Lengths count
/// characters (Unicode scalar values). The HeartbeatInterval range is not enforced by the parser: a value
/// outside it is a business outcome (Status 5 with the bound, MS-ASCMD_R4246 to R4248) that the handler answers.
/// </summary>
public static class PingLimits
{
    /// <summary>
    /// Folder elements in one request, counted as they are read: a safety bound for the parser, not the server's
    /// policy. MS-ASCMD 3.1.5.10 sets no limit for Ping; the number a server monitors is its own, announced in
    /// <c>MaxFolders</c> with Status 6 (MS-ASCMD_R4252 to R4254, R3259). The handler checks that configurable
    /// number, which must not exceed this one (<see cref="PingResponse.TooManyFolders"/> refuses a larger value),
    /// so that a client sending more folders than the server monitors learns the number rather than getting a
    /// refused body. 1,000 is the bound Pushbox keeps for the collections of a Sync (<c>SyncLimits.MaxCollections</c>).
    /// </summary>
    public const int MaxFolders = 1000;

    /// <summary>Id: a folder's ServerId from FolderSync or FolderCreate, up to 64 characters (MS-ASCMD_R3175, R3176).</summary>
    public const int MaxIdLength = 64;

    /// <summary>
    /// Class: the request schema's values (Email, Calendar, Contacts, Tasks, Notes; MS-ASCMD_R6277, section 6.29)
    /// are at most 8 characters. Anything up to this length is read, so that the handler judges an unknown class.
    /// </summary>
    public const int MaxClassLength = 32;

    /// <summary>
    /// HeartbeatInterval as text: up to 16 characters, digits and the white space some clients pad numbers with.
    /// Enough for any number of seconds; a value above <see cref="int.MaxValue"/> reads as that.
    /// </summary>
    public const int MaxHeartbeatIntervalLength = 16;

    /// <summary>
    /// The shortest HeartbeatInterval, in seconds, that Microsoft's servers accept by default: 60. The range is
    /// implementation-specific (MS-ASCMD_R6686; product note &lt;7&gt;, MS-ASCMD_R7493); a shorter one gets
    /// Status 5 with this value (MS-ASCMD_R4247, R5690).
    /// </summary>
    public const int MinHeartbeatInterval = 60;

    /// <summary>
    /// The longest HeartbeatInterval, in seconds, that Microsoft's servers accept by default: 3,540 (59 minutes,
    /// MS-ASCMD_R7493); a longer one gets Status 5 with this value (MS-ASCMD_R4248, R5691).
    /// </summary>
    public const int MaxHeartbeatInterval = 3540;
}
