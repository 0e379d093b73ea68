using System.Globalization;
using Microsoft.Extensions.Logging;
using Pushbox.Commands.Email;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Protocol.Commands.Sync;

namespace Pushbox.Commands.Sync;

/// <summary>
/// The sync-key state machine of one collection (see <see cref="CollectionState"/>). The transitions:
/// <list type="table">
/// <item><term>"0"</term><description>a fresh state; the answer carries the first key and no items.</description></item>
/// <item><term>the pending answer's key</term><description>the device got the last answer: it is committed, then the changes since it are sent under a new key.</description></item>
/// <item><term>the current key, an answer pending</term><description>that answer was lost: the same commands go again under the same new key.</description></item>
/// <item><term>the current key, nothing pending</term><description>the changes since it; none: the key stays.</description></item>
/// <item><term>anything else</term><description>Status 3: the device starts over from "0".</description></item>
/// </list>
/// The device's own changes (Change, Delete) are applied first and not echoed back. State is saved with
/// optimistic concurrency before the answer is written, so a response lost on the way changes nothing.
/// </summary>
public sealed partial class CollectionSync(
    IMailboxStore store,
    IDeviceStore devices,
    EmailItemRenderer renderer,
    TimeProvider time,
    ILogger<CollectionSync> logger)
{
    private readonly IMailboxStore _store = store;
    private readonly IDeviceStore _devices = devices;
    private readonly EmailItemRenderer _renderer = renderer;
    private readonly TimeProvider _time = time;

    /// <summary>Items per collection when the device names no WindowSize (MS-ASCMD 2.2.3.199).</summary>
    public const int DefaultWindowSize = 100;

    /// <summary>The largest WindowSize honoured (MS-ASCMD: larger values are treated as 512).</summary>
    public const int MaxWindowSize = 512;

    /// <summary>Estimated bytes of item data one answer carries at most (at least one item always goes).</summary>
    public const long ResponseBudget = 16L * 1024 * 1024;

    private const int MaxAttempts = 4;

    // A window of changes read at once can be all echoes of the device's own changes; read further a few times.
    private const int MaxReadsPerWindow = 8;

    /// <summary>
    /// Answers one collection of a Sync request. <paramref name="windowSize"/> is what is left of the
    /// request's window for this collection.
    /// </summary>
    public async Task<SyncCollectionResponse> SyncAsync(
        EasRequestContext context,
        SyncCollectionRequest request,
        int windowSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        // The collection's Class goes back to the clients that send it (2.5 to 12.1).
        string? className = context.Version <= EasVersion.V121 ? request.Class : null;
        string presented = request.SyncKey ?? string.Empty; // empty: a short request; the state supplies the key
        if (!long.TryParse(request.CollectionId, NumberStyles.None, CultureInfo.InvariantCulture, out long folderId)
            || await _store.GetFolderAsync(context.UserId, folderId, cancellationToken).ConfigureAwait(false) is not { } folder)
        {
            return new SyncCollectionResponse(request.SyncKey ?? "0", request.CollectionId, SyncStatus.FolderHierarchyChanged, className);
        }

        var session = new Session(this, context, request, folder, className, Math.Clamp(windowSize, 1, MaxWindowSize));
        return await session.RunAsync(presented, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a change the device made outside Sync (MoveItems) in its state of <paramref name="folder"/>,
    /// so that it is not echoed back: an item the device moved in arrives there already (<paramref name="arrived"/>),
    /// one it moved out left (<paramref name="left"/>). Nothing is recorded when the device has not synced the folder.
    /// </summary>
    public async Task RecordOwnMoveAsync(long deviceId, Folder folder, StoredItem? arrived, long? left, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            SyncStateRecord? record = await _devices.GetSyncStateAsync(deviceId, folder.ServerId, cancellationToken).ConfigureAwait(false);
            if (record is null || CollectionState.Deserialize(record.FormatVersion, record.Data) is not { } state)
            {
                return;
            }

            if (arrived is not null)
            {
                // The device has it now: its arrival is the device's own change, not echoed. (Should the server
                // change it again before the device next syncs this folder, that change goes as an Add of a
                // ServerId the device holds, which clients take as an update.)
                state.Echo[arrived.Id] = arrived.ModSeq;
            }

            if (left is { } id)
            {
                state.Gone.Add(id);
            }

            if (await _devices.TrySaveSyncStateAsync(deviceId, folder.ServerId, record.Version, CollectionState.FormatVersion, state.Serialize(), cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }
    }

    /// <summary>
    /// GetItemEstimate of one collection: how many changes the device's next Sync would bring, counted from the
    /// state behind <paramref name="syncKey"/> without changing it. Null with <see cref="EstimateOutcome.NotPrimed"/>
    /// when the device has not synced the folder (or sends "0"), <see cref="EstimateOutcome.InvalidKey"/> when the
    /// key is not one the next Sync accepts.
    /// </summary>
    public async Task<(EstimateOutcome Outcome, long Estimate)> EstimateAsync(EasRequestContext context, Folder folder, string syncKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(folder);
        SyncStateRecord? record = await _devices.GetSyncStateAsync(context.Device.Id, folder.ServerId, cancellationToken).ConfigureAwait(false);
        CollectionState? state = record is null ? null : CollectionState.Deserialize(record.FormatVersion, record.Data);
        if (state is null || syncKey == "0")
        {
            return (EstimateOutcome.NotPrimed, 0);
        }

        if (!int.TryParse(syncKey, NumberStyles.None, CultureInfo.InvariantCulture, out int key))
        {
            return (EstimateOutcome.InvalidKey, 0);
        }

        if (state.Pending is { } pending && key == state.Key)
        {
            return (EstimateOutcome.Counted, pending.Commands.Count); // the next Sync sends the pending answer again
        }

        (long ack, DateTimeOffset? cutoff) = state.Pending is { } sent && key == sent.Key ? (sent.AckModSeq, sent.Cutoff)
            : key == state.Key ? (state.AckModSeq, state.Cutoff)
            : (-1, null);
        if (ack < 0)
        {
            return (EstimateOutcome.InvalidKey, 0);
        }

        if (folder.ItemClass != ItemClass.Email)
        {
            return (EstimateOutcome.Counted, 0);
        }

        long count = await _store.CountChangesAsync(context.UserId, folder.Id, ack, CutoffOf(state.FilterType, _time.GetUtcNow()) ?? cutoff, cancellationToken).ConfigureAwait(false);
        return (EstimateOutcome.Counted, count);
    }

    /// <summary>
    /// Whether the device's next Sync of <paramref name="folder"/> would bring changes (Ping): counted against what the
    /// device last received, so a Ping right after a complete Sync waits. A folder the device never synced counts as
    /// changed: it must sync it first.
    /// </summary>
    public async Task<bool> HasChangesAsync(EasRequestContext context, Folder folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(folder);
        SyncStateRecord? record = await _devices.GetSyncStateAsync(context.Device.Id, folder.ServerId, cancellationToken).ConfigureAwait(false);
        if (record is null || CollectionState.Deserialize(record.FormatVersion, record.Data) is not { } state)
        {
            return true;
        }

        if (folder.ItemClass != ItemClass.Email)
        {
            return false;
        }

        // A pending answer counts as received: a device Pings after a Sync whose answer it got.
        long ack = state.Pending?.AckModSeq ?? state.AckModSeq;
        if (state.Pending is { MoreAvailable: true })
        {
            return true;
        }

        DateTimeOffset? cutoff = state.Pending is { } pending ? pending.Cutoff : state.Cutoff;
        // Echoes of the device's own changes are no news; reading one entry past them tells whether anything else is.
        ItemChanges changes = await _store.GetChangesAsync(context.UserId, folder.Id, ack, state.Echo.Count + 1, cancellationToken, cutoff).ConfigureAwait(false);
        return changes.MoreAvailable
            || changes.Changed.Any(i => !(state.Echo.TryGetValue(i.Id, out long echoed) && echoed == i.ModSeq))
            || changes.Deleted.Any(d => d.AddedModSeq <= ack && !state.Gone.Contains(d.ItemId));
    }

    /// <summary>The date before which items are outside the window of <paramref name="filterType"/>; null for no window.</summary>
    internal static DateTimeOffset? CutoffOf(int filterType, DateTimeOffset now) => filterType switch
    {
        1 => now.AddDays(-1),
        2 => now.AddDays(-3),
        3 => now.AddDays(-7),
        4 => now.AddDays(-14),
        5 => now.AddMonths(-1),
        6 => now.AddMonths(-3),
        7 => now.AddMonths(-6),
        _ => null,
    };

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Device {DeviceId} presented unknown sync key {SyncKey} for collection {CollectionId}; answered Status 3")]
    private partial void LogInvalidKey(string deviceId, string syncKey, string collectionId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Device {DeviceId} repeated sync key {SyncKey} for collection {CollectionId}; sent the previous answer again")]
    private partial void LogReplay(string deviceId, string syncKey, string collectionId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Device {DeviceId}: the sync state of collection {CollectionId} kept changing under concurrent requests; answered Status 16")]
    private partial void LogConflict(string deviceId, string collectionId);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Device {DeviceId} changed FilterType of collection {CollectionId} from {Old} to {New}; the collection starts over")]
    private partial void LogFilterChanged(string deviceId, string collectionId, int old, int @new);

    /// <summary>One collection of one request.</summary>
    private sealed class Session(CollectionSync owner, EasRequestContext context, SyncCollectionRequest request, Folder folder, string? className, int window)
    {
        private readonly List<SyncItemResponse> _responses = [];

        // The device's own changes, kept apart from the state so that a reload after a lost race keeps them.
        private readonly Dictionary<long, long> _echoes = [];
        private readonly HashSet<long> _gone = [];
        private CollectionState _state = null!;
        private long _version;

        private IMailboxStore Store => owner._store;

        private bool IsEmail => folder.ItemClass == ItemClass.Email;

        public async Task<SyncCollectionResponse> RunAsync(string presented, CancellationToken cancellationToken)
        {
            bool applied = false;
            for (int attempt = 0; attempt < MaxAttempts; attempt++)
            {
                CollectionState? loaded = await LoadAsync(cancellationToken).ConfigureAwait(false);
                // The state keeps what the device asked; the policy's caps apply afresh to every request, so a capped
                // FilterType compares equal each time (no Status 3 loop) and a relaxed policy restores the device's own.
                SyncOptions requested = request.OptionList.FirstOrDefault(o => o.Class is null or "Email") ?? loaded?.Options ?? DefaultOptions;
                SyncOptions options = IsEmail ? context.Caps.CapEmail(requested)
                    : folder.ItemClass == ItemClass.Calendar ? context.Caps.CapCalendar(requested)
                    : requested;
                if (presented == "0")
                {
                    _state = new CollectionState
                    {
                        // Past the pending answer's key too: that key was sent, and must not name the fresh state.
                        Key = Math.Max(loaded?.Key ?? 0, loaded?.Pending?.Key ?? 0) + 1,
                        FilterType = options.FilterType ?? 0,
                        Cutoff = CutoffOf(options.FilterType ?? 0, owner._time.GetUtcNow()),
                        Options = requested,
                        WindowSize = request.WindowSize ?? loaded?.WindowSize,
                    };
                    if (await SaveAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return Answer(Format(_state.Key), SyncStatus.Success, moreAvailable: false, []);
                    }

                    continue;
                }

                if (presented.Length == 0 && loaded is not null)
                {
                    // A short request names no key: the device holds the last one it was sent.
                    presented = Format(loaded.Pending?.Key ?? loaded.Key);
                }

                if (loaded is null || !int.TryParse(presented, NumberStyles.None, CultureInfo.InvariantCulture, out int key))
                {
                    owner.LogInvalidKey(context.Device.DeviceId, presented, request.CollectionId);
                    return Answer("0", SyncStatus.InvalidSyncKey, moreAvailable: false, []);
                }

                _state = loaded;
                bool replay = false;
                if (_state.Pending is { } pending && key == pending.Key)
                {
                    Commit(pending);
                }
                else if (_state.Pending is not null && key == _state.Key)
                {
                    replay = true;
                }
                else if (key != _state.Key)
                {
                    owner.LogInvalidKey(context.Device.DeviceId, presented, request.CollectionId);
                    return Answer("0", SyncStatus.InvalidSyncKey, moreAvailable: false, []);
                }

                if (options.FilterType is { } filter && filter != _state.FilterType && IsEmail)
                {
                    owner.LogFilterChanged(context.Device.DeviceId, request.CollectionId, _state.FilterType, filter);
                    await owner._devices.DeleteSyncStateAsync(context.Device.Id, folder.ServerId, cancellationToken).ConfigureAwait(false);
                    return Answer("0", SyncStatus.InvalidSyncKey, moreAvailable: false, []);
                }

                _state.Options = requested;
                _state.WindowSize = request.WindowSize ?? _state.WindowSize;

                // The device's commands are applied once, even when saving the state must be retried.
                if (!applied)
                {
                    await ApplyClientCommandsAsync(options, cancellationToken).ConfigureAwait(false);
                    applied = true;
                }

                foreach ((long id, long seq) in _echoes)
                {
                    _state.Echo[id] = seq;
                }

                foreach (long id in _gone)
                {
                    _state.Gone.Add(id);
                    _state.Echo.Remove(id);
                }

                SyncCollectionResponse? answer = replay
                    ? await ReplayAsync(presented, options, cancellationToken).ConfigureAwait(false)
                    : await NextWindowAsync(presented, options, cancellationToken).ConfigureAwait(false);
                if (answer is not null)
                {
                    return answer;
                }
            }

            owner.LogConflict(context.Device.DeviceId, request.CollectionId);
            return Answer(presented, SyncStatus.Retry, moreAvailable: false, []);
        }

        private static SyncOptions DefaultOptions { get; } = new(null, null, null, null, ItemBodyOptions.None);

        private void Commit(PendingAnswer pending)
        {
            _state.Key = pending.Key;
            _state.AckModSeq = pending.AckModSeq;
            _state.Cutoff = pending.Cutoff;
            _state.SoftDeleteAfter = pending.SoftDeleteAfter;
            _state.Pending = null;
            _state.Prune();
        }

        private async Task<SyncCollectionResponse?> ReplayAsync(string presented, SyncOptions options, CancellationToken cancellationToken)
        {
            PendingAnswer pending = _state.Pending!;
            owner.LogReplay(context.Device.DeviceId, presented, request.CollectionId);
            Dictionary<long, StoredItem> items = (await Store.GetItemsAsync(context.UserId, [.. pending.Commands.Where(c => c.Kind is SyncCommandKind.Add or SyncCommandKind.Change).Select(c => c.ItemId)], cancellationToken).ConfigureAwait(false))
                .Where(i => i.FolderId == folder.Id)
                .ToDictionary(i => i.Id);
            var commands = new List<SyncServerCommand>(pending.Commands.Count);
            foreach (SentCommand sent in pending.Commands)
            {
                string serverId = ItemServerId.Format(folder.Id, sent.ItemId);
                if (sent.Kind is SyncCommandKind.Delete or SyncCommandKind.SoftDelete)
                {
                    commands.Add(new SyncServerCommand(sent.Kind, serverId));
                }
                else if (items.TryGetValue(sent.ItemId, out StoredItem? item))
                {
                    commands.Add(new SyncServerCommand(sent.Kind, serverId, null, owner._renderer.Render(item, options.Body, context.Version)));
                }
                else if (sent.Kind == SyncCommandKind.Change)
                {
                    // Gone since: the device has it, so it learns of the deletion now, and not again later.
                    commands.Add(new SyncServerCommand(SyncCommandKind.Delete, serverId));
                    _state.Gone.Add(sent.ItemId);
                }
                else
                {
                    _state.Gone.Add(sent.ItemId); // never reached the device: its deletion must not either
                }
            }

            return await SaveAsync(cancellationToken).ConfigureAwait(false)
                ? Answer(Format(pending.Key), SyncStatus.Success, pending.MoreAvailable, commands)
                : null;
        }

        private async Task<SyncCollectionResponse?> NextWindowAsync(string presented, SyncOptions options, CancellationToken cancellationToken)
        {
            var sent = new List<SentCommand>();
            var commands = new List<SyncServerCommand>();
            long ack = _state.AckModSeq;
            DateTimeOffset? cutoff = _state.Cutoff;
            SoftDeleteCursor? softDeleteAfter = _state.SoftDeleteAfter;
            bool more = false;
            if (IsEmail && request.GetChanges != false)
            {
                // Items that left the date window go first, as SoftDelete, before any other change.
                DateTimeOffset? newCutoff = CutoffOf(_state.FilterType, owner._time.GetUtcNow());
                if (cutoff is { } from && newCutoff is { } before && before > from)
                {
                    ReceivedItem? after = softDeleteAfter is null ? null : new ReceivedItem(softDeleteAfter.ItemId, softDeleteAfter.DateReceived);
                    IReadOnlyList<ReceivedItem> leaving = await Store.GetItemsReceivedBetweenAsync(context.UserId, folder.Id, from, before, ack, after, window + 1, cancellationToken).ConfigureAwait(false);
                    foreach (ReceivedItem item in leaving.Take(window))
                    {
                        sent.Add(new SentCommand(SyncCommandKind.SoftDelete, item.ItemId));
                        commands.Add(new SyncServerCommand(SyncCommandKind.SoftDelete, ItemServerId.Format(folder.Id, item.ItemId)));
                    }

                    if (leaving.Count > window)
                    {
                        ReceivedItem last = leaving[window - 1];
                        softDeleteAfter = new SoftDeleteCursor(last.DateReceived, last.ItemId);
                        more = true;
                    }
                    else
                    {
                        cutoff = before;
                        softDeleteAfter = null;
                    }
                }

                if (!more)
                {
                    (ack, more) = await ReadChangesAsync(options, cutoff, window - commands.Count, sent, commands, cancellationToken).ConfigureAwait(false);
                }
            }

            if (commands.Count == 0 && _responses.Count == 0)
            {
                // Nothing to tell: the key stays; skipped echoes of the device's own changes move the mark on.
                _state.AckModSeq = ack;
                _state.Cutoff = cutoff;
                _state.SoftDeleteAfter = softDeleteAfter;
                _state.Prune();
                return await SaveAsync(cancellationToken).ConfigureAwait(false)
                    ? Answer(presented, SyncStatus.Success, more, [])
                    : null;
            }

            _state.Pending = new PendingAnswer
            {
                Key = _state.Key + 1,
                AckModSeq = ack,
                Cutoff = cutoff,
                SoftDeleteAfter = softDeleteAfter,
                MoreAvailable = more,
                Commands = sent,
            };
            return await SaveAsync(cancellationToken).ConfigureAwait(false)
                ? Answer(Format(_state.Pending.Key), SyncStatus.Success, more, commands)
                : null;
        }

        /// <summary>
        /// Reads the folder's change log after the acknowledged sequence into <paramref name="commands"/>, at most
        /// <paramref name="room"/> commands and <see cref="ResponseBudget"/> estimated bytes. Returns the sequence
        /// up to which the answer is complete and whether more changes wait.
        /// </summary>
        private async Task<(long UpTo, bool More)> ReadChangesAsync(
            SyncOptions options,
            DateTimeOffset? cutoff,
            int room,
            List<SentCommand> sent,
            List<SyncServerCommand> commands,
            CancellationToken cancellationToken)
        {
            long ack = _state.AckModSeq;
            long upTo = ack;
            long budget = ResponseBudget;
            for (int read = 0; read < MaxReadsPerWindow && room > 0; read++)
            {
                ItemChanges changes = await Store.GetChangesAsync(context.UserId, folder.Id, upTo, room, cancellationToken, cutoff).ConfigureAwait(false);
                var entries = changes.Changed.Select(i => (i.ModSeq, Item: (StoredItem?)i, Deletion: (ItemDeletion?)null))
                    .Concat(changes.Deleted.Select(d => (d.ModSeq, Item: (StoredItem?)null, Deletion: (ItemDeletion?)d)))
                    .OrderBy(e => e.ModSeq);
                foreach ((long seq, StoredItem? item, ItemDeletion? deletion) in entries)
                {
                    if (item is not null)
                    {
                        if (!(_state.Echo.TryGetValue(item.Id, out long echoed) && echoed == item.ModSeq))
                        {
                            long size = owner._renderer.EstimateSize(item, options.Body, context.Version);
                            if (commands.Count > 0 && size > budget)
                            {
                                return (upTo, true); // the rest waits for the next window
                            }

                            budget -= size;
                            SyncCommandKind kind = item.AddedModSeq > ack ? SyncCommandKind.Add : SyncCommandKind.Change;
                            sent.Add(new SentCommand(kind, item.Id));
                            _state.Gone.Remove(item.Id); // on the device again: its next deletion must be sent
                            commands.Add(new SyncServerCommand(kind, item.ServerId, null, owner._renderer.Render(item, options.Body, context.Version)));
                            room--;
                        }
                    }
                    else if (deletion!.AddedModSeq <= ack && !_state.Gone.Remove(deletion.ItemId))
                    {
                        sent.Add(new SentCommand(SyncCommandKind.Delete, deletion.ItemId));
                        commands.Add(new SyncServerCommand(SyncCommandKind.Delete, ItemServerId.Format(folder.Id, deletion.ItemId)));
                        room--;
                    }
                    else
                    {
                        _state.Gone.Remove(deletion.ItemId);
                    }

                    upTo = seq;
                }

                upTo = changes.UpToModSeq;
                if (!changes.MoreAvailable)
                {
                    return (upTo, false);
                }
            }

            return (upTo, true);
        }

        private async Task ApplyClientCommandsAsync(SyncOptions options, CancellationToken cancellationToken)
        {
            foreach (SyncClientCommand command in request.CommandList)
            {
                switch (command.Kind)
                {
                    case SyncCommandKind.Change:
                        await ChangeAsync(command, options, cancellationToken).ConfigureAwait(false);
                        break;
                    case SyncCommandKind.Delete:
                        await DeleteAsync(command, cancellationToken).ConfigureAwait(false);
                        break;
                    case SyncCommandKind.Add:
                        // Pushbox keeps received mail only; drafts created on the device are not stored yet.
                        _responses.Add(new SyncItemResponse(SyncCommandKind.Add, SyncStatus.ConversionError, ClientId: command.ClientId));
                        break;
                }
            }

            foreach (SyncClientCommand command in request.CommandList.Where(c => c.Kind == SyncCommandKind.Fetch))
            {
                StoredItem? item = await FindAsync(command.ServerId, cancellationToken).ConfigureAwait(false);
                _responses.Add(item is null
                    ? new SyncItemResponse(SyncCommandKind.Fetch, SyncStatus.ObjectNotFound, command.ServerId)
                    : new SyncItemResponse(SyncCommandKind.Fetch, SyncStatus.Success, command.ServerId, ApplicationData: owner._renderer.Render(item, options.Body, context.Version)));
            }
        }

        private async Task ChangeAsync(SyncClientCommand command, SyncOptions options, CancellationToken cancellationToken)
        {
            StoredItem? item = await FindAsync(command.ServerId, cancellationToken).ConfigureAwait(false);
            if (item is null)
            {
                _responses.Add(new SyncItemResponse(SyncCommandKind.Change, SyncStatus.ObjectNotFound, command.ServerId));
                return;
            }

            if (!IsEmail || EmailChangeReader.Read(command.ApplicationData) is not { } change)
            {
                _responses.Add(new SyncItemResponse(SyncCommandKind.Change, SyncStatus.ConversionError, command.ServerId));
                return;
            }

            // Conflict 1 (the default): a server change the device has not seen yet wins over the device's, unless
            // the item already is as the device wants it (the same change from elsewhere, or this request's racing twin).
            bool serverChanged = item.ModSeq > _state.AckModSeq && !(_state.Echo.TryGetValue(item.Id, out long own) && own == item.ModSeq);
            if (serverChanged && (options.Conflict ?? 1) == 1 && !LeavesAsIs(item, change))
            {
                _responses.Add(new SyncItemResponse(SyncCommandKind.Change, SyncStatus.Conflict, command.ServerId));
                return;
            }

            try
            {
                StoredItem updated = await Store.UpdateEmailStateAsync(context.UserId, item.Id, change, cancellationToken).ConfigureAwait(false);
                if (updated.ModSeq != item.ModSeq)
                {
                    _echoes[item.Id] = updated.ModSeq;
                }
            }
            catch (MailboxException e) when (e.Reason == MailboxErrorReason.ItemNotFound)
            {
                _responses.Add(new SyncItemResponse(SyncCommandKind.Change, SyncStatus.ObjectNotFound, command.ServerId));
            }
        }

        private static bool LeavesAsIs(StoredItem item, EmailStateChange change) =>
            item.Email is { } email
            && (change.Read is null || change.Read == email.Read)
            && (change.ClearFlag ? email.Flag is null : change.Flag is null || change.Flag == email.Flag)
            && (change.Categories is null || change.Categories.SequenceEqual(email.Categories, StringComparer.Ordinal));

        private async Task DeleteAsync(SyncClientCommand command, CancellationToken cancellationToken)
        {
            StoredItem? item = await FindAsync(command.ServerId, cancellationToken).ConfigureAwait(false);
            if (item is null && ItemServerId.TryParse(command.ServerId, out _, out long itemId) && _state.Gone.Contains(itemId))
            {
                return; // deleted by this device already: a request retried after a lost answer
            }

            if (item is null)
            {
                _responses.Add(new SyncItemResponse(SyncCommandKind.Delete, SyncStatus.ObjectNotFound, command.ServerId));
                return;
            }

            bool asMove = request.DeletesAsMoves != false && IsEmail && folder.Type != FolderType.DeletedItems;
            if (asMove)
            {
                Folder deletedItems = await Store.GetStandardFolderAsync(context.UserId, FolderType.DeletedItems, cancellationToken).ConfigureAwait(false);
                await Store.MoveItemAsync(context.UserId, item.Id, deletedItems.Id, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Store.DeleteItemAsync(context.UserId, item.Id, cancellationToken).ConfigureAwait(false);
            }

            _gone.Add(item.Id);
        }

        /// <summary>The item named by a ServerId of this collection, or null (another folder's or another user's ids are not found).</summary>
        private async Task<StoredItem?> FindAsync(string? serverId, CancellationToken cancellationToken)
        {
            if (!ItemServerId.TryParse(serverId, out long folderId, out long itemId) || folderId != folder.Id)
            {
                return null;
            }

            StoredItem? item = await Store.GetItemAsync(context.UserId, itemId, cancellationToken).ConfigureAwait(false);
            return item?.FolderId == folder.Id ? item : null;
        }

        private SyncCollectionResponse Answer(string key, SyncStatus status, bool moreAvailable, IReadOnlyList<SyncServerCommand> commands) =>
            new(key, request.CollectionId, status, className, moreAvailable, [.. _responses], commands);

        private async Task<CollectionState?> LoadAsync(CancellationToken cancellationToken)
        {
            SyncStateRecord? record = await owner._devices.GetSyncStateAsync(context.Device.Id, folder.ServerId, cancellationToken).ConfigureAwait(false);
            _version = record?.Version ?? 0;
            return record is null ? null : CollectionState.Deserialize(record.FormatVersion, record.Data);
        }

        private async Task<bool> SaveAsync(CancellationToken cancellationToken) =>
            await owner._devices.TrySaveSyncStateAsync(context.Device.Id, folder.ServerId, _version, CollectionState.FormatVersion, _state.Serialize(), cancellationToken).ConfigureAwait(false) is not null;

        private static string Format(int key) => key.ToString(CultureInfo.InvariantCulture);
    }
}
