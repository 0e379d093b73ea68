namespace Pushbox.Storage;

/// <summary>
/// The database failed in a way no caller can act on (unreachable, out of space, a schema newer than
/// this Pushbox). The message names the database but never a password; the provider's own exception,
/// when there is one, is the inner exception, for logs only. Business refusals are
/// <see cref="Mailbox.MailboxException"/>, never this.
/// </summary>
public sealed class StorageException : Mailbox.StoreUnavailableException
{
    /// <summary>Creates the exception.</summary>
    public StorageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the provider's exception as the cause.</summary>
    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
