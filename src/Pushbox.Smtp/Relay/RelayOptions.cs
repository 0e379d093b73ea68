using System.Net;

namespace Pushbox.Smtp.Relay;

/// <summary>
/// The smarthost that mail for remote recipients goes through, and how the outbound queue retries it
/// (configuration section <c>Relay</c>). Without a <see cref="Host"/>, remote mail stays queued (and is
/// bounced when <see cref="MaxQueueLifetime"/> ends), so a server without a relay never loses mail silently.
/// <see cref="Validate"/> runs when the relay is added.
/// </summary>
public sealed class RelayOptions
{
    /// <summary>The smarthost's host name or IP address; null or empty: no relay configured.</summary>
    public string? Host { get; set; }

    /// <summary>The smarthost's port. Defaults to 587 (submission).</summary>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is protected. Defaults to <see cref="RelaySecurity.StartTls"/>.</summary>
    public RelaySecurity Security { get; set; } = RelaySecurity.StartTls;

    /// <summary>The user name to authenticate with (SASL PLAIN, LOGIN or what the relay offers); null: no authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>The password for <see cref="UserName"/>. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Accept a relay certificate that does not validate (self-signed, wrong name). Only for a relay on a
    /// trusted network; off by default.
    /// </summary>
    public bool AllowUntrustedCertificate { get; set; }

    /// <summary>The name Pushbox gives in EHLO and in the Reporting-MTA of its bounces. Defaults to the machine's host name.</summary>
    public string LocalDomain { get; set; } = Dns.GetHostName();

    /// <summary>Workers sending at once, each over one relay connection kept open between messages. Defaults to 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// Messages a worker claims at once and sends one after another over its connection; the ones sent leave the queue
    /// together in one transaction. Larger batches mean fewer database writes per message; 1 to 100, defaults to 8.
    /// </summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>How long one connect, command or message transfer may take. Defaults to 2 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The pause after the first failed attempt; each further failure doubles it, up to <see cref="MaxRetryDelay"/>. Defaults to 1 minute.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest pause between attempts. Defaults to 1 hour.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a message may wait in the queue before it is given up and bounced to its sender. Defaults to 5 days (RFC 5321 §4.5.4.1 suggests 4–5).</summary>
    public TimeSpan MaxQueueLifetime { get; set; } = TimeSpan.FromDays(5);

    /// <summary>
    /// How long a claimed message is held by this server before another may take it (a server that died while
    /// sending). A server still sending renews it every third of this, so a slow conversation never outlasts it;
    /// it bounds how long a dead server's messages wait. At least 1 second; defaults to 5 minutes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest the sender sleeps between looks at the queue when nothing is due here: mail queued by
    /// another server, or released by a lapsed lease, waits at most this long. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether a relay is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Checks every setting; the message names each problem.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (Port is < 1 or > 65535)
        {
            errors.Add($"Relay:Port must be 1 to 65535 (was {Port}).");
        }

        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            errors.Add("Relay:UserName and Relay:Password go together.");
        }

        if (string.IsNullOrWhiteSpace(LocalDomain))
        {
            errors.Add("Relay:LocalDomain cannot be empty.");
        }

        if (MaxConcurrency is < 1 or > 256)
        {
            errors.Add($"Relay:MaxConcurrency must be 1 to 256 (was {MaxConcurrency}).");
        }

        Positive(errors, nameof(Timeout), Timeout);
        Positive(errors, nameof(FirstRetryDelay), FirstRetryDelay);
        Positive(errors, nameof(MaxRetryDelay), MaxRetryDelay);
        Positive(errors, nameof(MaxQueueLifetime), MaxQueueLifetime);
        Positive(errors, nameof(PollInterval), PollInterval);
        if (BatchSize is < 1 or > 100)
        {
            errors.Add($"Relay:BatchSize must be 1 to 100 (was {BatchSize}).");
        }

        if (Lease < TimeSpan.FromSeconds(1))
        {
            errors.Add($"Relay:Lease must be at least 1 second (was {Lease}); it is renewed every third of it while a message is sent.");
        }

        if (MaxRetryDelay < FirstRetryDelay)
        {
            errors.Add("Relay:MaxRetryDelay cannot be shorter than Relay:FirstRetryDelay.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid relay settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
        }
    }

    /// <summary>The pause after the <paramref name="attempts"/>-th failed attempt: doubling from <see cref="FirstRetryDelay"/>, capped.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        double factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        double ticks = Math.Min(FirstRetryDelay.Ticks * factor, MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Relay:{name} must be positive (was {value}).");
        }
    }
}
