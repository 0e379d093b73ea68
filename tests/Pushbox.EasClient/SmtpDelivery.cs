using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Pushbox.Testing.Eas;

/// <summary>Delivers test mail to a server's SMTP port on loopback, many messages over one connection.</summary>
public static class SmtpDelivery
{
    /// <summary>Sends every message of <paramref name="messages"/> (raw MIME) from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static async Task DeliverAsync(int port, string from, string to, IEnumerable<byte[]> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None, cancellationToken).ConfigureAwait(false);
        var sender = MailboxAddress.Parse(from);
        MailboxAddress[] recipients = [MailboxAddress.Parse(to)];
        foreach (byte[] raw in messages)
        {
            using var stream = new MemoryStream(raw, writable: false);
            using MimeMessage message = await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            await client.SendAsync(message, sender, recipients, cancellationToken).ConfigureAwait(false);
        }

        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends <paramref name="raw"/> byte for byte (dot-stuffed, nothing else touched) in one SMTP transaction over
    /// a plain socket, for messages a MIME library would repair on the way (bad charsets, 8-bit garbage, truncation).
    /// </summary>
    public static async Task DeliverRawAsync(int port, string from, string to, byte[] raw, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
        using System.Net.Sockets.NetworkStream stream = tcp.GetStream();
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1, false, 1024, leaveOpen: true);
        await ExpectAsync(reader, "220", cancellationToken).ConfigureAwait(false);
        foreach (string command in new[] { "EHLO test.invalid", $"MAIL FROM:<{from}>", $"RCPT TO:<{to}>", "DATA" })
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken).ConfigureAwait(false);
            await ExpectAsync(reader, command == "DATA" ? "354" : command.StartsWith("EHLO", StringComparison.Ordinal) ? "250" : "250", cancellationToken).ConfigureAwait(false);
        }

        using var body = new MemoryStream();
        bool lineStart = true;
        foreach (byte b in raw)
        {
            if (lineStart && b == (byte)'.')
            {
                body.WriteByte((byte)'.');
            }

            body.WriteByte(b);
            lineStart = b == (byte)'\n';
        }

        if (!lineStart)
        {
            body.Write("\r\n"u8);
        }

        body.Write(".\r\n"u8);
        await stream.WriteAsync(body.ToArray(), cancellationToken).ConfigureAwait(false);
        await ExpectAsync(reader, "250", cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync("QUIT\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExpectAsync(StreamReader reader, string code, CancellationToken cancellationToken)
    {
        while (true)
        {
            string line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new IOException("The SMTP server closed the connection.");
            if (!line.StartsWith(code, StringComparison.Ordinal))
            {
                throw new IOException($"SMTP: expected {code}, got: {line}");
            }

            if (line.Length < 4 || line[3] != '-')
            {
                return;
            }
        }
    }

    /// <summary>A simple text message with a numbered subject.</summary>
    public static byte[] TextMessage(string from, string to, string subject, string body, DateTimeOffset? date = null)
    {
        string text = $"From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {(date ?? DateTimeOffset.UtcNow).ToString("r", System.Globalization.CultureInfo.InvariantCulture)}\r\nMessage-ID: <{Guid.NewGuid():N}@test.invalid>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n";
        return System.Text.Encoding.UTF8.GetBytes(text);
    }
}
