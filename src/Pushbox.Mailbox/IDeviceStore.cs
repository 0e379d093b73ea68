using Pushbox.Mailbox.Devices;

namespace Pushbox.Mailbox;

/// <summary>Devices and their per-collection synchronisation state.</summary>
public interface IDeviceStore
{
    /// <summary>The device of <paramref name="userId"/> with this DeviceId, created on first sight; records the request time, User-Agent and protocol version.</summary>
    Task<Device> TouchDeviceAsync(long userId, string deviceId, string deviceType, string userAgent, string protocolVersion, CancellationToken cancellationToken);

    /// <summary>The user's devices, most recently seen first.</summary>
    Task<IReadOnlyList<Device>> ListDevicesAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Sets a device's access state.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/> when there is no such device.</exception>
    Task SetAccessStateAsync(long deviceId, DeviceAccessState state, CancellationToken cancellationToken);

    /// <summary>Turns the device's protocol log on or off; the server sees it at the device's next request.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/> when there is no such device.</exception>
    Task SetProtocolLogAsync(long deviceId, bool enabled, CancellationToken cancellationToken);

    /// <summary>Deletes a device with all its state.</summary>
    Task<bool> DeleteDeviceAsync(long deviceId, CancellationToken cancellationToken);

    /// <summary>The state of one collection (a folder ServerId, or a name such as "hierarchy"), or null.</summary>
    Task<SyncStateRecord?> GetSyncStateAsync(long deviceId, string collectionId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores new state if the stored version is still <paramref name="expectedVersion"/> (0: there must be
    /// none). Returns the stored record, or null when another writer got there first.
    /// </summary>
    Task<SyncStateRecord?> TrySaveSyncStateAsync(long deviceId, string collectionId, long expectedVersion, int formatVersion, byte[] data, CancellationToken cancellationToken);

    /// <summary>Forgets the state of one collection, or of all the device's collections when <paramref name="collectionId"/> is null.</summary>
    Task DeleteSyncStateAsync(long deviceId, string? collectionId, CancellationToken cancellationToken);
}
