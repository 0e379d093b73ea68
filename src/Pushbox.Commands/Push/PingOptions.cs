using Pushbox.Protocol.Commands.Ping;

namespace Pushbox.Commands.Push;

/// <summary>
/// The bounds of Direct Push (configuration section <c>ActiveSync:Ping</c>): the heartbeat a device may ask for
/// and how many folders one Ping may watch. A request outside them is answered at once with the bound
/// (Status 5 or 6), so the device corrects itself.
/// </summary>
public sealed class PingOptions
{
    /// <summary>The shortest heartbeat accepted, in seconds (default 60, Exchange's default too).</summary>
    public int MinHeartbeatInterval { get; set; } = PingLimits.MinHeartbeatInterval;

    /// <summary>The longest heartbeat accepted, in seconds (default 3,540: under the hour that proxies and NATs commonly allow).</summary>
    public int MaxHeartbeatInterval { get; set; } = PingLimits.MaxHeartbeatInterval;

    /// <summary>The most folders one Ping may watch (default 300; at most <see cref="PingLimits.MaxFolders"/>).</summary>
    public int MaxFolders { get; set; } = 300;

    /// <summary>
    /// Requests (Pings and hanging Syncs) held open at once by this server (default 50,000). Past it a device is
    /// answered 503 with Retry-After (<see cref="HeldRetryAfterSeconds"/>), so it comes back later or to another node.
    /// </summary>
    public int MaxHeldRequests { get; set; } = 50_000;

    /// <summary>
    /// Requests held open at once for one user, one per device (default 100, Exchange's default device limit per
    /// mailbox). Past it a further device of the user is answered 503 with Retry-After.
    /// </summary>
    public int MaxHeldRequestsPerUser { get; set; } = 100;

    /// <summary>Seconds a device refused a held request is told to wait (Retry-After; default 60).</summary>
    public int HeldRetryAfterSeconds { get; set; } = 60;

    /// <summary>The problems with these settings; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinHeartbeatInterval < 1 || MinHeartbeatInterval > MaxHeartbeatInterval)
        {
            errors.Add($"ActiveSync:Ping:MinHeartbeatInterval must be at least 1 and at most MaxHeartbeatInterval ({MaxHeartbeatInterval}).");
        }

        if (MaxHeartbeatInterval > 86_400)
        {
            errors.Add("ActiveSync:Ping:MaxHeartbeatInterval must be at most 86400 (a day).");
        }

        if (MaxFolders < 1 || MaxFolders > PingLimits.MaxFolders)
        {
            errors.Add($"ActiveSync:Ping:MaxFolders must be between 1 and {PingLimits.MaxFolders}.");
        }

        if (MaxHeldRequests < 1)
        {
            errors.Add("ActiveSync:Ping:MaxHeldRequests must be at least 1.");
        }

        if (MaxHeldRequestsPerUser < 1)
        {
            errors.Add("ActiveSync:Ping:MaxHeldRequestsPerUser must be at least 1.");
        }

        if (HeldRetryAfterSeconds is < 1 or > 3600)
        {
            errors.Add("ActiveSync:Ping:HeldRetryAfterSeconds must be between 1 and 3600.");
        }

        return errors;
    }
}
