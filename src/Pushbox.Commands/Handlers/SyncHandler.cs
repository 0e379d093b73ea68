using Pushbox.Commands.Push;
using Pushbox.Commands.Sync;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Changes;
using Pushbox.Mailbox.Devices;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.Sync;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// Sync (MS-ASCMD 2.2.1.21): resolves the short request forms of 12.1+ against the device's cached
/// request, checks the request-wide values, and hands each collection to <see cref="CollectionSync"/>
/// within the request's window. The answer streams: item bodies are read as they are written.
/// </summary>
internal sealed class SyncHandler(CollectionSync sync, QuarantineSync quarantine, IDeviceStore devices, DeviceAccess access, IChangeNotifier notifier, HeldRequests held, TimeProvider time, WbxmlLimits limits) : IEasCommandHandler
{
    /// <summary>The shortest Wait, in minutes (MS-ASCMD 2.2.3.195).</summary>
    public const int MinWait = 1;

    /// <summary>The longest Wait, in minutes.</summary>
    public const int MaxWait = 59;

    /// <summary>The shortest HeartbeatInterval in a Sync, in seconds (MS-ASCMD 2.2.3.88.2).</summary>
    public const int MinHeartbeat = 60;

    /// <summary>The longest HeartbeatInterval in a Sync, in seconds.</summary>
    public const int MaxHeartbeat = 3540;

    public EasCommand Command => EasCommand.Sync;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Respond(context, SyncResponse.Failure((SyncStatus)status));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        SyncRequest request;
        try
        {
            request = SyncRequestParser.Parse(body, context.Version, limits);
        }
        catch (EasProtocolException e) when (e.Reason == EasProtocolError.MalformedBody)
        {
            return Respond(context, SyncResponse.Failure(SyncStatus.ProtocolError));
        }

        if (request.Wait is not null && request.HeartbeatInterval is not null)
        {
            return Respond(context, SyncResponse.Failure(SyncStatus.ProtocolError));
        }

        if (request.Wait is { } wait && wait is < MinWait or > MaxWait)
        {
            return Respond(context, SyncResponse.Failure(SyncStatus.InvalidWaitOrHeartbeat, wait < MinWait ? MinWait : MaxWait));
        }

        if (request.HeartbeatInterval is { } heartbeat && heartbeat is < MinHeartbeat or > MaxHeartbeat)
        {
            return Respond(context, SyncResponse.Failure(SyncStatus.InvalidWaitOrHeartbeat, heartbeat < MinHeartbeat ? MinHeartbeat : MaxHeartbeat));
        }

        (IReadOnlyList<SyncCollectionRequest>? collections, int? windowSize) = await ResolveAsync(context, request, cancellationToken).ConfigureAwait(false);
        if (collections is null)
        {
            return Respond(context, SyncResponse.Failure(SyncStatus.IncompleteRequest));
        }

        TimeSpan? hang = request.Wait is { } minutes ? TimeSpan.FromMinutes(minutes)
            : request.HeartbeatInterval is { } seconds ? TimeSpan.FromSeconds(seconds)
            : null;
        if (hang is null)
        {
            return Respond(context, new SyncResponse(null, await SyncAllAsync(context, collections, windowSize, cancellationToken).ConfigureAwait(false)));
        }

        // A hanging Sync (12.1 Wait, 14.0+ HeartbeatInterval): answered at once when there is something to say,
        // else held like a Ping until a change in one of its folders, the end of the interval, or a newer request.
        using HeldRequests.Hold? hold = held.TryBegin(context.UserId, context.Device.Id, context.Slot);
        if (hold is null)
        {
            return EasCommandResult.Unavailable(held.RetryAfterSeconds);
        }

