namespace Pushbox.Mailbox.Quotas;

/// <summary>
/// The server-wide default mailbox limits (configuration section <c>Quota</c>): <c>WarningSize</c>,
/// <c>ProhibitSendSize</c>, <c>ProhibitSendReceiveSize</c>, each a size such as <c>1.9GB</c> or <c>unlimited</c>
/// (the default of all three, so that an existing server changes nothing until configured). A user's own limits
/// (<c>pushbox user set</c>) override these one by one.
/// </summary>
public sealed class QuotaOptions
{
    /// <summary>The size past which a user is warned once; default <c>unlimited</c>.</summary>
    public string WarningSize { get; set; } = "unlimited";

    /// <summary>The size past which a user can no longer send; default <c>unlimited</c>.</summary>
    public string ProhibitSendSize { get; set; } = "unlimited";

    /// <summary>The size past which a mailbox refuses incoming mail too; default <c>unlimited</c>.</summary>
    public string ProhibitSendReceiveSize { get; set; } = "unlimited";

    /// <summary>The three limits parsed; call <see cref="Validate"/> first.</summary>
    /// <exception cref="InvalidOperationException">A value does not parse.</exception>
    public UserQuota Defaults => new(Parse(WarningSize, nameof(WarningSize)), Parse(ProhibitSendSize, nameof(ProhibitSendSize)), Parse(ProhibitSendReceiveSize, nameof(ProhibitSendReceiveSize)));

    /// <summary>The problems with these settings; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach ((string name, string value) in new[] { (nameof(WarningSize), WarningSize), (nameof(ProhibitSendSize), ProhibitSendSize), (nameof(ProhibitSendReceiveSize), ProhibitSendReceiveSize) })
        {
            if (!QuotaLimit.TryParse(value, out QuotaLimit limit) || limit.IsDefault)
            {
                errors.Add($"Quota:{name} must be a size such as 500MB or 2GB, or 'unlimited' (was '{value}').");
            }
        }

        return errors;
    }

    private static QuotaLimit Parse(string value, string name) =>
        QuotaLimit.TryParse(value, out QuotaLimit limit) && !limit.IsDefault
            ? limit
            : throw new InvalidOperationException($"Quota:{name} is not a size: '{value}'.");
}
