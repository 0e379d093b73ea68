using Pushbox.Mailbox.OutOfOffice;

namespace Pushbox.Mailbox;

/// <summary>
/// What users and devices set through the Settings command besides device information: Out of Office settings with the
/// record of whom a reply went to, and devices' recovery passwords.
/// </summary>
public interface IUserSettingsStore
{
    /// <summary>The user's Out of Office settings; <see cref="OofSettings.Off"/> when never set.</summary>
    Task<OofSettings> GetOofAsync(long userId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the user's Out of Office settings and starts a new generation, forgetting whom replies went to: after a
    /// change every sender may get one reply again. Returns the settings as stored, with their <see cref="OofSettings.Generation"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The settings are inconsistent (<see cref="OofSettings.Validate"/>).</exception>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.UserNotFound"/>.</exception>
    Task<OofSettings> SetOofAsync(long userId, OofSettings settings, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a reply goes to <paramref name="senderAddress"/> (compared case-insensitively) in generation
    /// <paramref name="generation"/> of the user's settings. True exactly once per sender and generation, for the first
    /// caller, across processes; false also when <paramref name="generation"/> is no longer current (the settings changed
    /// meanwhile).
    /// </summary>
    Task<bool> TryRecordOofReplyAsync(long userId, long generation, string senderAddress, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the device's recovery password (MS-ASCMD 2.2.3.132.3), encrypted at rest, or clears it when
    /// <paramref name="password"/> is empty.
    /// </summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/> when there is no such device.</exception>
    Task SetRecoveryPasswordAsync(long deviceId, string password, CancellationToken cancellationToken);

    /// <summary>The device's recovery password, decrypted, for an administrator to give to the user; null when none is stored.</summary>
    Task<string?> GetRecoveryPasswordAsync(long deviceId, CancellationToken cancellationToken);
}
