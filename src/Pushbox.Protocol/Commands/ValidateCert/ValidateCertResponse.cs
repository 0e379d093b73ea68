namespace Pushbox.Protocol.Commands.ValidateCert;

/// <summary>A ValidateCert response: the command's status and one status per certificate, in request order.</summary>
public sealed record ValidateCertResponse(ValidateCertStatus Status, IReadOnlyList<ValidateCertStatus> Certificates);