        using ChangeSubscription subscription = notifier.Subscribe(context.UserId);
        List<SyncCollectionResponse> answers = await SyncAllAsync(context, collections, windowSize, cancellationToken).ConfigureAwait(false);
        using var interval = new CancellationTokenSource(hang.Value, time);
        using var until = CancellationTokenSource.CreateLinkedTokenSource(interval.Token, hold.Released, cancellationToken);
        try
        {
            while (IsQuiet(collections, answers))
            {
                ChangeSet changes = await subscription.WaitAsync(until.Token).ConfigureAwait(false);
                if ((changes.Hierarchy || changes.All)
                    && await access.RecheckAsync(context, this, () => Respond(context, SyncResponse.Failure(SyncStatus.FolderHierarchyChanged)), cancellationToken).ConfigureAwait(false) is { } answer)
                {
                    return answer;
                }

                if (changes.All || collections.Any(c => long.TryParse(c.CollectionId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long id) && changes.Touches(id)))
                {
                    // The device's commands were applied by the first pass; from here on only the server's changes count.
                    SyncCollectionRequest[] again = [.. collections.Zip(answers, (c, a) => c with { SyncKey = a.SyncKey, Commands = null })];
                    answers = await SyncAllAsync(context, again, windowSize, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The interval ran out, a newer request took over, or the server is stopping: the quiet answer goes.
        }

        return Respond(context, new SyncResponse(null, answers));
    }

    /// <summary>Answers every collection within the request's window, in order.</summary>
    private async Task<List<SyncCollectionResponse>> SyncAllAsync(EasRequestContext context, IReadOnlyList<SyncCollectionRequest> collections, int? windowSize, CancellationToken cancellationToken)
    {
        int room = windowSize is > 0 and <= CollectionSync.MaxWindowSize ? windowSize.Value : int.MaxValue;
        var answers = new List<SyncCollectionResponse>(collections.Count);
        foreach (SyncCollectionRequest collection in collections)
        {
            // Once the request's window is used up, the remaining collections answer the device's commands only.
            int window = Math.Min(collection.WindowSize is > 0 ? collection.WindowSize.Value : CollectionSync.DefaultWindowSize, room);
            SyncCollectionRequest asked = window > 0 ? collection : collection with { GetChanges = false };
            SyncCollectionResponse answer = context.Quarantined
                ? await quarantine.SyncAsync(context, asked, cancellationToken).ConfigureAwait(false)
                : await sync.SyncAsync(context, asked, Math.Max(window, 1), cancellationToken).ConfigureAwait(false);
            answers.Add(answer);
            room = Math.Max(room - (answer.Commands?.Count ?? 0), 0);
        }

        return answers;
    }

    /// <summary>Nothing to tell: every collection succeeded with its key unchanged and carries no commands or responses.</summary>
    private static bool IsQuiet(IReadOnlyList<SyncCollectionRequest> collections, List<SyncCollectionResponse> answers) =>
        answers.Count > 0 && answers.Select((a, i) => a.Status == SyncStatus.Success && !a.MoreAvailable
            && a.Commands is not { Count: > 0 } && a.Responses is not { Count: > 0 }
            && (collections[i].SyncKey is null || a.SyncKey == collections[i].SyncKey)).All(quiet => quiet);

    /// <summary>The collections to answer and the request-wide window: the request's own, or filled in from the cache; null collections when a short form finds nothing cached.</summary>
    private async Task<(IReadOnlyList<SyncCollectionRequest>? Collections, int? WindowSize)> ResolveAsync(EasRequestContext context, SyncRequest request, CancellationToken cancellationToken)
    {
        bool shortForm = request.IsEmpty || request.Partial || request.Collections.Count == 0;
        SyncStateRecord? record = await devices.GetSyncStateAsync(context.Device.Id, SyncRequestCache.CollectionId, cancellationToken).ConfigureAwait(false);
        SyncRequestCache? cache = record is null ? null : SyncRequestCache.Deserialize(record.FormatVersion, record.Data);
        if (!shortForm)
        {
            await SaveCacheAsync(context, record, request.Collections, request.WindowSize, cancellationToken).ConfigureAwait(false);
            return (request.Collections, request.WindowSize);
        }

        if (cache is null || context.Version < EasVersion.V121)
        {
            return (null, null);
        }

        var merged = cache.Collections
            .Select(c => new SyncCollectionRequest(null, c.CollectionId, GetChanges: c.GetChanges, DeletesAsMoves: c.DeletesAsMoves, WindowSize: c.WindowSize))
            .ToList();
        foreach (SyncCollectionRequest listed in request.Collections)
        {
            int index = merged.FindIndex(c => c.CollectionId == listed.CollectionId);
            if (index >= 0)
            {
                merged[index] = listed;
            }
            else
            {
                merged.Add(listed);
            }
        }

        int? windowSize = request.WindowSize ?? cache.WindowSize;
        if (request.Collections.Count > 0 || request.WindowSize is not null)
        {
            await SaveCacheAsync(context, record, merged, windowSize, cancellationToken).ConfigureAwait(false);
        }

        return (merged, windowSize);
    }

    private async Task SaveCacheAsync(EasRequestContext context, SyncStateRecord? record, IReadOnlyList<SyncCollectionRequest> collections, int? windowSize, CancellationToken cancellationToken)
    {
        var cache = new SyncRequestCache
        {
            Collections = [.. collections.Select(c => new CachedCollection(c.CollectionId, c.WindowSize, c.GetChanges, c.DeletesAsMoves))],
            WindowSize = windowSize,
        };

        // A lost race means a newer request of the device saved its own cache: that one stands.
        await devices.TrySaveSyncStateAsync(context.Device.Id, SyncRequestCache.CollectionId, record?.Version ?? 0, SyncRequestCache.FormatVersion, cache.Serialize(), cancellationToken).ConfigureAwait(false);
    }

    private static EasCommandResult Respond(EasRequestContext context, SyncResponse response) =>
        EasCommandResult.Streamed(async (output, cancellationToken) => await SyncResponseWriter.WriteAsync(response, output, context.Version, cancellationToken).ConfigureAwait(false));
}
