using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Pushbox.Smtp;

/// <summary>
/// Where and how Pushbox takes mail in. SMTP listens on <see cref="Endpoints"/> (default
/// <c>0.0.0.0:2525</c>); LMTP only on the <see cref="LmtpEndpoints"/> configured (none by default). An
/// endpoint is an <see cref="IPEndPoint"/> (port 0 picks a free port; see
/// <see cref="SmtpIntakeService.SmtpEndPoints"/>) or a <see cref="UnixDomainSocketEndPoint"/>.
/// <see cref="Validate"/> runs when the service is added and again when it starts.
/// </summary>
public sealed class SmtpOptions
{
    /// <summary>The SMTP port used when none is configured: unprivileged, so no root is needed; forward 25 to it.</summary>
    public const int DefaultPort = 2525;

    /// <summary>The SMTP listeners. Defaults to <c>0.0.0.0:2525</c>; may be emptied when only LMTP is wanted.</summary>
    public IList<EndPoint> Endpoints { get; } = [new IPEndPoint(IPAddress.Any, DefaultPort)];

    /// <summary>The LMTP listeners (RFC 2033), for a local MTA handing mail over; none by default. Never expose LMTP to the internet.</summary>
    public IList<EndPoint> LmtpEndpoints { get; } = [];

    /// <summary>
    /// The host name Pushbox gives in its greeting, its EHLO reply and the <c>Received:</c> header it
    /// adds. Defaults to the machine's host name; set it to the name the MX record points at.
    /// </summary>
    public string ServerName { get; set; } = Dns.GetHostName();

    /// <summary>
    /// The mailbox that receives mail for the bare <c>&lt;Postmaster&gt;</c> recipient, which RFC 5321
    /// §4.5.1 requires every server to accept. When null, <c>RCPT TO:&lt;Postmaster&gt;</c> is refused
    /// like any unknown address. Mail to <c>postmaster@</c> a local domain needs no setting: create the
    /// address or alias in the directory.
    /// </summary>
    public string? PostmasterAddress { get; set; }

    /// <summary>
    /// The certificate (with its private key) offered after <c>STARTTLS</c>. When null, STARTTLS is
    /// neither advertised nor accepted. The caller owns it and keeps it alive while the service runs.
    /// </summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// How long stopping waits for sessions in the middle of a message to finish (sessions waiting for
    /// a command are closed at once with <c>421 4.3.2</c>); after it, or when the host's own shutdown
    /// timeout ends first, the rest are cut off without a reply, so their senders retry. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The per-session limits.</summary>
    public SmtpLimits Limits { get; } = new();

    /// <summary>
    /// Parses an endpoint as configuration writes it: <c>0.0.0.0:2525</c>, <c>[::1]:24</c> (an IP
    /// literal and a port; no host names) or <c>unix:/run/pushbox/lmtp.sock</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is neither form.</exception>
    public static EndPoint ParseEndPoint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            string path = trimmed["unix:".Length..];
            if (path.Length == 0 || !Path.IsPathFullyQualified(path))
            {
                throw new FormatException($"'{text}' needs an absolute socket path after 'unix:'.");
            }

            return new UnixDomainSocketEndPoint(path);
        }

        if (!IPEndPoint.TryParse(trimmed, out IPEndPoint? endPoint) || (endPoint.Port == 0 && !trimmed.EndsWith(":0", StringComparison.Ordinal)))
        {
            throw new FormatException($"'{text}' is not an endpoint: expected an IP address and port such as 0.0.0.0:2525 or [::1]:24, or unix:/absolute/path.");
        }

        return endPoint;
    }

    /// <summary>Checks the options as a whole (each limit checks itself when set).</summary>
    /// <exception cref="ArgumentException">What is wrong, naming the option.</exception>
    public void Validate()
    {
        if (Endpoints.Count == 0 && LmtpEndpoints.Count == 0)
        {
            throw new ArgumentException("SmtpOptions: configure at least one SMTP or LMTP endpoint.", nameof(Endpoints));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (EndPoint endPoint in Endpoints.Concat(LmtpEndpoints))
        {
            if (endPoint is not (IPEndPoint or UnixDomainSocketEndPoint))
            {
                throw new ArgumentException($"SmtpOptions: endpoint '{endPoint}' is neither an IP endpoint nor a Unix domain socket.", nameof(Endpoints));
            }

            bool ephemeral = endPoint is IPEndPoint { Port: 0 };
            if (!ephemeral && !seen.Add(endPoint.ToString() ?? string.Empty))
            {
                throw new ArgumentException($"SmtpOptions: endpoint '{endPoint}' is configured twice.", nameof(Endpoints));
            }
        }

        if (string.IsNullOrEmpty(ServerName) || ServerName.Length > 255 || ServerName.Any(c => c is <= ' ' or > '~'))
        {
            throw new ArgumentException("SmtpOptions.ServerName must be a host name of 1 to 255 printable ASCII characters without spaces.", nameof(ServerName));
        }

        if (PostmasterAddress is not null && !Pushbox.Mailbox.Users.EmailAddress.TryNormalize(PostmasterAddress, out _))
        {
            throw new ArgumentException($"SmtpOptions.PostmasterAddress '{PostmasterAddress}' is not an email address.", nameof(PostmasterAddress));
        }

        if (Certificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("SmtpOptions.Certificate has no private key; STARTTLS needs one.", nameof(Certificate));
        }

        if (ShutdownTimeout < TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromHours(1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"SmtpOptions.ShutdownTimeout must be between 0 and 1 hour (was {ShutdownTimeout})."), nameof(ShutdownTimeout));
        }
    }
}
