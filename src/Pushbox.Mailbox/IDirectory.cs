using Pushbox.Mailbox.Quotas;
using Pushbox.Mailbox.Users;

namespace Pushbox.Mailbox;

/// <summary>
/// The users of this Pushbox: who exists, under which addresses, and their credentials. Addresses are
/// matched case-insensitively and are unique across primary addresses and aliases. Every change is
/// visible at once to every process sharing the store.
/// </summary>
public interface IDirectory
{
    /// <summary>Creates a user with the standard folders, in one transaction.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.InvalidAddress"/> or <see cref="MailboxErrorReason.AddressInUse"/>.</exception>
    Task<User> CreateUserAsync(NewUser user, CancellationToken cancellationToken);

    /// <summary>Finds the user owning <paramref name="address"/> as primary address or alias; null when none does.</summary>
    Task<User?> FindUserAsync(string address, CancellationToken cancellationToken);

    /// <summary>Gets a user by identifier; null when it does not exist.</summary>
    Task<User?> GetUserAsync(long userId, CancellationToken cancellationToken);

    /// <summary>All users, ordered by primary address.</summary>
    Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken cancellationToken);

    /// <summary>The credentials of the user owning <paramref name="address"/> (primary or alias); null when none does.</summary>
    Task<UserCredentials?> FindCredentialsAsync(string address, CancellationToken cancellationToken);

    /// <summary>Replaces the password hash and advances <see cref="User.CredentialVersion"/>.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.UserNotFound"/>.</exception>
    Task SetPasswordHashAsync(long userId, string passwordHash, CancellationToken cancellationToken);

    /// <summary>Enables or disables sign-in and advances <see cref="User.CredentialVersion"/>.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.UserNotFound"/>.</exception>
    Task SetEnabledAsync(long userId, bool enabled, CancellationToken cancellationToken);

    /// <summary>Sets the display name.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.UserNotFound"/>.</exception>
    Task SetDisplayNameAsync(long userId, string displayName, CancellationToken cancellationToken);

    /// <summary>Sets the user's own mailbox limits (<see cref="QuotaLimit.Default"/>: the server default for that limit).</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.UserNotFound"/>.</exception>
    Task SetQuotaAsync(long userId, UserQuota quota, CancellationToken cancellationToken);

    /// <summary>Adds an alias.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.InvalidAddress"/>, <see cref="MailboxErrorReason.AddressInUse"/> or <see cref="MailboxErrorReason.UserNotFound"/>.</exception>
    Task AddAliasAsync(long userId, string aliasAddress, CancellationToken cancellationToken);

    /// <summary>Removes an alias; false when the user had no such alias.</summary>
    Task<bool> RemoveAliasAsync(long userId, string aliasAddress, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the user with everything that belongs to them (folders, items, change log, devices,
    /// sync state) in one transaction. Content blobs no longer referenced go at the next garbage collection.
    /// </summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.UserNotFound"/>.</exception>
    Task DeleteUserAsync(long userId, CancellationToken cancellationToken);
}
