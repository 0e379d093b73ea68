using MailKit.Net.Smtp;
using MimeKit;

namespace Pushbox.Smtp.Relay;

/// <summary>
/// MailKit's client, told not to give up on the whole message when the relay refuses one recipient: the
/// refusals are collected per recipient and the message goes to those it accepted.
/// </summary>
internal sealed class RelaySmtpClient : SmtpClient
{
    private readonly List<(string Address, SmtpResponse Response)> _refused = [];

    /// <summary>The recipients refused at RCPT TO in the last send, with the relay's reply.</summary>
    public IReadOnlyList<(string Address, SmtpResponse Response)> Refused => _refused;

    /// <summary>Forgets the refusals of the previous send.</summary>
    public void ResetRefusals() => _refused.Clear();

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        _refused.Add((mailbox.Address, response));
}
