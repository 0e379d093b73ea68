using Pushbox.Protocol.Commands.FolderHierarchy;

namespace Pushbox.Protocol.Commands.Ping;

/// <summary>
/// A Ping response (MS-ASCMD 2.2.1.13): a <see cref="Status"/> and, for three of them, what goes with it: the
/// changed folders with Status 2, the allowed heartbeat interval with Status 5, the number of folders the server
/// monitors with Status 6. Build one with the factory of its status, which keeps each value with its status.
/// </summary>
public sealed class PingResponse
{
    private PingResponse(PingStatus status, IReadOnlyList<string> folders, int? heartbeatInterval, int? maxFolders)
    {
        Status = status;
        Folders = folders;
        HeartbeatInterval = heartbeatInterval;
        MaxFolders = maxFolders;
    }

    /// <summary>The status.</summary>
    public PingStatus Status { get; }

    /// <summary>The Ids of the folders that changed, in the order given; empty unless <see cref="Status"/> is <see cref="PingStatus.ChangesOccurred"/>.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>The allowed interval nearest the one requested, in seconds; null unless <see cref="Status"/> is <see cref="PingStatus.HeartbeatIntervalOutOfRange"/>.</summary>
    public int? HeartbeatInterval { get; }

    /// <summary>The number of folders the server monitors; null unless <see cref="Status"/> is <see cref="PingStatus.TooManyFolders"/>.</summary>
    public int? MaxFolders { get; }

    /// <summary>Status 1: the heartbeat interval expired with no changes (MS-ASCMD_R4233).</summary>
    public static PingResponse HeartbeatExpired() => new(PingStatus.HeartbeatExpired, [], null, null);

    /// <summary>Status 2: changes occurred; the client syncs each folder listed (MS-ASCMD_R4235 to R4237).</summary>
    /// <param name="folders">
    /// The changed folders' Ids as the client sent them, 1 or more (Folder is 1…N, MS-ASCMD_R1678), each 1 to
    /// <see cref="PingLimits.MaxIdLength"/> characters and listed once.
    /// </param>
    /// <exception cref="ArgumentException">The list is empty, or an Id is empty, too long, holds U+0000 or is listed twice.</exception>
    public static PingResponse ChangesOccurred(IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (folders.Count == 0)
        {
            throw new ArgumentException("Status 2 lists at least one changed folder.", nameof(folders));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in folders)
        {
            FolderValues.Require(id, PingLimits.MaxIdLength, nameof(folders));
            if (!seen.Add(id))
            {
                throw new ArgumentException("A changed folder is listed twice.", nameof(folders));
            }
        }

        return new PingResponse(PingStatus.ChangesOccurred, [.. folders], null, null);
    }

    /// <summary>
    /// Status 5: the requested heartbeat interval is out of range; <paramref name="heartbeatInterval"/> is the
    /// shortest allowed for one too short, the longest for one too long (MS-ASCMD_R4247, R4248).
    /// </summary>
    /// <param name="heartbeatInterval">The bound, in seconds, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="heartbeatInterval"/> is 0 or negative.</exception>
    public static PingResponse HeartbeatIntervalOutOfRange(int heartbeatInterval)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heartbeatInterval);
        return new PingResponse(PingStatus.HeartbeatIntervalOutOfRange, [], heartbeatInterval, null);
    }

    /// <summary>Status 6: more folders than the server monitors; <paramref name="maxFolders"/> is how many it does (MS-ASCMD_R4252, R4253).</summary>
    /// <param name="maxFolders">1 to <see cref="PingLimits.MaxFolders"/>: a larger number could never be sent, as the parser refuses the body first.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFolders"/> is outside 1 to <see cref="PingLimits.MaxFolders"/>.</exception>
    public static PingResponse TooManyFolders(int maxFolders)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFolders);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFolders, PingLimits.MaxFolders);
        return new PingResponse(PingStatus.TooManyFolders, [], null, maxFolders);
    }

    /// <summary>
    /// A status that carries nothing else: <see cref="PingStatus.MissingParameters"/>,
    /// <see cref="PingStatus.SyntaxError"/>, <see cref="PingStatus.FolderHierarchySyncRequired"/>,
    /// <see cref="PingStatus.ServerError"/>, or a common status code (101 and above, cast; the writer allows them
    /// from 14.0).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The status is 1, 2, 5 or 6, which have their own factories, or is neither a Ping status nor above 100.
    /// </exception>
    public static PingResponse Failure(PingStatus status)
    {
        bool plain = status is PingStatus.MissingParameters or PingStatus.SyntaxError or PingStatus.FolderHierarchySyncRequired or PingStatus.ServerError;
        return plain || (int)status > 100
            ? new PingResponse(status, [], null, null)
            : throw new ArgumentOutOfRangeException(nameof(status), status, "Status 1, 2, 5 and 6 have their own factories; other numbers are Ping's 3, 4, 7, 8 or a common status above 100.");
    }
}
