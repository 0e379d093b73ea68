namespace Pushbox.Mailbox.Users;

/// <summary>A mailbox owner.</summary>
/// <param name="Id">Store-assigned identifier.</param>
/// <param name="Address">The primary address, normalised (<see cref="EmailAddress"/>).</param>
/// <param name="DisplayName">The name shown to others; may be empty.</param>
/// <param name="Enabled">Disabled users cannot sign in; their mail is still accepted.</param>
/// <param name="Aliases">Further addresses that deliver to this mailbox, normalised.</param>
/// <param name="CredentialVersion">Changes whenever the password or the enabled flag changes; a cached verification is valid only for the version it saw.</param>
/// <param name="CreatedAt">When the user was added.</param>
public sealed record User(
    long Id,
    string Address,
    string DisplayName,
    bool Enabled,
    IReadOnlyList<string> Aliases,
    long CredentialVersion,
    DateTimeOffset CreatedAt);
