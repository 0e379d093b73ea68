using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using Tags = Pushbox.Wbxml.EasCodePages.ValidateCertTags;

namespace Pushbox.Protocol.Commands.ValidateCert;

/// <summary>
/// Reads a ValidateCert request body (MS-ASCMD 2.2.1.20): CertificateChain (optional) and Certificates each holding
/// Certificate elements (base64 text, or opaque bytes, which are taken as the DER itself and re-encoded), and CheckCRL
/// (0 or 1). Pure. At most <see cref="MaxCertificates"/> certificates in each list, each at most
/// <see cref="MaxCertificateLength"/> characters; no Certificates: malformed.
/// </summary>
public static class ValidateCertRequestParser
{
    /// <summary>The most certificates in each of the two lists.</summary>
    public const int MaxCertificates = 32;

    /// <summary>The longest certificate, in base64 characters (48 KiB of DER).</summary>
    public const int MaxCertificateLength = 65536;

    /// <summary>Parses a request body.</summary>
    /// <exception cref="EasProtocolException"><see cref="EasProtocolError.MalformedBody"/> or <see cref="EasProtocolError.BodyTooLarge"/>.</exception>
    public static ValidateCertRequest Parse(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Guard(() => ParseCore(body, limits));
    }

    private static ValidateCertRequest ParseCore(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.ValidateCert);
        List<string>? certificates = null;
        List<string>? chain = null;
        int? checkCrl = null;
        while (NextChild(reader, 1))
        {
            switch (reader.Tag)
            {
                case Tags.Certificates:
                    RequireFirst(certificates, reader);
                    certificates = ReadList(reader);
                    break;
                case Tags.CertificateChain:
                    RequireFirst(chain, reader);
                    chain = ReadList(reader);
                    break;
                case Tags.CheckCRL:
                    RequireFirst(checkCrl, reader);
                    checkCrl = ReadUnsigned(reader, 1);
                    break;
                default:
                    throw Malformed($"{EasCodePages.Describe(reader.Tag)} is not allowed in ValidateCert", reader.TokenOffset);
            }
        }

        Finish(reader);
        return certificates is { Count: > 0 }
            ? new ValidateCertRequest(certificates, chain ?? [], checkCrl == 1)
            : throw Malformed("The ValidateCert request has no Certificates/Certificate");
    }

    private static List<string> ReadList(WbxmlReader reader)
    {
        var list = new List<string>();
        while (NextChild(reader, 2))
        {
            if (reader.Tag != Tags.Certificate)
            {
                throw Malformed($"{EasCodePages.Describe(reader.Tag)} is not allowed in a certificate list", reader.TokenOffset);
            }

            if (list.Count == MaxCertificates)
            {
                throw Malformed($"A certificate list holds more than {MaxCertificates} certificates", reader.TokenOffset);
            }

            list.Add(ReadString(reader, MaxCertificateLength));
        }

        return list;
    }
}
