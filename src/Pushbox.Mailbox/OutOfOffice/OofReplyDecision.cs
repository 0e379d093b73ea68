using Pushbox.Mailbox.Users;

namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>
/// Whether a message delivered to a user who is away gets an automatic reply, and which one (RFC 3834, MS-ASCMD
/// 2.2.3.123). Pure: the settings, the clock reading, the message's facts and who the sender is go in; the decision
/// comes out. The once-per-sender rule is the store's (<see cref="IUserSettingsStore.TryRecordOofReplyAsync"/>), checked
/// after a positive decision.
/// </summary>
/// <remarks>
/// No reply goes to the null reverse-path, to automatic mail (Auto-Submitted other than "no", X-Autoreply,
/// X-Autorespond, delivery and read reports), to list or bulk mail (List-* headers, Precedence bulk/list/junk), to a
/// sender who suppressed replies (X-Auto-Response-Suppress OOF or All), to system and no-reply addresses, to the user
/// themselves, or for a message the user is not in To or Cc of. The reply goes to the envelope sender, never to From
/// or Reply-To (RFC 3834 section 4). A sender is internal when they are a local user or write from one of the user's
/// own domains. Known external senders are those in the user's contacts; Pushbox has no contacts store yet, so every
/// outside sender is treated as unknown external.
/// </remarks>
public static class OofReplyDecision
{
    private static readonly string[] AutomatedLocalParts =
    [
        "mailer-daemon", "postmaster", "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply",
        "listserv", "majordomo", "bounce", "bounces", "nobody", "daemon",
    ];

    /// <summary>Decides about one message for one recipient user.</summary>
    /// <param name="settings">The user's Out of Office settings.</param>
    /// <param name="now">The time of delivery.</param>
    /// <param name="facts">The message.</param>
    /// <param name="userAddresses">The user's primary address and aliases, normalised.</param>
    /// <param name="senderIsLocalUser">Whether the envelope sender is an address of a local user.</param>
    public static OofDecision Decide(OofSettings settings, DateTimeOffset now, OofMessageFacts facts, IReadOnlyCollection<string> userAddresses, bool senderIsLocalUser)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(userAddresses);
        if (!settings.IsActiveAt(now))
        {
            return OofDecision.No(OofSkipReason.NotActive);
        }

        if (facts.ReversePath.Length == 0 || facts.ReversePath == "<>" || !EmailAddress.TryNormalize(facts.ReversePath.Trim('<', '>'), out string sender))
        {
            return OofDecision.No(OofSkipReason.NullReversePath);
        }

        if (facts.AutoSubmitted is { } autoSubmitted && !autoSubmitted.Split(';')[0].Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return OofDecision.No(OofSkipReason.AutoSubmitted);
        }

        if (facts.Precedence is { } precedence && precedence.Trim() is var p
            && (p.Equals("bulk", StringComparison.OrdinalIgnoreCase) || p.Equals("list", StringComparison.OrdinalIgnoreCase) || p.Equals("junk", StringComparison.OrdinalIgnoreCase)))
        {
            return OofDecision.No(OofSkipReason.BulkPrecedence);
        }

        if (facts.HasListHeaders)
        {
            return OofDecision.No(OofSkipReason.MailingList);
        }

        if (facts.AutoResponseSuppress is { } suppress
            && suppress.Split(',').Select(s => s.Trim()).Any(s => s.Equals("OOF", StringComparison.OrdinalIgnoreCase) || s.Equals("All", StringComparison.OrdinalIgnoreCase)))
        {
            return OofDecision.No(OofSkipReason.Suppressed);
        }

        if (facts.IsOtherAutomatic)
        {
            return OofDecision.No(OofSkipReason.OtherAutomatic);
        }

        if (IsAutomatedSender(sender))
        {
            return OofDecision.No(OofSkipReason.AutomatedSender);
        }

        if (userAddresses.Contains(sender, StringComparer.OrdinalIgnoreCase))
        {
            return OofDecision.No(OofSkipReason.OwnMessage);
        }

        if (!facts.Recipients.Any(r => userAddresses.Contains(Normalized(r), StringComparer.OrdinalIgnoreCase)))
        {
            return OofDecision.No(OofSkipReason.NotAddressedToUser);
        }

        OofAudienceKind audience = senderIsLocalUser || userAddresses.Any(a => SameDomain(a, sender))
            ? OofAudienceKind.Internal
            : OofAudienceKind.ExternalUnknown;
        OofReply reply = settings.For(audience);
        if (!reply.Enabled || string.IsNullOrWhiteSpace(reply.Message))
        {
            return OofDecision.No(OofSkipReason.AudienceDisabled, audience, sender);
        }

        return new OofDecision(null, audience, reply, sender);
    }

    /// <summary>Whether <paramref name="address"/> is a system or no-reply mailbox that must never get an automatic reply (RFC 3834 section 2).</summary>
    public static bool IsAutomatedSender(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        int at = address.LastIndexOf('@');
        string local = (at < 0 ? address : address[..at]).ToLowerInvariant();
        int plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            local = local[..plus];
        }

        return AutomatedLocalParts.Contains(local)
            || local.StartsWith("owner-", StringComparison.Ordinal)
            || local.EndsWith("-owner", StringComparison.Ordinal)
            || local.EndsWith("-request", StringComparison.Ordinal)
            || local.EndsWith("-bounces", StringComparison.Ordinal)
            || local.StartsWith("bounce-", StringComparison.Ordinal)
            || local.StartsWith("noreply", StringComparison.Ordinal)
            || local.StartsWith("no-reply", StringComparison.Ordinal)
            || local.StartsWith("donotreply", StringComparison.Ordinal);
    }

    private static string Normalized(string address) => EmailAddress.TryNormalize(address, out string normalized) ? normalized : address;

    private static bool SameDomain(string a, string b) =>
        a.AsSpan(a.LastIndexOf('@') + 1).Equals(b.AsSpan(b.LastIndexOf('@') + 1), StringComparison.OrdinalIgnoreCase);
}
