using Pushbox.Mailbox.Policies;

namespace Pushbox.Mailbox;

/// <summary>
/// Provisioning policies and which user gets which. Names are trimmed and matched case-insensitively.
/// A user's effective policy is the one assigned to them, else the default, else none (the device need
/// not provision). Every change is visible at once to every process sharing the store.
/// </summary>
public interface IPolicyStore
{
    /// <summary>All policies, ordered by name.</summary>
    Task<IReadOnlyList<Policy>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The policy named <paramref name="name"/> in any case; null when there is none.</summary>
    Task<Policy?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the policy (version 1, not the default) or replaces the settings of the one with this name
    /// in any case, advancing its <see cref="Policy.Version"/> even when nothing changed; the stored name
    /// takes the spelling given. <paramref name="settingsJson"/> is stored as given, unread.
    /// </summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.InvalidPolicyName"/>: empty or longer than <see cref="Policy.MaxNameLength"/>.</exception>
    Task<Policy> SaveAsync(string name, string settingsJson, bool allowNonProvisionableDevices, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the named policy the default, and no other; null leaves no default. Does not change any
    /// policy's <see cref="Policy.Version"/>: devices see the change because their confirmed policy id differs.
    /// </summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.PolicyNotFound"/>; <see cref="MailboxErrorReason.Conflict"/> when another writer set a default at the same moment.</exception>
    Task SetDefaultAsync(string? name, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the policy; false when there is none of that name. Devices confirmed against it lose
    /// their policy id and must provision again.
    /// </summary>
    /// <exception cref="MailboxException">
    /// <see cref="MailboxErrorReason.PolicyInUse"/> while it is assigned to a user or is the default
    /// (deleting it would silently leave those users' devices under a weaker policy or none).
    /// </exception>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>Assigns the named policy to the user; null removes the assignment so that the default applies.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.UserNotFound"/> or <see cref="MailboxErrorReason.PolicyNotFound"/>.</exception>
    Task AssignAsync(long userId, string? name, CancellationToken cancellationToken);

    /// <summary>The policy assigned to the user, else the default policy, else null. One read.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.UserNotFound"/>.</exception>
    Task<Policy?> GetEffectiveAsync(long userId, CancellationToken cancellationToken);
}
