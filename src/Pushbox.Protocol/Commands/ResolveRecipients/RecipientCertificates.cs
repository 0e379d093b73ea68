namespace Pushbox.Protocol.Commands.ResolveRecipients;

/// <summary>The Certificates of a recipient: a status, how many the recipient has, and the DER certificates returned.</summary>
public sealed record RecipientCertificates(ResolveRecipientsStatus Status, int CertificateCount, IReadOnlyList<byte[]> Certificates);
