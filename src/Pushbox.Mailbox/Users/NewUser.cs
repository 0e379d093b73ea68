namespace Pushbox.Mailbox.Users;

/// <summary>A user to create: address (normalised by the store), display name, and the password already hashed by <see cref="PasswordHasher"/>.</summary>
public sealed record NewUser(string Address, string DisplayName, string PasswordHash);
