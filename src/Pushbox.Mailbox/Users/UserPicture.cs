namespace Pushbox.Mailbox.Users;

/// <summary>A user's picture: an image of at most <see cref="MaxBytes"/> bytes.</summary>
/// <param name="ContentType">The image's media type (image/jpeg, image/png or image/gif).</param>
/// <param name="Data">The image bytes.</param>
public sealed record UserPicture(string ContentType, byte[] Data)
{
    /// <summary>The largest picture stored: 100 KiB, as Exchange's thumbnail photo limit.</summary>
    public const int MaxBytes = 100 * 1024;
}
