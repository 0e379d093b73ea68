namespace Pushbox.Push.Benchmarks;

/// <summary>What one level (one server, <paramref name="Devices"/> held Pings) measured.</summary>
/// <param name="Devices">Devices, each holding one Ping.</param>
/// <param name="Users">Users the devices belong to.</param>
/// <param name="StartRss">The server's resident memory once started, before any device connected, in bytes.</param>
/// <param name="IdleRss">The server's resident memory with every device primed and no Ping held, in bytes.</param>
/// <param name="HeldRss">The same with every Ping held, once it stopped changing, in bytes.</param>
/// <param name="WakeMs">For each woken Ping: its answer's arrival minus the arrival of the SMTP 250, sorted, in milliseconds.</param>
/// <param name="SendToWakeMs">For each woken Ping: its answer's arrival minus the start of its delivery, sorted, in milliseconds.</param>
/// <param name="Errors">Woken Pings not answered with Status 2 in time, held Pings answered early, and Pings not answered with Status 1 at shutdown.</param>
/// <param name="ShutdownAnswered">Held Pings answered (Status 1) when the server stopped.</param>
/// <param name="PrimingSeconds">How long priming every device took.</param>
/// <param name="HoldingSeconds">From the first Ping sent until the server held them all.</param>
internal sealed record LevelResult(int Devices, int Users, long StartRss, long IdleRss, long HeldRss, double[] WakeMs, double[] SendToWakeMs, int Errors, int ShutdownAnswered, double PrimingSeconds, double HoldingSeconds)
{
    public double KilobytesPerHeldPing => (HeldRss - IdleRss) / 1024.0 / Devices;

    /// <summary>Everything a device on Direct Push costs the server: its open connection and its held Ping, over the freshly started server.</summary>
    public double KilobytesPerDevice => (HeldRss - StartRss) / 1024.0 / Devices;

    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        // Nearest rank.
        int rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
