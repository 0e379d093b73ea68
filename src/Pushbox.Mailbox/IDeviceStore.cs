using Pushbox.Mailbox.Devices;

namespace Pushbox.Mailbox;

/// <summary>Devices and their per-collection synchronisation state.</summary>
public interface IDeviceStore
{
    /// <summary>The device of <paramref name="userId"/> with this DeviceId, created on first sight; records the request time, User-Agent and protocol version.</summary>
    Task<Device> TouchDeviceAsync(long userId, string deviceId, string deviceType, string userAgent, string protocolVersion, CancellationToken cancellationToken);

    /// <summary>The user's devices, most recently seen first.</summary>
    Task<IReadOnlyList<Device>> ListDevicesAsync(long userId, CancellationToken cancellationToken);

    /// <summary>The device with this store id; null when there is none (removed).</summary>
    Task<Device?> GetDeviceAsync(long deviceId, CancellationToken cancellationToken);

    /// <summary>Every user's devices, by user and then most recently seen first.</summary>
    Task<IReadOnlyList<Device>> ListAllDevicesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records the administrator's decision for one device (null: none, the rules and the default decide), which
    /// takes precedence over the access rules. Also clears a wipe the device completed, so that an allowed wiped
    /// device may start over. Held requests of the user are woken so the decision reaches a device waiting in a Ping.
    /// </summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/> when there is no such device.</exception>
    Task SetAccessOverrideAsync(long deviceId, DeviceAccessState? state, CancellationToken cancellationToken);

    /// <summary>
    /// Records the access the server decided for the device at a request, when it changed; with
    /// <paramref name="forgetSyncState"/> also forgets all its synchronisation state in the same transaction (a
    /// device let out of quarantine starts over).
    /// </summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/> when there is no such device.</exception>
    Task SetAccessStateAsync(long deviceId, DeviceAccessState state, bool forgetSyncState, CancellationToken cancellationToken);

    /// <summary>
    /// Orders a remote wipe of the device, replacing any earlier one (its sent and acknowledged times are cleared):
    /// the device is sent the directive at its next request. Held requests of the user are woken.
    /// </summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/> when there is no such device.</exception>
    Task RequestWipeAsync(long deviceId, RemoteWipeKind kind, CancellationToken cancellationToken);

    /// <summary>Records that the wipe directive was just sent to the device; false, changing nothing, when no wipe is outstanding.</summary>
    Task<bool> MarkWipeSentAsync(long deviceId, CancellationToken cancellationToken);

    /// <summary>
    /// Records the device's acknowledgement of its <paramref name="kind"/> wipe with its status and time; false,
    /// changing nothing, when no wipe of that kind was ordered (an acknowledgement nobody asked for).
    /// </summary>
    Task<bool> RecordWipeAcknowledgementAsync(long deviceId, RemoteWipeKind kind, int status, CancellationToken cancellationToken);

    /// <summary>Forgets the device's wipe; false when it had none.</summary>
    Task<bool> ClearWipeAsync(long deviceId, CancellationToken cancellationToken);

    /// <summary>The organisation's default access level and device access rules, in one read.</summary>
    Task<DeviceAccessRules> GetAccessRulesAsync(CancellationToken cancellationToken);

    /// <summary>Sets the access level of devices that no per-device decision or rule covers.</summary>
    Task SetDefaultAccessAsync(DeviceAccessState access, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a rule, or changes the access level of the rule with the same characteristic and pattern (in any case).
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is empty, only <c>*</c>, or longer than <see cref="DeviceAccessRule.MaxPatternLength"/>.</exception>
    Task<DeviceAccessRule> SaveAccessRuleAsync(DeviceCharacteristic characteristic, string pattern, DeviceAccessState access, CancellationToken cancellationToken);

    /// <summary>Removes a rule; false when there is none with this id.</summary>
    Task<bool> RemoveAccessRuleAsync(long ruleId, CancellationToken cancellationToken);

    /// <summary>Turns the device's protocol log on or off; the server sees it at the device's next request.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/> when there is no such device.</exception>
    Task SetProtocolLogAsync(long deviceId, bool enabled, CancellationToken cancellationToken);

    /// <summary>
    /// Records the temporary policy key just sent in a Provision download, replacing any earlier one. The
    /// confirmed key is left alone: it stays what the device holds until <see cref="ConfirmPolicyKeyAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="key"/> is 0, which a device sends when it holds no key.</exception>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/> when there is no such device.</exception>
    Task SetPendingPolicyKeyAsync(long deviceId, uint key, CancellationToken cancellationToken);

    /// <summary>
    /// The acknowledgement step of provisioning, as one compare-and-set: when the device's pending key is
    /// still <paramref name="expectedPendingKey"/>, makes <paramref name="newKey"/> its confirmed key for
    /// policy <paramref name="policyId"/> at <paramref name="policyVersion"/> and clears the pending key.
    /// Returns false, changing nothing, when the pending key differs (never issued, already used, or
    /// replaced by a newer download): the device must start provisioning again.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A key is 0.</exception>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/> when there is no such device; <see cref="MailboxErrorReason.PolicyNotFound"/> when there is no policy <paramref name="policyId"/>.</exception>
    Task<bool> ConfirmPolicyKeyAsync(long deviceId, uint expectedPendingKey, uint newKey, long policyId, long policyVersion, CancellationToken cancellationToken);

    /// <summary>Forgets the pending and confirmed policy keys and the policy they were for: the device's next command is told to provision.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/> when there is no such device.</exception>
    Task ClearPolicyKeysAsync(long deviceId, CancellationToken cancellationToken);

    /// <summary>Replaces everything recorded from the device's Settings:DeviceInformation (an absent field is stored as null).</summary>
    /// <exception cref="ArgumentException">A field is longer than <see cref="DeviceInformation.MaxFieldLength"/>.</exception>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/> when there is no such device.</exception>
    Task SetDeviceInformationAsync(long deviceId, DeviceInformation information, CancellationToken cancellationToken);

    /// <summary>Deletes a device with all its state (sync state, policy keys, wipe, access decision): at its next contact it starts over as a new device. Held requests of the user are woken.</summary>
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
