using Pushbox.Http.ActiveSync;
using Pushbox.Http.Autodiscover;
using Pushbox.Http.Operations;
using Pushbox.Http.ProtocolLog;
using Pushbox.Http.Security;

namespace Pushbox.Http;

/// <summary>Everything the HTTPS front door is configured with; binds from the configuration sections of the same names.</summary>
public sealed class PushboxHttpOptions
{
    /// <summary>The data folder (protocol logs are written under it).</summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>The endpoint's limits.</summary>
    public ActiveSyncOptions ActiveSync { get; set; } = new();

    /// <summary>Sign-in: realm, default domain, cache, lock-out.</summary>
    public AuthenticationOptions Authentication { get; set; } = new();

    /// <summary>The URLs Autodiscover hands out.</summary>
    public AutodiscoverOptions Autodiscover { get; set; } = new();

    /// <summary>Health and metrics paths and the management port.</summary>
    public OperationsOptions Operations { get; set; } = new();

    /// <summary>Per-device protocol log limits.</summary>
    public ProtocolLogOptions ProtocolLog { get; set; } = new();

    /// <summary>Every problem, one line each, naming the setting; empty when the options are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add("The data folder is required.");
        }

        errors.AddRange(ActiveSync.Validate());
        errors.AddRange(Authentication.Validate());
        errors.AddRange(Autodiscover.Validate());
        errors.AddRange(Operations.Validate());
        errors.AddRange(ProtocolLog.Validate());
        return errors;
    }
}
