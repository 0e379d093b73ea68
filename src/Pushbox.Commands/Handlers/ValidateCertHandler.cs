using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Pushbox.Commands.Certificates;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.ValidateCert;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// ValidateCert (MS-ASCMD 2.2.1.20): each certificate of Certificates gets a status from <see cref="CertificateValidator"/>,
/// its chain built with the request's CertificateChain, revocation checked when CheckCRL is 1. A certificate that is not
/// base64 DER gets 10 (its information is missing or incorrect, R4499, R4500). A malformed body, or a CertificateChain
/// entry that is no certificate: the command status 2 (R4475, R4476). Chain building may fetch CRLs or OCSP answers
/// (CheckCRL 1 only), so it runs off the request thread.
/// </summary>
/// <remarks>
/// Status 12 ("the digital ID does not match the recipient's email address", MS-ASCMD 2.2.3.177.18) is never
/// answered: it compares a certificate with an address, and a ValidateCert request carries none (its only elements are
/// CertificateChain, Certificates/Certificate and CheckCRL, MS-ASCMD 2.2.1.22). Which address a certificate is checked
/// for is known to the client alone (the sender of the signed message it shows, or the recipient it encrypts to);
/// comparing with the authenticated user's own addresses would refuse every correspondent's certificate.
/// </remarks>
internal sealed partial class ValidateCertHandler(CertificateValidator validator, WbxmlLimits limits, ILogger<ValidateCertHandler> logger) : IEasCommandHandler
{
    public EasCommand Command => EasCommand.ValidateCert;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Respond(context, new ValidateCertResponse((ValidateCertStatus)status, []));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ValidateCertRequest request;
        try
        {
            request = ValidateCertRequestParser.Parse(body, limits);
        }
        catch (EasProtocolException e) when (e.Reason == EasProtocolError.MalformedBody)
        {
            LogRefused(context.UserId, e.Message);
            return Respond(context, new ValidateCertResponse(ValidateCertStatus.ProtocolError, []));
        }

        var chain = new List<X509Certificate2>(request.Chain.Count);
        try
        {
            foreach (string text in request.Chain)
            {
                if (CertificateValidator.Decode(text) is not { } intermediate)
                {
                    LogRefused(context.UserId, "a CertificateChain entry is not a certificate");
                    return Respond(context, new ValidateCertResponse(ValidateCertStatus.ProtocolError, []));
                }

                chain.Add(intermediate);
            }

            var statuses = new List<ValidateCertStatus>(request.Certificates.Count);
            foreach (string text in request.Certificates)
            {
                using X509Certificate2? certificate = CertificateValidator.Decode(text);
                statuses.Add(certificate is null
                    ? ValidateCertStatus.InfoMissing
                    : await Task.Run(() => validator.Validate(certificate, chain, request.CheckCrl), cancellationToken).ConfigureAwait(false));
            }

            if (logger.IsEnabled(LogLevel.Information))
            {
                string summary = string.Join(',', statuses.Select(s => (int)s));
                LogValidated(context.UserId, statuses.Count, summary);
            }
            return Respond(context, new ValidateCertResponse(ValidateCertStatus.Success, statuses));
        }
        finally
        {
            foreach (X509Certificate2 intermediate in chain)
            {
                intermediate.Dispose();
            }
        }
    }

    private static EasCommandResult Respond(EasRequestContext context, ValidateCertResponse response) =>
        EasCommandResult.Ok(writer => ValidateCertResponseWriter.Write(writer, response, context.Version));

    [LoggerMessage(EventId = 2621, Level = LogLevel.Information, Message = "ValidateCert by user {UserId} refused with status 2: {Reason}")]
    private partial void LogRefused(long userId, string reason);

    [LoggerMessage(EventId = 2622, Level = LogLevel.Information, Message = "ValidateCert by user {UserId}: {Count} certificate(s), statuses {Statuses}")]
    private partial void LogValidated(long userId, int count, string statuses);
}
