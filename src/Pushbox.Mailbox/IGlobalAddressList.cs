using Pushbox.Mailbox.Users;

namespace Pushbox.Mailbox;

/// <summary>
/// The global address list: every enabled user, their profile, picture and S/MIME certificates. A search
/// matches users whose display name, first or last name, alias or any address (primary or alias) has a
/// word starting with each word of the query (words as <see cref="Search.SearchText"/> makes them).
/// </summary>
public interface IGlobalAddressList
{
    /// <summary>Enabled users matching <paramref name="query"/>, by display name then address: <paramref name="take"/> after <paramref name="skip"/>, with the total.</summary>
    Task<GalSearchResult> SearchAsync(string query, int skip, int take, CancellationToken cancellationToken);

    /// <summary>One user's entry; null when there is no such user.</summary>
    Task<GalEntry?> GetEntryAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Replaces the user's profile.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.UserNotFound"/>.</exception>
    /// <exception cref="ArgumentException">A field is longer than <see cref="UserProfile.MaxFieldLength"/>.</exception>
    Task SetProfileAsync(long userId, UserProfile profile, CancellationToken cancellationToken);

    /// <summary>Sets (or with null removes) the user's picture.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.UserNotFound"/>.</exception>
    /// <exception cref="ArgumentException">The picture is empty, larger than <see cref="UserPicture.MaxBytes"/>, or not an image type.</exception>
    Task SetPictureAsync(long userId, UserPicture? picture, CancellationToken cancellationToken);

    /// <summary>The user's picture; null when they have none.</summary>
    Task<UserPicture?> GetPictureAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Adds an S/MIME certificate (DER); adding one already there changes nothing.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.UserNotFound"/>.</exception>
    /// <exception cref="ArgumentException">Not a certificate, too large, or the user has <see cref="UserCertificate.MaxPerUser"/> already.</exception>
    Task<UserCertificate> AddCertificateAsync(long userId, byte[] der, CancellationToken cancellationToken);

    /// <summary>Removes a certificate by thumbprint; false when the user had none such.</summary>
    Task<bool> RemoveCertificateAsync(long userId, string thumbprint, CancellationToken cancellationToken);

    /// <summary>The user's certificates, oldest first.</summary>
    Task<IReadOnlyList<UserCertificate>> GetCertificatesAsync(long userId, CancellationToken cancellationToken);
}
