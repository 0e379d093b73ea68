namespace Pushbox.Protocol.Commands.ValidateCert;

/// <summary>A ValidateCert request (MS-ASCMD 2.2.1.20): the certificates to validate, intermediates to build their chains with, and whether to check revocation.</summary>
/// <param name="Certificates">The certificates to validate, as sent (base64 text of DER); each gets a status.</param>
/// <param name="Chain">Further certificates that may complete the chains (base64 text of DER).</param>
/// <param name="CheckCrl">CheckCRL 1: revocation is checked.</param>
public sealed record ValidateCertRequest(IReadOnlyList<string> Certificates, IReadOnlyList<string> Chain, bool CheckCrl);
