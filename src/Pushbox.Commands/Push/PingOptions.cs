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

        return errors;
    }
}
