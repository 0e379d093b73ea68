using Pushbox.Protocol.Commands.FolderHierarchy;

namespace Pushbox.Protocol.Commands.FolderSync;

/// <summary>
/// A FolderSync response (MS-ASCMD 2.2.1.5): a status and, on success, the new SyncKey and the
/// changes since the key the client sent. Build one with <see cref="Success"/> or <see cref="Failure"/>,
/// which keep the spec's rule that a SyncKey and changes go with success only (MS-ASCMD_R4578).
/// </summary>
public sealed class FolderSyncResponse
{
    private FolderSyncResponse(
        FolderSyncStatus status,
        string? syncKey,
        IReadOnlyList<HierarchyFolder> adds,
        IReadOnlyList<HierarchyFolder> updates,
        IReadOnlyList<string> deletes)
    {
        Status = status;
        SyncKey = syncKey;
        Adds = adds;
        Updates = updates;
        Deletes = deletes;
    }

    /// <summary>The status.</summary>
    public FolderSyncStatus Status { get; }

    /// <summary>The SyncKey the client holds from now on; null unless <see cref="Status"/> is <see cref="FolderSyncStatus.Success"/>.</summary>
    public string? SyncKey { get; }

    /// <summary>Folders new to the client (<c>Add</c>). For SyncKey "0", every folder.</summary>
    public IReadOnlyList<HierarchyFolder> Adds { get; }

    /// <summary>Folders the client has that were renamed or moved (<c>Update</c>).</summary>
    public IReadOnlyList<HierarchyFolder> Updates { get; }

    /// <summary>ServerIds of folders the client has that were deleted (<c>Delete</c>).</summary>
    public IReadOnlyList<string> Deletes { get; }

    /// <summary>The <c>Count</c> element: the number of adds, updates and deletes together (0 when nothing changed, MS-ASCMD_R2120).</summary>
    public int Count => Adds.Count + Updates.Count + Deletes.Count;

    /// <summary>A successful response.</summary>
    /// <param name="syncKey">The new SyncKey (1 to 64 characters).</param>
    /// <param name="adds">Folders to add on the client; a parent must come before its children.</param>
    /// <param name="updates">Folders to update on the client.</param>
    /// <param name="deletes">ServerIds of folders to delete on the client (each 1 to 64 characters).</param>
    /// <exception cref="ArgumentException">The SyncKey or a ServerId is empty or longer than 64 characters.</exception>
    public static FolderSyncResponse Success(
        string syncKey,
        IReadOnlyList<HierarchyFolder> adds,
        IReadOnlyList<HierarchyFolder> updates,
        IReadOnlyList<string> deletes)
    {
        FolderValues.Require(syncKey, FolderHierarchyLimits.MaxSyncKeyLength, nameof(syncKey));
        ArgumentNullException.ThrowIfNull(adds);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(deletes);
        foreach (string serverId in deletes)
        {
            FolderValues.Require(serverId, FolderHierarchyLimits.MaxServerIdLength, nameof(deletes));
        }

        return new FolderSyncResponse(FolderSyncStatus.Success, syncKey, [.. adds], [.. updates], [.. deletes]);
    }

    /// <summary>A failed response: the status alone, without SyncKey or changes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is <see cref="FolderSyncStatus.Success"/> or not positive.</exception>
    public static FolderSyncResponse Failure(FolderSyncStatus status)
    {
        if (status <= FolderSyncStatus.Success)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A failure needs a failure status.");
        }

        return new FolderSyncResponse(status, null, [], [], []);
    }
}
