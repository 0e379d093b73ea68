namespace Pushbox.Mailbox.Items;

/// <summary>A device's change to an email's mutable state; null members stay as they are.</summary>
public sealed record EmailStateChange(bool? Read = null, EmailFlag? Flag = null, bool ClearFlag = false, IReadOnlyList<string>? Categories = null);
