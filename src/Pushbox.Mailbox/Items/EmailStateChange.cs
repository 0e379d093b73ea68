namespace Pushbox.Mailbox.Items;

/// <summary>
/// A change to an email's mutable state (by a device, or by a reply or forward sent from it); null members stay
/// as they are. <paramref name="LastVerb"/> and <paramref name="LastVerbAt"/> go together.
/// </summary>
public sealed record EmailStateChange(bool? Read = null, EmailFlag? Flag = null, bool ClearFlag = false, IReadOnlyList<string>? Categories = null, EmailLastVerb? LastVerb = null, DateTimeOffset? LastVerbAt = null);
