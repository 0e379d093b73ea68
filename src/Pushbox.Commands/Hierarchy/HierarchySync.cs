using System.Globalization;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Folders;

namespace Pushbox.Commands.Hierarchy;

/// <summary>
/// The folder-hierarchy sync-key state machine behind FolderSync, FolderCreate, FolderUpdate and
/// FolderDelete. Keys are decimal counters per device. The transitions:
/// <list type="table">
/// <item><term>FolderSync "0"</term><description>every folder as an Add; the key moves to the next number (ids never change).</description></item>
/// <item><term>FolderSync current key</term><description>the changes since it, each folder added or updated at most once; no changes keep the key.</description></item>
/// <item><term>FolderSync previous key</term><description>the answer that produced the current key, again (its response was lost).</description></item>
/// <item><term>FolderSync any other key</term><description>null: Status 9, the device starts over from "0".</description></item>
/// <item><term>Create/Update/Delete with the current key</term><description>the change, a new key; the device's own change is not echoed to it.</description></item>
/// </list>
/// State lives in the store (<see cref="IDeviceStore"/>), written with optimistic concurrency, so any
/// server process can answer any request.
/// </summary>
public sealed class HierarchySync(IMailboxStore store, IDeviceStore devices)
{
    private const int MaxAttempts = 5;

    /// <summary>The ServerId FolderSync gives the top of the hierarchy.</summary>
    public const string RootParentId = "0";

    /// <summary>Answers a FolderSync; null when <paramref name="syncKey"/> is neither "0", the current nor the previous key.</summary>
    /// <exception cref="HierarchySyncConflictException">Concurrent requests of the device kept winning.</exception>
    public async Task<HierarchyDelta?> SyncAsync(long userId, long deviceId, string syncKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(syncKey);
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            (HierarchyState? state, long version) = await LoadAsync(deviceId, cancellationToken).ConfigureAwait(false);
            if (syncKey == "0")
            {
                HierarchyChanges all = await store.GetHierarchyChangesAsync(userId, 0, cancellationToken).ConfigureAwait(false);
                int key = (state?.Key ?? 0) + 1;
                List<Folder> ordered = ParentsFirst(all.Changed);
                var fresh = new HierarchyState { Key = key, Seq = all.HierarchySeq, Folders = [.. ordered.Select(f => f.Id)] };
                var delta = new HierarchyDelta(Format(key), [.. ordered.Select(f => Entry(f, isAdd: true))], []);
                if (await SaveAsync(deviceId, version, fresh, cancellationToken).ConfigureAwait(false))
                {
                    return delta;
                }

                continue;
            }

            if (state is null || !TryParseKey(syncKey, out int presented))
            {
                return null;
            }

            if (presented == state.PreviousKey && state.PreviousAnswer is { } previous)
            {
                return previous;
            }

            if (presented != state.Key)
            {
                return null;
            }

            HierarchyChanges changes = await store.GetHierarchyChangesAsync(userId, state.Seq, cancellationToken).ConfigureAwait(false);
            List<Folder> changed = ParentsFirst(changes.Changed.Where(f => !(state.Echo.TryGetValue(f.Id, out long echoed) && echoed == f.HierarchySeq)));
            List<long> deleted = [.. changes.Deleted.Where(state.Folders.Contains)];
            if (changed.Count == 0 && deleted.Count == 0)
            {
                if (changes.HierarchySeq != state.Seq)
                {
                    // Only the device's own changes happened: move the mark past them, keep the key.
                    state.Seq = changes.HierarchySeq;
                    state.Echo.Clear();
                    await SaveAsync(deviceId, version, state, cancellationToken).ConfigureAwait(false);
                }

                return new HierarchyDelta(syncKey, [], []);
            }

            int next = state.Key + 1;
            var answer = new HierarchyDelta(
                Format(next),
                [.. changed.Select(f => Entry(f, isAdd: !state.Folders.Contains(f.Id)))],
                [.. deleted.Select(id => id.ToString(CultureInfo.InvariantCulture))]);
            var moved = new HierarchyState
            {
                Key = next,
                Seq = changes.HierarchySeq,
                Folders = [.. state.Folders.Union(changed.Select(f => f.Id)).Except(deleted)],
                PreviousKey = state.Key,
                PreviousAnswer = answer,
            };
            if (await SaveAsync(deviceId, version, moved, cancellationToken).ConfigureAwait(false))
            {
                return answer;
            }
        }

