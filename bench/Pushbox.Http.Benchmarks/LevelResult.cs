namespace Pushbox.Http.Benchmarks;

/// <summary>What one concurrency level measured.</summary>
/// <param name="Clients">Concurrent clients, one connection each.</param>
/// <param name="Requests">FolderSyncs completed within the measured window.</param>
/// <param name="Duration">The measured window.</param>
/// <param name="LatenciesMs">Each of those requests' latency, sorted, in milliseconds (send to last byte, at the client).</param>
/// <param name="Errors">Requests that failed or got an answer other than the expected bytes.</param>
/// <param name="ServerCpu">Processor time the server used in the window.</param>
/// <param name="ClientCpu">Processor time this tool used in the window.</param>
internal sealed record LevelResult(int Clients, int Requests, TimeSpan Duration, double[] LatenciesMs, int Errors, TimeSpan? ServerCpu, TimeSpan ClientCpu)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        // Nearest rank.
        int rank = (int)Math.Ceiling(p / 100 * LatenciesMs.Length);
        return LatenciesMs[Math.Clamp(rank - 1, 0, LatenciesMs.Length - 1)];
    }
}
