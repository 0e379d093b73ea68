namespace Pushbox.Testing.Eas;

/// <summary>Resident memory of a process from /proc: now (VmRSS) and its peak (VmHWM), in bytes.</summary>
public static class ProcessMemory
{
    /// <summary>The process's resident size now and its peak since start or the last <see cref="ResetPeak"/>.</summary>
    public static (long Rss, long Peak) Read(int pid)
    {
        long rss = 0, peak = 0;
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return (rss, peak);
    }

    /// <summary>Resets the peak (VmHWM) to the current resident size, so a phase's peak is its own.</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
}
