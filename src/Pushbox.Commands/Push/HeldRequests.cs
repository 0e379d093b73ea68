using System.Collections.Concurrent;

namespace Pushbox.Commands.Push;

/// <summary>
/// The requests held open per device (Ping, later the hanging Sync): a device's newer request ends its older one
/// at once, so no two requests of one device wait at the same time (MS-ASCMD 3.1.5.10). Also ends every held
/// request when the server stops, so that devices reconnect elsewhere instead of timing out.
/// </summary>
public sealed class HeldRequests : IDisposable
{
    private readonly ConcurrentDictionary<long, Hold> _byDevice = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Requests held now.</summary>
    public int Count => _byDevice.Count;

    /// <summary>
    /// Registers the device's request, ending the one it held before. The returned hold's token is cancelled when a
    /// newer request of the device arrives or the server stops; dispose it when the request is answered.
    /// </summary>
    public Hold Begin(long deviceId)
    {
        var hold = new Hold(this, deviceId, _stopping.Token);
        _byDevice.AddOrUpdate(deviceId, hold, (_, older) =>
        {
            older.Supersede();
            return hold;
        });
        return hold;
    }

    /// <summary>Answers every held request now (shutdown).</summary>
    public void ReleaseAll() => _stopping.Cancel();

    /// <inheritdoc/>
    public void Dispose() => _stopping.Dispose();

    private void End(Hold hold) => _byDevice.TryRemove(new KeyValuePair<long, Hold>(hold.DeviceId, hold));

    /// <summary>One held request.</summary>
    public sealed class Hold : IDisposable
    {
        private readonly HeldRequests _owner;
        private readonly CancellationTokenSource _released;

        internal Hold(HeldRequests owner, long deviceId, CancellationToken stopping)
        {
            _owner = owner;
            DeviceId = deviceId;
            _released = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        }

        /// <summary>The device.</summary>
        public long DeviceId { get; }

        /// <summary>Cancelled when the request must be answered now (a newer request of the device, or shutdown).</summary>
        public CancellationToken Released => _released.Token;

        /// <summary>Whether a newer request of the device took over.</summary>
        public bool Superseded { get; private set; }

        /// <inheritdoc/>
        public void Dispose()
        {
            _owner.End(this);
            _released.Dispose();
        }

        internal void Supersede()
        {
            Superseded = true;
            try
            {
                _released.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Answered already.
            }
        }
    }
}
