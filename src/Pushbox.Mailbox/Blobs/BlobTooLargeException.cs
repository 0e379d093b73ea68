namespace Pushbox.Mailbox.Blobs;

/// <summary>Content exceeded the length its writer allowed; nothing was stored.</summary>
public sealed class BlobTooLargeException : Exception
{
    /// <summary>Creates the exception for <paramref name="maxLength"/>.</summary>
    public BlobTooLargeException(long maxLength)
        : base($"The content is larger than the limit of {maxLength} bytes.")
    {
        MaxLength = maxLength;
    }

    /// <summary>The limit that was exceeded.</summary>
    public long MaxLength { get; }
}
