using Microsoft.Extensions.Logging;

namespace Pushbox.Commands.Push;

/// <summary>
/// The requests held open per device (Ping and the hanging Sync): a device's newer request ends its older one
/// at once, so no two requests of one device wait at the same time (MS-ASCMD 3.1.5.10). Bounds how many are held
/// on this server and per user (<see cref="PingOptions.MaxHeldRequests"/>, <see cref="PingOptions.MaxHeldRequestsPerUser"/>):
/// past either a new hold is refused and the device told to come back later. Also ends every held request when
/// the server stops, so that devices reconnect elsewhere instead of timing out.
/// </summary>
public sealed partial class HeldRequests : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Hold> _byDevice = [];
    private readonly Dictionary<long, int> _perUser = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _maxHeld;
    private readonly int _maxPerUser;
    private readonly ILogger<HeldRequests> _logger;
    private int _count;

    /// <summary>Creates the registry with the limits of <paramref name="options"/>.</summary>
    public HeldRequests(PingOptions options, ILogger<HeldRequests> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _maxHeld = options.MaxHeldRequests;
        _maxPerUser = options.MaxHeldRequestsPerUser;
        RetryAfterSeconds = options.HeldRetryAfterSeconds;
        _logger = logger;
    }

    /// <summary>Seconds a device refused a hold is told to wait (503 Retry-After).</summary>
    public int RetryAfterSeconds { get; }

    /// <summary>Requests held now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Registers the device's request, ending the one it held before, and parks the request's
    /// <paramref name="slot"/> while it is held. Null when the server or the user holds as many requests as allowed
    /// (a device replacing its own held request is always let in). The returned hold's token is cancelled when a
    /// newer request of the device arrives or the server stops; dispose it when the request is answered.
    /// </summary>
    /// <param name="userId">The device's user.</param>
    /// <param name="deviceId">The device.</param>
    /// <param name="slot">The request's place among the active requests, or null when it has none.</param>
    public Hold? TryBegin(long userId, long deviceId, RequestSlot? slot)
    {
        Hold? older;
        Hold? hold = null;
        string? refused = null;
        lock (_gate)
        {
            if (_byDevice.TryGetValue(deviceId, out older))
            {
                DropLocked(older);
            }
            else if (_count >= _maxHeld || _perUser.GetValueOrDefault(userId) >= _maxPerUser)
            {
                refused = _count >= _maxHeld ? "the server" : "its user";
            }

            if (refused is null)
            {
                hold = new Hold(this, userId, deviceId, slot, _stopping.Token);
                _byDevice[deviceId] = hold;
                _perUser[userId] = _perUser.GetValueOrDefault(userId) + 1;
                _count++;
            }
        }

        if (hold is null)
        {
            LogRefused(deviceId, refused!, RetryAfterSeconds);
            return null;
        }

        older?.Supersede();
        slot?.Park();
        return hold;
    }

    /// <summary>Answers every held request now (shutdown).</summary>
    public void ReleaseAll() => _stopping.Cancel();

    /// <inheritdoc/>
    public void Dispose() => _stopping.Dispose();

    private void End(Hold hold)
    {
        lock (_gate)
        {
            if (_byDevice.TryGetValue(hold.DeviceId, out Hold? current) && ReferenceEquals(current, hold))
            {
                DropLocked(hold);
            }
        }
    }

    private void DropLocked(Hold hold)
    {
        _byDevice.Remove(hold.DeviceId);
        int left = _perUser[hold.UserId] - 1;
        if (left == 0)
        {
            _perUser.Remove(hold.UserId);
        }
        else
        {
            _perUser[hold.UserId] = left;
        }

        _count--;
    }

    [LoggerMessage(EventId = 2210, Level = LogLevel.Warning, Message = "Device {DeviceId} (store id) was refused a held request: {Whom} holds as many as allowed; answered 503, retry after {RetryAfter} s")]
    private partial void LogRefused(long deviceId, string whom, int retryAfter);

    /// <summary>One held request.</summary>
    public sealed class Hold : IDisposable
    {
        private readonly HeldRequests _owner;
        private readonly RequestSlot? _slot;
        private readonly CancellationTokenSource _released;

        internal Hold(HeldRequests owner, long userId, long deviceId, RequestSlot? slot, CancellationToken stopping)
        {
            _owner = owner;
            _slot = slot;
            UserId = userId;
            DeviceId = deviceId;
            _released = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        }

        /// <summary>The device's user.</summary>
        public long UserId { get; }

        /// <summary>The device.</summary>
        public long DeviceId { get; }

        /// <summary>Cancelled when the request must be answered now (a newer request of the device, or shutdown).</summary>
        public CancellationToken Released => _released.Token;

        /// <summary>Whether a newer request of the device took over.</summary>
        public bool Superseded { get; private set; }

        /// <summary>Ends the hold: the request takes its place among the active requests again to answer.</summary>
        public void Dispose()
        {
            _owner.End(this);
            _slot?.Resume();
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
