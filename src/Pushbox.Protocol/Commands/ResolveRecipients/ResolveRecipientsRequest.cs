using Pushbox.Protocol.Commands.Search;

namespace Pushbox.Protocol.Commands.ResolveRecipients;

/// <summary>A ResolveRecipients request (MS-ASCMD 2.2.1.15).</summary>
/// <param name="To">The names or addresses to resolve, in order.</param>
/// <param name="CertificateRetrieval">Which certificates to return.</param>
/// <param name="MaxCertificates">The most certificates in the whole response; null: no limit.</param>
/// <param name="MaxAmbiguousRecipients">The most suggestions per ambiguous To; null: the server's default.</param>
/// <param name="Availability">The free/busy window asked for (14.0+); null: none.</param>
/// <param name="Picture">The pictures asked for (14.1+); null: none.</param>
public sealed record ResolveRecipientsRequest(
    IReadOnlyList<string> To,
    CertificateRetrieval CertificateRetrieval,
    int? MaxCertificates,
    int? MaxAmbiguousRecipients,
    (DateTimeOffset Start, DateTimeOffset End)? Availability,
    SearchPictureOptions? Picture);
