namespace Pushbox.Mailbox.Delivery;

/// <summary>A recipient a message could not be delivered to, as a delivery-status notification names it.</summary>
/// <param name="Address">The recipient.</param>
/// <param name="StatusCode">The enhanced status code (RFC 3463), e.g. <c>5.2.2</c>.</param>
/// <param name="Reply">The reply in SMTP form, e.g. <c>552 5.2.2 Mailbox full</c>.</param>
public sealed record UndeliveredRecipient(string Address, string StatusCode, string Reply);
