using Pushbox.Protocol.Commands.Search;

namespace Pushbox.Protocol.Commands.ResolveRecipients;

/// <summary>One Recipient of a response (Type 1: from the GAL).</summary>
/// <param name="DisplayName">The display name.</param>
/// <param name="EmailAddress">The primary address.</param>
/// <param name="Availability">The Availability status; null when not asked.</param>
/// <param name="Certificates">The Certificates answer; null when not asked or not given (ambiguous answers).</param>
/// <param name="Picture">The Picture answer; null when not asked.</param>
public sealed record ResolvedRecipient(string DisplayName, string EmailAddress, ResolveRecipientsStatus? Availability, RecipientCertificates? Certificates, GalPicture? Picture);
