namespace Pushbox.Testing.Eas;

/// <summary>How <see cref="PushboxServerProcess"/> starts <c>pushbox serve</c>.</summary>
public sealed class PushboxServerOptions
{
    /// <summary>The built <c>pushbox.dll</c> (a project reference copies it next to the caller's assembly).</summary>
    public required string PushboxDll { get; init; }

    /// <summary>The data folder; it must exist (add users to it first). The launcher neither creates nor deletes it.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Serve ActiveSync over plain HTTP, as behind a TLS-terminating proxy, instead of HTTPS.</summary>
    public bool PlainHttp { get; init; }

    /// <summary>
    /// Settings passed as environment variables, e.g. <c>PUSHBOX__Authentication__MaxFailuresPerUser=3</c>.
    /// The launcher adds <c>PUSHBOX__Management__Url</c> itself.
    /// </summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How long the server may take to listen (default 60 seconds).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a graceful stop may take before the process tree is killed (default 20 seconds).</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Server output lines kept for diagnostics (default 2,000, the most recent).</summary>
    public int OutputLinesKept { get; init; } = 2000;
}
