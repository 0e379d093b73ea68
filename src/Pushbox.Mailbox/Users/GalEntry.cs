namespace Pushbox.Mailbox.Users;

/// <summary>A user as the global address list shows them (GAL Search, ResolveRecipients, Find).</summary>
/// <param name="UserId">The user.</param>
/// <param name="Address">The primary address.</param>
/// <param name="DisplayName">The display name; may be empty.</param>
/// <param name="Profile">The further fields.</param>
/// <param name="PictureSize">The picture's size in bytes; null when the user has none.</param>
public sealed record GalEntry(long UserId, string Address, string DisplayName, UserProfile Profile, int? PictureSize);
