namespace Pushbox.Mailbox.Benchmarks;

/// <summary>Percentiles and means over samples.</summary>
internal static class Statistics
{
    /// <summary>The <paramref name="percent"/>th percentile by linear interpolation between closest ranks; NaN for no samples.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double percent)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. samples.Order()];
        double rank = percent / 100 * (sorted.Length - 1);
        int low = (int)Math.Floor(rank);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }

    public static double Mean(IReadOnlyCollection<double> samples) => samples.Count == 0 ? double.NaN : samples.Average();
}
