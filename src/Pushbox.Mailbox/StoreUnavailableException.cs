namespace Pushbox.Mailbox;

/// <summary>
/// A store behind the ports failed in a way no caller can act on (unreachable, out of space, a schema
/// newer than this Pushbox). Callers answer "try again later" (HTTP 503, SMTP 451) and log it; it is
/// never the client's fault. Storage implementations derive their own exception from it.
/// </summary>
public class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the underlying failure as the cause.</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
