using System.Globalization;
using Prometheus;
using Pushbox.Commands.Policies;
using Pushbox.Http.Security;
using Pushbox.Mailbox.Quotas;

namespace Pushbox.Http.Operations;

/// <summary>
/// The Prometheus metrics of the EAS endpoint. Label values that come from clients (command, protocol
/// version) are kept to at most <see cref="MaxLabelValues"/> short tokens each; anything else counts as
/// "other". Thread-safe; create one per process (metrics are shared per registry and name).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>pushbox_eas_requests_total{command,protocol_version,status}</c>: requests answered.</item>
/// <item><c>pushbox_eas_request_duration_seconds{command}</c>: time from receipt to the end of the answer; held Pings last up to an hour.</item>
/// <item><c>pushbox_eas_failed_logins_total{reason}</c>: failed sign-ins by <see cref="AuthenticationFailureReason"/> (snake case).</item>
/// <item><c>pushbox_eas_held_requests</c>: requests (Ping, Sync with Wait) held open waiting for changes.</item>
/// <item><c>pushbox_quota_refusals_total{kind}</c>: mail refused because a mailbox is over its size limit.</item>
/// </list>
/// </remarks>
public sealed class EasMetrics
{
    /// <summary>The most distinct values of the command label, and of the protocol version label.</summary>
    public const int MaxLabelValues = 64;

    /// <summary>The name of the request counter.</summary>
    public const string RequestsName = "pushbox_eas_requests_total";

    /// <summary>The name of the request duration histogram.</summary>
    public const string RequestDurationName = "pushbox_eas_request_duration_seconds";

    /// <summary>The name of the failed sign-in counter.</summary>
    public const string FailedLoginsName = "pushbox_eas_failed_logins_total";

