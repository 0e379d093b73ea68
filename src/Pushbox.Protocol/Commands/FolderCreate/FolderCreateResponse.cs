using Pushbox.Protocol.Commands.FolderHierarchy;

namespace Pushbox.Protocol.Commands.FolderCreate;

/// <summary>
/// A FolderCreate response (MS-ASCMD 2.2.1.3). Build one with <see cref="Success"/> or
/// <see cref="Failure"/>: the SyncKey and ServerId are returned on success and MUST NOT be on failure
/// (MS-ASCMD_R3903, R3904, R4570).
/// </summary>
public sealed class FolderCreateResponse
{
    private FolderCreateResponse(FolderCreateStatus status, string? syncKey, string? serverId)
    {
        Status = status;
        SyncKey = syncKey;
        ServerId = serverId;
    }

    /// <summary>The status.</summary>
    public FolderCreateStatus Status { get; }

    /// <summary>The client's new hierarchy SyncKey; null on failure.</summary>
    public string? SyncKey { get; }

    /// <summary>The new folder's ServerId; null on failure.</summary>
    public string? ServerId { get; }

    /// <summary>A successful response.</summary>
    /// <param name="syncKey">The new hierarchy SyncKey (1 to 64 characters).</param>
    /// <param name="serverId">The new folder's ServerId (1 to 64 characters).</param>
    /// <exception cref="ArgumentException">A value is empty or longer than 64 characters.</exception>
    public static FolderCreateResponse Success(string syncKey, string serverId) =>
        new(
            FolderCreateStatus.Success,
            FolderValues.Require(syncKey, FolderHierarchyLimits.MaxSyncKeyLength, nameof(syncKey)),
            FolderValues.Require(serverId, FolderHierarchyLimits.MaxServerIdLength, nameof(serverId)));

    /// <summary>A failed response: the status alone.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is <see cref="FolderCreateStatus.Success"/> or not positive.</exception>
    public static FolderCreateResponse Failure(FolderCreateStatus status) =>
        status > FolderCreateStatus.Success
            ? new(status, null, null)
            : throw new ArgumentOutOfRangeException(nameof(status), status, "A failure needs a failure status.");
}
