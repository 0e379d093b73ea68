using Pushbox.Protocol.Commands.ItemOperations;

namespace Pushbox.Commands.ItemOperations;

/// <summary>The media type sent for an attachment's bytes, in airsyncbase:ContentType and in GetAttachment's Content-Type header.</summary>
internal static class AttachmentContentType
{
    /// <summary>What an attachment whose type cannot be sent as it is goes out as.</summary>
    public const string Fallback = "application/octet-stream";

    /// <summary>
    /// <paramref name="mediaType"/> when it is printable ASCII of at most <see cref="ItemOperationsLimits.MaxContentTypeLength"/>
    /// characters, which both an HTTP header and the response element can carry; <see cref="Fallback"/> otherwise
    /// (MimeKit keeps whatever type a message declared).
    /// </summary>
    public static string Of(string? mediaType) =>
        mediaType is { Length: > 0 and <= ItemOperationsLimits.MaxContentTypeLength } && !mediaType.Any(c => c is <= ' ' or > '~')
            ? mediaType
            : Fallback;
}
