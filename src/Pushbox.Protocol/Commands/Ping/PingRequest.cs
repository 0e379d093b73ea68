namespace Pushbox.Protocol.Commands.Ping;

/// <summary>
/// A Ping request (MS-ASCMD 2.2.1.13): how long to wait and which folders to watch. Both are cached by the
/// server: a request may leave out either, or send no body at all, and the server uses the values of the
/// device's previous Ping (MS-ASCMD_R335, R5632, R5831, R5832, R5635). With nothing cached to fill a gap, the
/// answer is <see cref="PingStatus.MissingParameters"/> (MS-ASCMD_R4239 to R4241).
/// </summary>
/// <param name="HeartbeatInterval">
/// Seconds to wait for changes, as sent (a value above <see cref="int.MaxValue"/> reads as that); null when absent,
/// meaning the cached one. Outside the server's range the handler answers
/// <see cref="PingStatus.HeartbeatIntervalOutOfRange"/> with the bound (MS-ASCMD_R4246 to R4248).
/// </param>
/// <param name="Folders">
/// The Folder elements in document order, 1 to <see cref="PingLimits.MaxFolders"/>, no two with one Id; null when
/// <c>Folders</c> is absent, meaning the cached list. More than the server monitors is
/// <see cref="PingStatus.TooManyFolders"/> with its number (MS-ASCMD_R4252), the handler's to check.
/// </param>
/// <param name="IsEmpty">True for a request with no body at all: repeat the previous Ping (MS-ASCMD_R321, R322).</param>
public sealed record PingRequest(int? HeartbeatInterval, IReadOnlyList<PingFolder>? Folders, bool IsEmpty = false)
{
    /// <summary>The request with no body.</summary>
    public static PingRequest Empty { get; } = new(null, null, IsEmpty: true);
}