    /// <summary>The name of the held request gauge.</summary>
    public const string HeldRequestsName = "pushbox_eas_held_requests";

    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 1800, 3600];

    private readonly Counter requests;
    private readonly Histogram duration;
    private readonly Counter failedLogins;
    private readonly Gauge heldRequests;
    private readonly Counter provisioning;
    private readonly Counter quotaRefusals;
    private readonly LabelGuard commands = new(MaxLabelValues);
    private readonly LabelGuard versions = new(MaxLabelValues);

    /// <summary>Creates the metrics in <paramref name="registry"/>.</summary>
    /// <param name="registry">Where the metrics live and are exported from; null: prometheus-net's default registry (which also carries process and .NET runtime metrics).</param>
    public EasMetrics(CollectorRegistry? registry = null)
    {
        Registry = registry ?? Metrics.DefaultRegistry;
        MetricFactory factory = Metrics.WithCustomRegistry(Registry);
        requests = factory.CreateCounter(RequestsName, "EAS requests answered, by command, protocol version and HTTP status.", ["command", "protocol_version", "status"]);
        duration = factory.CreateHistogram(
            RequestDurationName,
            "Time to answer an EAS request, in seconds, by command (held Pings last up to the heartbeat).",
            ["command"],
            new HistogramConfiguration { Buckets = DurationBuckets });
        failedLogins = factory.CreateCounter(FailedLoginsName, "Failed EAS sign-ins, by reason.", ["reason"]);
        heldRequests = factory.CreateGauge(HeldRequestsName, "EAS requests (Ping, Sync with Wait) held open waiting for changes.");
        provisioning = factory.CreateCounter(
            ProvisioningEventsName,
            "Provisioning and device-access events: policies downloaded, acknowledged and refused, remote wipes requested, sent and acknowledged, requests refused to blocked or wiped devices, devices quarantined.",
            ["event"]);
        quotaRefusals = factory.CreateCounter(QuotaRefusalsName, "Mail refused because a mailbox is over its size limit, by where: smtp_recipient (RCPT answered 452 4.2.2), send (SendMail/SmartReply/SmartForward answered 113), local_recipient (a local recipient bounced to the sender).", ["kind"]);
    }

    /// <summary>The name of the quota refusals counter.</summary>
    public const string QuotaRefusalsName = "pushbox_quota_refusals_total";

    /// <summary>Brings the quota refusals counter up to <paramref name="quotas"/>' counts at every scrape.</summary>
    public void ObserveQuotaRefusals(MailboxQuotas quotas)
    {
        ArgumentNullException.ThrowIfNull(quotas);
        Registry.AddBeforeCollectCallback(() =>
        {
            foreach (QuotaRefusal kind in Enum.GetValues<QuotaRefusal>())
            {
                quotaRefusals.WithLabels(QuotaRefusalLabel(kind)).IncTo(quotas.Refusals(kind));
            }
        });
    }

    private static string QuotaRefusalLabel(QuotaRefusal kind) => kind switch
    {
        QuotaRefusal.SmtpRecipient => "smtp_recipient",
        QuotaRefusal.Send => "send",
        _ => "local_recipient",
    };

    /// <summary>The name of the provisioning events counter.</summary>
    public const string ProvisioningEventsName = "pushbox_eas_provisioning_events_total";

    /// <summary>Brings the provisioning events counter up to <paramref name="counters"/> at every scrape (the command layer keeps the counts).</summary>
    public void ObserveProvisioning(ProvisioningCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        Registry.AddBeforeCollectCallback(() =>
        {
            foreach (ProvisioningEvent kind in Enum.GetValues<ProvisioningEvent>())
            {
                provisioning.WithLabels(ProvisioningCounters.Label(kind)).IncTo(counters.Get(kind));
            }
        });
    }

    /// <summary>The registry the metrics live in; <c>/metrics</c> exports it.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Counts an answered request and observes its duration.</summary>
    /// <param name="command">The EAS command (<c>Sync</c>, <c>Ping</c>…); null or empty for requests without one (OPTIONS) or unreadable ones.</param>
    /// <param name="protocolVersion">The protocol version the request asked for (<c>16.1</c>); null when none.</param>
    /// <param name="statusCode">The HTTP status answered.</param>
    /// <param name="elapsed">From receipt to the end of the answer.</param>
    public void RecordRequest(string? command, string? protocolVersion, int statusCode, TimeSpan elapsed)
    {
        string commandLabel = commands.Normalize(command);
        requests.WithLabels(commandLabel, versions.Normalize(protocolVersion), statusCode.ToString(CultureInfo.InvariantCulture)).Inc();
        duration.WithLabels(commandLabel).Observe(Math.Max(0, elapsed.TotalSeconds));
    }

    /// <summary>Counts a failed sign-in (<see cref="EasAuthenticator"/> does this itself when given the metrics).</summary>
    public void RecordFailedLogin(AuthenticationFailureReason reason) => failedLogins.WithLabels(ReasonLabel(reason)).Inc();

    /// <summary>Sets the held-requests gauge from <paramref name="count"/> at every scrape (the holder keeps the count).</summary>
    public void ObserveHeldRequests(Func<int> count)
    {
        ArgumentNullException.ThrowIfNull(count);
        Registry.AddBeforeCollectCallback(() => heldRequests.Set(count()));
    }

    /// <summary>The label of <paramref name="reason"/>: its name in snake case (<c>wrong_password</c>).</summary>
    internal static string ReasonLabel(AuthenticationFailureReason reason) => reason switch
    {
        AuthenticationFailureReason.None => "none",
        AuthenticationFailureReason.NoCredentials => "no_credentials",
        AuthenticationFailureReason.MalformedCredentials => "malformed_credentials",
        AuthenticationFailureReason.UnresolvableUserName => "unresolvable_user_name",
        AuthenticationFailureReason.UnknownUser => "unknown_user",
        AuthenticationFailureReason.WrongPassword => "wrong_password",
        AuthenticationFailureReason.Disabled => "disabled",
        AuthenticationFailureReason.UserLockedOut => "user_locked_out",
        AuthenticationFailureReason.AddressLockedOut => "address_locked_out",
        AuthenticationFailureReason.Overloaded => "overloaded",
        _ => LabelGuard.Other,
    };
}
