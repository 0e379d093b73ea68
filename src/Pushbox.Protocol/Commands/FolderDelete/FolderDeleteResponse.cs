using Pushbox.Protocol.Commands.FolderHierarchy;

namespace Pushbox.Protocol.Commands.FolderDelete;

/// <summary>
/// A FolderDelete response (MS-ASCMD 2.2.1.4). Build one with <see cref="Success"/> or
/// <see cref="Failure"/>: the SyncKey is returned on success and MUST NOT be on failure (MS-ASCMD_R5785).
/// </summary>
public sealed class FolderDeleteResponse
{
    private FolderDeleteResponse(FolderDeleteStatus status, string? syncKey)
    {
        Status = status;
        SyncKey = syncKey;
    }

    /// <summary>The status.</summary>
    public FolderDeleteStatus Status { get; }

    /// <summary>The client's new hierarchy SyncKey; null on failure.</summary>
    public string? SyncKey { get; }

    /// <summary>A successful response carrying the new hierarchy SyncKey (1 to 64 characters).</summary>
    /// <exception cref="ArgumentException">The SyncKey is empty or longer than 64 characters.</exception>
    public static FolderDeleteResponse Success(string syncKey) =>
        new(FolderDeleteStatus.Success, FolderValues.Require(syncKey, FolderHierarchyLimits.MaxSyncKeyLength, nameof(syncKey)));

    /// <summary>A failed response: the status alone.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is <see cref="FolderDeleteStatus.Success"/> or not positive.</exception>
    public static FolderDeleteResponse Failure(FolderDeleteStatus status) =>
        status > FolderDeleteStatus.Success
            ? new(status, null)
            : throw new ArgumentOutOfRangeException(nameof(status), status, "A failure needs a failure status.");
}
