using System.Globalization;

namespace Pushbox.Push.Benchmarks;

/// <summary>
/// The open-file limit (RLIMIT_NOFILE) of this process, from /proc. The .NET runtime raises the soft limit to the
/// hard one when it starts, and the server, started from here, inherits it; every held Ping costs one socket in
/// this process and one in the server.
/// </summary>
internal static class DescriptorLimit
{
    /// <summary>The soft and hard limits; null when unlimited or unreadable.</summary>
    public static (long? Soft, long? Hard) Read()
    {
        foreach (string line in File.ReadLines("/proc/self/limits"))
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                string[] fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return (Parse(fields[0]), Parse(fields[1]));
            }
        }

        return (null, null);
    }

    private static long? Parse(string field) =>
        long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;
}
