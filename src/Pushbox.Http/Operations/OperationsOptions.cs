using System.Globalization;

namespace Pushbox.Http.Operations;

/// <summary>Where and how the health and metrics endpoints answer (configuration section <c>Operations</c>).</summary>
public sealed class OperationsOptions
{
    /// <summary>The longest <see cref="HealthCheckTimeout"/> accepted.</summary>
    public static readonly TimeSpan MaxHealthCheckTimeout = TimeSpan.FromMinutes(1);

    /// <summary>The health path (default <c>/healthz</c>).</summary>
    public string HealthPath { get; set; } = "/healthz";

    /// <summary>The Prometheus path (default <c>/metrics</c>).</summary>
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>How long the health check may take before the answer is 503 (default 5 seconds).</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When set, the endpoints answer only requests that arrived on this local port (a management
    /// listener, often bound to a private address); on any other listener they answer 404 as if absent.
    /// Null (the default): every listener.
    /// </summary>
    public int? LocalPort { get; set; }

    /// <summary>The problems with these options, each naming the setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckPath(errors, "HealthPath", HealthPath);
        CheckPath(errors, "MetricsPath", MetricsPath);
        if (string.Equals(HealthPath, MetricsPath, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("Operations:HealthPath and Operations:MetricsPath must differ.");
        }

        if (HealthCheckTimeout <= TimeSpan.Zero || HealthCheckTimeout > MaxHealthCheckTimeout)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Operations:HealthCheckTimeout must be above 0 and at most {MaxHealthCheckTimeout}; it is {HealthCheckTimeout}."));
        }

        if (LocalPort is < 1 or > 65535)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Operations:LocalPort must be between 1 and 65535; it is {LocalPort}."));
        }

        return errors;
    }

    private static void CheckPath(List<string> errors, string name, string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path.Length > 100 || path.Any(c => c is <= ' ' or > '~' or '{' or '}' or '?' or '#'))
        {
            errors.Add($"Operations:{name} must be an absolute path such as /{name.Replace("Path", string.Empty, StringComparison.Ordinal).ToUpperInvariant()} without spaces, braces, '?' or '#'.");
        }
    }
}