        throw new HierarchySyncConflictException();
    }

    /// <summary>
    /// Whether the folder hierarchy changed since the device's last FolderSync (not counting its own changes), so
    /// that a Ping answers Status 7; true when the device never ran FolderSync.
    /// </summary>
    public async Task<bool> HasChangesAsync(long userId, long deviceId, CancellationToken cancellationToken)
    {
        (HierarchyState? state, _) = await LoadAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return true;
        }

        HierarchyChanges changes = await store.GetHierarchyChangesAsync(userId, state.Seq, cancellationToken).ConfigureAwait(false);
        return changes.Deleted.Any(state.Folders.Contains)
            || changes.Changed.Any(f => !(state.Echo.TryGetValue(f.Id, out long echoed) && echoed == f.HierarchySeq));
    }

    /// <summary>FolderCreate: a user folder of <paramref name="type"/> named <paramref name="name"/> under <paramref name="parentServerId"/> ("0": top level).</summary>
    public async Task<FolderChangeResult> CreateAsync(long userId, long deviceId, string syncKey, string parentServerId, string name, FolderType type, CancellationToken cancellationToken)
    {
        if (!await IsCurrentKeyAsync(deviceId, syncKey, cancellationToken).ConfigureAwait(false))
        {
            return new FolderChangeResult(FolderChangeOutcome.InvalidSyncKey);
        }

        if (!IsUserFolderType(type))
        {
            return new FolderChangeResult(FolderChangeOutcome.InvalidRequest);
        }

        if (!TryParseParent(parentServerId, out long? parentId))
        {
            return new FolderChangeResult(FolderChangeOutcome.ParentNotFound);
        }

        IReadOnlyList<Folder> folders = await store.GetFoldersAsync(userId, cancellationToken).ConfigureAwait(false);
        if (parentId is { } p && folders.All(f => f.Id != p))
        {
            return new FolderChangeResult(FolderChangeOutcome.ParentNotFound);
        }

        if (NameTaken(folders, parentId, name, except: null))
        {
            return new FolderChangeResult(FolderChangeOutcome.AlreadyExists);
        }

        Folder created;
        try
        {
            created = await store.CreateFolderAsync(userId, parentId, name, type, cancellationToken).ConfigureAwait(false);
        }
        catch (MailboxException e)
        {
            return new FolderChangeResult(Outcome(e.Reason));
        }

        string key = await RecordOwnChangeAsync(deviceId, created.Id, created.HierarchySeq, known: true, cancellationToken).ConfigureAwait(false);
        return new FolderChangeResult(FolderChangeOutcome.Success, key, created.ServerId);
    }

    /// <summary>FolderUpdate: renames and/or moves a user folder.</summary>
    public async Task<FolderChangeResult> UpdateAsync(long userId, long deviceId, string syncKey, string serverId, string parentServerId, string name, CancellationToken cancellationToken)
    {
        if (!await IsCurrentKeyAsync(deviceId, syncKey, cancellationToken).ConfigureAwait(false))
        {
            return new FolderChangeResult(FolderChangeOutcome.InvalidSyncKey);
        }

        IReadOnlyList<Folder> folders = await store.GetFoldersAsync(userId, cancellationToken).ConfigureAwait(false);
        if (!TryParseId(serverId, out long folderId) || folders.FirstOrDefault(f => f.Id == folderId) is not { } folder)
        {
            return new FolderChangeResult(FolderChangeOutcome.FolderNotFound);
        }

        if (folder.IsStandard)
        {
            return new FolderChangeResult(FolderChangeOutcome.SpecialFolder);
        }

        if (!TryParseParent(parentServerId, out long? parentId) || (parentId is { } p && folders.All(f => f.Id != p)))
        {
            return new FolderChangeResult(FolderChangeOutcome.ParentNotFound);
        }

        if (NameTaken(folders, parentId, name, except: folder.Id))
        {
            return new FolderChangeResult(FolderChangeOutcome.AlreadyExists);
        }

        Folder updated;
        try
        {
            updated = await store.UpdateFolderAsync(userId, folder.Id, parentId, name, cancellationToken).ConfigureAwait(false);
        }
        catch (MailboxException e)
        {
            return new FolderChangeResult(Outcome(e.Reason));
        }

        string key = await RecordOwnChangeAsync(deviceId, updated.Id, updated.HierarchySeq, known: true, cancellationToken).ConfigureAwait(false);
        return new FolderChangeResult(FolderChangeOutcome.Success, key);
    }

    /// <summary>FolderDelete: deletes a user folder with its subfolders and items.</summary>
    public async Task<FolderChangeResult> DeleteAsync(long userId, long deviceId, string syncKey, string serverId, CancellationToken cancellationToken)
    {
        if (!await IsCurrentKeyAsync(deviceId, syncKey, cancellationToken).ConfigureAwait(false))
        {
            return new FolderChangeResult(FolderChangeOutcome.InvalidSyncKey);
        }

        if (!TryParseId(serverId, out long folderId) || await store.GetFolderAsync(userId, folderId, cancellationToken).ConfigureAwait(false) is not { } folder)
        {
            return new FolderChangeResult(FolderChangeOutcome.FolderNotFound);
        }

        if (folder.IsStandard)
        {
            return new FolderChangeResult(FolderChangeOutcome.SpecialFolder);
        }

        try
        {
            await store.DeleteFolderAsync(userId, folder.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (MailboxException e)
        {
            return new FolderChangeResult(Outcome(e.Reason));
        }

        // The device deleted it (and with it the subfolders it knows): no tombstone needs to reach it.
        string key = await RecordOwnChangeAsync(deviceId, folder.Id, seq: null, known: false, cancellationToken).ConfigureAwait(false);
        return new FolderChangeResult(FolderChangeOutcome.Success, key);
    }

    private async Task<bool> IsCurrentKeyAsync(long deviceId, string syncKey, CancellationToken cancellationToken)
    {
        (HierarchyState? state, _) = await LoadAsync(deviceId, cancellationToken).ConfigureAwait(false);
        return state is not null && TryParseKey(syncKey, out int key) && key == state.Key;
    }

    /// <summary>Advances the key after the device's own change and remembers the change so it is not echoed back.</summary>
    private async Task<string> RecordOwnChangeAsync(long deviceId, long folderId, long? seq, bool known, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            (HierarchyState? state, long version) = await LoadAsync(deviceId, cancellationToken).ConfigureAwait(false);
            state ??= new HierarchyState();
            state.Key++;
            state.PreviousKey = null;
            state.PreviousAnswer = null;
            if (known)
            {
                state.Folders.Add(folderId);
                state.Echo[folderId] = seq!.Value;
            }
            else
            {
                state.Folders.Remove(folderId);
                state.Echo.Remove(folderId);
            }

            if (await SaveAsync(deviceId, version, state, cancellationToken).ConfigureAwait(false))
            {
                return Format(state.Key);
            }
        }

        throw new HierarchySyncConflictException();
    }

    private async Task<(HierarchyState? State, long Version)> LoadAsync(long deviceId, CancellationToken cancellationToken)
    {
        SyncStateRecord? record = await devices.GetSyncStateAsync(deviceId, HierarchyState.CollectionId, cancellationToken).ConfigureAwait(false);
        return record is null ? (null, 0) : (HierarchyState.Deserialize(record.FormatVersion, record.Data), record.Version);
    }

    private async Task<bool> SaveAsync(long deviceId, long version, HierarchyState state, CancellationToken cancellationToken) =>
        await devices.TrySaveSyncStateAsync(deviceId, HierarchyState.CollectionId, version, HierarchyState.FormatVersion, state.Serialize(), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Orders folders so that each parent comes before its children (devices need the parent first).</summary>
    private static List<Folder> ParentsFirst(IEnumerable<Folder> folders)
    {
        List<Folder> list = [.. folders];
        var ids = list.Select(f => f.Id).ToHashSet();
        var placed = new HashSet<long>();
        var ordered = new List<Folder>(list.Count);
        while (ordered.Count < list.Count)
        {
            int before = ordered.Count;
            foreach (Folder folder in list)
            {
                if (!placed.Contains(folder.Id) && (folder.ParentId is not { } parent || !ids.Contains(parent) || placed.Contains(parent)))
                {
                    ordered.Add(folder);
                    placed.Add(folder.Id);
                }
            }

            if (ordered.Count == before)
            {
                ordered.AddRange(list.Where(f => !placed.Contains(f.Id))); // a cycle cannot be stored; do not loop regardless
                break;
            }
        }

        return ordered;
    }

    private static HierarchyEntry Entry(Folder folder, bool isAdd) =>
        new(isAdd, folder.ServerId, folder.ParentId?.ToString(CultureInfo.InvariantCulture) ?? RootParentId, folder.Name, folder.Type);

    private static bool NameTaken(IReadOnlyList<Folder> folders, long? parentId, string name, long? except) =>
        folders.Any(f => f.ParentId == parentId && f.Id != except && string.Equals(f.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static bool IsUserFolderType(FolderType type) =>
        type is FolderType.UserGeneric or (>= FolderType.UserMail and <= FolderType.UserNotes);

    private static FolderChangeOutcome Outcome(MailboxErrorReason reason) => reason switch
    {
        MailboxErrorReason.StandardFolder => FolderChangeOutcome.SpecialFolder,
        MailboxErrorReason.InvalidParent => FolderChangeOutcome.ParentNotFound,
        MailboxErrorReason.FolderNotFound => FolderChangeOutcome.FolderNotFound,
        _ => FolderChangeOutcome.InvalidRequest,
    };

    private static bool TryParseKey(string text, out int key) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out key) && key > 0;

    private static bool TryParseId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static bool TryParseParent(string text, out long? parentId)
    {
        parentId = null;
        if (text == RootParentId)
        {
            return true;
        }

        if (TryParseId(text, out long id))
        {
            parentId = id;
            return true;
        }

        return false;
    }

    private static string Format(int key) => key.ToString(CultureInfo.InvariantCulture);
}
