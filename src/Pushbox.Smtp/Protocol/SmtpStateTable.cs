using System.Collections.Frozen;

namespace Pushbox.Smtp.Protocol;

/// <summary>
/// Which command is valid in which protocol and state, and what a client hears when it sends one out
/// of turn (<c>503 5.5.1</c>). The session consults it before running any command; transitions are
/// made by the handlers (EHLO → Greeted, MAIL → HasSender, RCPT → HasRecipients, DATA/RSET → Greeted,
/// STARTTLS → Connected).
/// </summary>
internal static class SmtpStateTable
{
    private static readonly FrozenDictionary<SmtpVerb, Rule> Rules = new Dictionary<SmtpVerb, Rule>
    {
        [SmtpVerb.Helo] = new(ListenerProtocol.Smtp, SessionState.Any, string.Empty),
        [SmtpVerb.Ehlo] = new(ListenerProtocol.Smtp, SessionState.Any, string.Empty),
        [SmtpVerb.Lhlo] = new(ListenerProtocol.Lmtp, SessionState.Any, string.Empty),
        [SmtpVerb.StartTls] = new(ListenerProtocol.Both, SessionState.Greeted, "Send EHLO first, and STARTTLS outside a transaction"),
        [SmtpVerb.Mail] = new(ListenerProtocol.Both, SessionState.Greeted, "Send EHLO first; one MAIL per transaction"),
        [SmtpVerb.Rcpt] = new(ListenerProtocol.Both, SessionState.HasSender | SessionState.HasRecipients, "Need MAIL before RCPT"),
        [SmtpVerb.Data] = new(ListenerProtocol.Both, SessionState.HasRecipients, "Need MAIL and RCPT before DATA"),
        [SmtpVerb.Rset] = new(ListenerProtocol.Both, SessionState.Any, string.Empty),
        [SmtpVerb.Noop] = new(ListenerProtocol.Both, SessionState.Any, string.Empty),
        [SmtpVerb.Quit] = new(ListenerProtocol.Both, SessionState.Any, string.Empty),
        [SmtpVerb.Vrfy] = new(ListenerProtocol.Both, SessionState.Any, string.Empty),
        [SmtpVerb.Help] = new(ListenerProtocol.Both, SessionState.Any, string.Empty),
        [SmtpVerb.NotImplemented] = new(ListenerProtocol.Both, SessionState.Any, string.Empty),
    }.ToFrozenDictionary();

    /// <summary>Whether <paramref name="verb"/> is a command of <paramref name="protocol"/> (HELO/EHLO are not LMTP's, LHLO is not SMTP's).</summary>
    public static bool IsCommandOf(SmtpVerb verb, ListenerProtocol protocol) =>
        Rules.TryGetValue(verb, out Rule rule) && (rule.Protocols & protocol) != 0;

    /// <summary>Whether <paramref name="verb"/> may be sent in <paramref name="state"/>; when not, <paramref name="hint"/> says what is missing.</summary>
    public static bool IsAllowed(SmtpVerb verb, SessionState state, out string hint)
    {
        Rule rule = Rules[verb];
        hint = rule.OutOfSequence;
        return (rule.States & state) != 0;
    }

    private readonly record struct Rule(ListenerProtocol Protocols, SessionState States, string OutOfSequence);
}
