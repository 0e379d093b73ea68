namespace Pushbox.Mailbox.Users;

/// <summary>An S/MIME certificate of a user, as ResolveRecipients returns it.</summary>
/// <param name="Thumbprint">The SHA-1 thumbprint, upper-case hex (names it for removal).</param>
/// <param name="Data">The DER encoding.</param>
/// <param name="NotAfter">The end of its validity.</param>
public sealed record UserCertificate(string Thumbprint, byte[] Data, DateTimeOffset NotAfter)
{
    /// <summary>The largest certificate accepted, in bytes.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>The most certificates kept per user.</summary>
    public const int MaxPerUser = 16;
}
