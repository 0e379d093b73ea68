namespace Pushbox.Mailbox.Users;

/// <summary>What signing in needs: the stored hash and the version that a cached verification must match.</summary>
public sealed record UserCredentials(long UserId, string Address, string PasswordHash, bool Enabled, long CredentialVersion);
