using System.Collections.Concurrent;

namespace Pushbox.Http.Operations;

/// <summary>
/// Keeps a metric label whose values come from clients (command, protocol version) to a bounded set:
/// values that are not short tokens become "other", and so does every new value once
/// <c>maxValues</c> distinct ones were seen. Otherwise a client sending random <c>Cmd=</c> values would
/// create unbounded time series.
/// </summary>
internal sealed class LabelGuard(int maxValues)
{
    public const int MaxValueLength = 32;
    public const string Other = "other";
    public const string None = "none";

    private readonly ConcurrentDictionary<string, string> seen = new(StringComparer.Ordinal);

    public string Normalize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return None;
        }

        if (seen.TryGetValue(value, out string? known))
        {
            return known;
        }

        if (value.Length > MaxValueLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return Other;
        }

        if (seen.Count >= maxValues)
        {
            return Other;
        }

        return seen.GetOrAdd(value, value);
    }
}
