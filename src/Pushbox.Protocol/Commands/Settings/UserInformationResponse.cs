namespace Pushbox.Protocol.Commands.Settings;

/// <summary>
/// The Get of a UserInformation response: the user's addresses. Protocol 12.x and 14.0 get them as
/// <c>EmailAddresses/SMTPAddress</c>; 14.1 and later as one <c>Accounts/Account</c> (the primary account, which has no
/// AccountId, MS-ASCMD_R729) with UserDisplayName and <c>EmailAddresses</c> holding every SMTPAddress and the
/// PrimarySmtpAddress (MS-ASCMD_R6502 to R6505).
/// </summary>
/// <param name="PrimarySmtpAddress">The primary address.</param>
/// <param name="SmtpAddresses">Every address of the user, the primary first (MS-ASCMD_R3681).</param>
/// <param name="UserDisplayName">The display name (at most 512 characters, MS-ASCMD_R4702); null or empty to leave it out.</param>
public sealed record UserInformationResponse(string PrimarySmtpAddress, IReadOnlyList<string> SmtpAddresses, string? UserDisplayName);
