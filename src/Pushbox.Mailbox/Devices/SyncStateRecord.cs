namespace Pushbox.Mailbox.Devices;

/// <summary>
/// A device's synchronisation state for one collection, opaque to the store. <see cref="Version"/> is
/// the store's optimistic-concurrency counter (two requests of one device on two servers cannot both
/// win); <see cref="FormatVersion"/> is the writer's schema version of <see cref="Data"/>, so that an
/// upgraded server can read or deliberately discard older state.
/// </summary>
public sealed record SyncStateRecord(long Version, int FormatVersion, byte[] Data, DateTimeOffset UpdatedAt);
