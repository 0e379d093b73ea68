namespace Pushbox.Protocol.Autodiscover;

/// <summary>An ActiveSync Autodiscover request (MS-ASCMD 2.2.1.1), as <see cref="AutodiscoverRequestParser"/> returns it.</summary>
/// <param name="EMailAddress">The SMTP address the client asks about, trimmed; not yet checked against any directory.</param>
/// <param name="AcceptableResponseSchema">
/// The schema the response must use, trimmed; the parser only returns requests whose value is
/// <see cref="AutodiscoverSchemas.MobileSyncResponse"/>.
/// </param>
public sealed record AutodiscoverRequest(string EMailAddress, string AcceptableResponseSchema);
