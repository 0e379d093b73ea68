using Pushbox.Protocol.Commands.Sync;

namespace Pushbox.Commands.Tests.Sync;

/// <summary>
/// What a device holds of one collection after following the server's answers: its key and its items.
/// It refuses what a correct server never sends: an Add of an item it has, a Change or Delete of one it
/// does not have.
/// </summary>
public sealed class DeviceFolder
{
    private readonly HashSet<string> _items = [];
    private readonly List<(SyncCommandKind Kind, string ServerId)> _log = [];

    public string Key { get; private set; } = "0";

    public IReadOnlySet<string> Items => _items;

    /// <summary>Every server command received, in order.</summary>
    public IReadOnlyList<(SyncCommandKind Kind, string ServerId)> Log => _log;

    /// <summary>How many answers carried MoreAvailable.</summary>
    public int MoreAvailableCount { get; private set; }

    public void Apply(SyncCollectionResponse answer)
    {
        Assert.Equal(SyncStatus.Success, answer.Status);
        foreach (SyncServerCommand command in answer.Commands ?? [])
        {
            _log.Add((command.Kind, command.ServerId));
            switch (command.Kind)
            {
                case SyncCommandKind.Add:
                    Assert.True(_items.Add(command.ServerId), $"Add of {command.ServerId}, which the device has");
                    break;
                case SyncCommandKind.Change:
                    Assert.True(_items.Contains(command.ServerId), $"Change of {command.ServerId}, which the device does not have");
                    break;
                default:
                    Assert.True(_items.Remove(command.ServerId), $"{command.Kind} of {command.ServerId}, which the device does not have");
                    break;
            }
        }

        if (answer.MoreAvailable)
        {
            MoreAvailableCount++;
        }

        Key = answer.SyncKey;
    }

    /// <summary>Forgets an item the device removed itself (its own Delete).</summary>
    public void Forget(string serverId) => Assert.True(_items.Remove(serverId));

    /// <summary>Syncs with its key until an answer has no MoreAvailable; returns that last answer.</summary>
    public async Task<SyncCollectionResponse> FollowAsync(Func<string, Task<SyncCollectionResponse>> sync)
    {
        for (int round = 0; round < 1000; round++)
        {
            SyncCollectionResponse answer = await sync(Key);
            Apply(answer);
            if (!answer.MoreAvailable)
            {
                return answer;
            }
        }

        throw new InvalidOperationException("The server kept answering MoreAvailable.");
    }
}
