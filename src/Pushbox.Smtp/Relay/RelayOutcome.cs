namespace Pushbox.Smtp.Relay;

/// <summary>What the relay said about one recipient of one attempt.</summary>
/// <param name="Recipient">The recipient.</param>
/// <param name="Kind">Accepted, to retry, or failed for good.</param>
/// <param name="Reply">The relay's reply (code and text) or the connection error; empty when accepted.</param>
/// <param name="StatusCode">The enhanced status code for a notification (RFC 3463), e.g. "5.1.1" or "4.4.1".</param>
internal sealed record RelayOutcome(string Recipient, RelayOutcomeKind Kind, string Reply, string StatusCode);
