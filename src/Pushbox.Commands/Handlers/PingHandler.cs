using System.Globalization;
using Microsoft.Extensions.Logging;
using Pushbox.Commands.Hierarchy;
using Pushbox.Commands.Push;
using Pushbox.Commands.Sync;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Changes;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Folders;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.Ping;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// Ping (MS-ASCMD 2.2.1.13), Direct Push: the device names folders and a heartbeat, and the request is answered
/// the moment one of those folders has something the device has not synchronised (Status 2), the hierarchy
/// changed (Status 7), or the heartbeat runs out (Status 1). Waiting costs no thread and no polling: the request
/// awaits the change notifier, subscribed before the first look at the store so nothing slips in between, and
/// re-reads the store only for folders a notification names. A newer request of the device ends it (Status 1).
/// </summary>
internal sealed partial class PingHandler(
    CollectionSync sync,
    HierarchySync hierarchy,
    IMailboxStore store,
    IDeviceStore devices,
    DeviceAccess access,
    IChangeNotifier notifier,
    HeldRequests held,
    PingOptions options,
    TimeProvider time,
    WbxmlLimits limits,
    ILogger<PingHandler> logger) : IEasCommandHandler
{
    public EasCommand Command => EasCommand.Ping;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Respond(context, PingResponse.Failure((PingStatus)status));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        PingRequest request;
        try
        {
            request = PingRequestParser.Parse(body, limits);
        }
        catch (EasProtocolException e) when (e.Reason == EasProtocolError.MalformedBody)
        {
            return Respond(context, PingResponse.Failure(PingStatus.SyntaxError));
        }

        // What the request leaves out comes from the device's previous Ping.
        SyncStateRecord? record = await devices.GetSyncStateAsync(context.Device.Id, PingCache.CollectionId, cancellationToken).ConfigureAwait(false);
        PingCache cache = (record is null ? null : PingCache.Deserialize(record.FormatVersion, record.Data)) ?? new PingCache();
        int? heartbeat = request.HeartbeatInterval ?? cache.HeartbeatInterval;
        List<CachedPingFolder>? watched = request.Folders is { } listed ? [.. listed.Select(f => new CachedPingFolder(f.Id, f.Class))] : cache.Folders;
        if (heartbeat is null || watched is null)
        {
            return Respond(context, PingResponse.Failure(PingStatus.MissingParameters));
        }

        if (heartbeat < options.MinHeartbeatInterval || heartbeat > options.MaxHeartbeatInterval)
        {
            return Respond(context, PingResponse.HeartbeatIntervalOutOfRange(heartbeat < options.MinHeartbeatInterval ? options.MinHeartbeatInterval : options.MaxHeartbeatInterval));
        }

        if (watched.Count > options.MaxFolders)
        {
            return Respond(context, PingResponse.TooManyFolders(options.MaxFolders));
        }

        // Most devices send the same Ping every time: saving it again would cost a commit (an fsync with SQLite) per Ping.
        if ((request.HeartbeatInterval is not null || request.Folders is not null)
            && (heartbeat != cache.HeartbeatInterval || cache.Folders is null || !watched.SequenceEqual(cache.Folders)))
        {
            var fresh = new PingCache { HeartbeatInterval = heartbeat, Folders = watched };
            await devices.TrySaveSyncStateAsync(context.Device.Id, PingCache.CollectionId, record?.Version ?? 0, PingCache.FormatVersion, fresh.Serialize(), cancellationToken).ConfigureAwait(false);
        }

        using HeldRequests.Hold? hold = held.TryBegin(context.UserId, context.Device.Id, context.Slot);
        if (hold is null)
        {
            return EasCommandResult.Unavailable(held.RetryAfterSeconds);
        }

        using ChangeSubscription subscription = notifier.Subscribe(context.UserId);
        Dictionary<long, Folder>? folders = await ResolveAsync(context.UserId, watched, cancellationToken).ConfigureAwait(false);
        if (folders is null || await hierarchy.HasChangesAsync(context.UserId, context.Device.Id, cancellationToken).ConfigureAwait(false))
        {
            return Respond(context, PingResponse.Failure(PingStatus.FolderHierarchySyncRequired));
        }

        List<string> changed = await ChangedAsync(context, folders.Values, cancellationToken).ConfigureAwait(false);
        if (changed.Count > 0)
        {
            return Respond(context, PingResponse.ChangesOccurred(changed));
        }

        using var heartbeatTimer = new CancellationTokenSource(TimeSpan.FromSeconds(heartbeat.Value), time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(heartbeatTimer.Token, hold.Released, cancellationToken);
        LogWaiting(context.Device.DeviceId, folders.Count, heartbeat.Value);
        try
        {
            while (true)
            {
                ChangeSet changes = await subscription.WaitAsync(wait.Token).ConfigureAwait(false);
                if ((changes.Hierarchy || changes.All) && await access.RecheckAsync(context, this, () => Respond(context, PingResponse.Failure(PingStatus.FolderHierarchySyncRequired)), cancellationToken).ConfigureAwait(false) is { } answer)
                {
                    return answer;
                }

                if ((changes.Hierarchy || changes.All) && await hierarchy.HasChangesAsync(context.UserId, context.Device.Id, cancellationToken).ConfigureAwait(false))
                {
                    return Respond(context, PingResponse.Failure(PingStatus.FolderHierarchySyncRequired));
                }

                changed = await ChangedAsync(context, folders.Values.Where(f => changes.Touches(f.Id)), cancellationToken).ConfigureAwait(false);
                if (changed.Count > 0)
                {
                    return Respond(context, PingResponse.ChangesOccurred(changed));
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The heartbeat ran out, a newer request of the device took over, or the server is stopping: in each
            // case the device's next step is a new Ping (or a Sync), which Status 1 tells it.
            LogReleased(context.Device.DeviceId, hold.Superseded ? "a newer request" : heartbeatTimer.IsCancellationRequested ? "the heartbeat" : "shutdown");
            return Respond(context, PingResponse.HeartbeatExpired());
        }
    }

    /// <summary>The watched folders by id; null when one is not (or no longer) the user's: the device must FolderSync.</summary>
    private async Task<Dictionary<long, Folder>?> ResolveAsync(long userId, List<CachedPingFolder> watched, CancellationToken cancellationToken)
    {
        IReadOnlyList<Folder> all = await store.GetFoldersAsync(userId, cancellationToken).ConfigureAwait(false);
        var byId = all.ToDictionary(f => f.Id);
        var result = new Dictionary<long, Folder>(watched.Count);
        foreach (CachedPingFolder folder in watched)
        {
            if (!long.TryParse(folder.Id, NumberStyles.None, CultureInfo.InvariantCulture, out long id) || !byId.TryGetValue(id, out Folder? found))
            {
                return null;
            }

            result[id] = found;
        }

        return result;
    }

    private async Task<List<string>> ChangedAsync(EasRequestContext context, IEnumerable<Folder> folders, CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        if (context.Quarantined)
        {
            // A quarantined device sees nothing of the mailbox, so nothing in it is news (DeviceAccessGate).
            return changed;
        }

        foreach (Folder folder in folders)
        {
            if (await sync.HasChangesAsync(context, folder, cancellationToken).ConfigureAwait(false))
            {
                changed.Add(folder.ServerId);
            }
        }

        return changed;
    }

    private static EasCommandResult Respond(EasRequestContext context, PingResponse response) =>
        EasCommandResult.Ok(writer => PingResponseWriter.Write(writer, response, context.Version));

    [LoggerMessage(EventId = 2201, Level = LogLevel.Debug, Message = "Device {DeviceId} waits for changes in {Folders} folder(s), heartbeat {Heartbeat} s")]
    private partial void LogWaiting(string deviceId, int folders, int heartbeat);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Debug, Message = "Device {DeviceId}: Ping answered with Status 1 ({Reason})")]
    private partial void LogReleased(string deviceId, string reason);
}
