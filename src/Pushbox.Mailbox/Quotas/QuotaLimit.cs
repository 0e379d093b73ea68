using System.Globalization;

namespace Pushbox.Mailbox.Quotas;

/// <summary>
/// One mailbox size limit as configured: a number of bytes, unlimited, or (for a user) the server default.
/// Written and read as <c>500MB</c>, <c>2GB</c>, <c>1.5GB</c>, <c>750KB</c>, a bare byte count,
/// <c>unlimited</c> or <c>default</c>; the units are binary (1 KB = 1024 bytes), as Exchange counts them.
/// </summary>
public readonly record struct QuotaLimit
{
    /// <summary>The largest limit accepted: 1 PB.</summary>
    public const long MaxBytes = 1L << 50;

    private const long UnlimitedMarker = -1;

    private readonly long? _bytes;
    private readonly bool _unlimited;

    private QuotaLimit(long? bytes, bool unlimited)
    {
        _bytes = bytes;
        _unlimited = unlimited;
    }

    /// <summary>For a user: whatever the server default is.</summary>
    public static QuotaLimit Default => default;

    /// <summary>No limit.</summary>
    public static QuotaLimit Unlimited { get; } = new(null, unlimited: true);

    /// <summary>Whether this defers to the server default.</summary>
    public bool IsDefault => _bytes is null && !_unlimited;

    /// <summary>Whether there is no limit.</summary>
    public bool IsUnlimited => _unlimited;

    /// <summary>The limit in bytes; null when unlimited or default.</summary>
    public long? Bytes => _bytes;

    /// <summary>A limit of <paramref name="bytes"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or above <see cref="MaxBytes"/>.</exception>
    public static QuotaLimit Of(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, MaxBytes);
        return new QuotaLimit(bytes, unlimited: false);
    }

    /// <summary>This limit, or <paramref name="fallback"/> when this is <see cref="Default"/>.</summary>
    public QuotaLimit Or(QuotaLimit fallback) => IsDefault ? fallback : this;

    /// <summary>The stored form: null for default, -1 for unlimited, else the bytes.</summary>
    public long? ToStored() => _unlimited ? UnlimitedMarker : _bytes;

    /// <summary>Reads the stored form (<see cref="ToStored"/>).</summary>
    public static QuotaLimit FromStored(long? value) => value switch
    {
        null => Default,
        UnlimitedMarker => Unlimited,
        long bytes => Of(bytes),
    };

    /// <summary>Parses <c>500MB</c>, <c>2GB</c>, <c>1.5GB</c>, <c>100KB</c>, <c>1TB</c>, bytes, <c>unlimited</c> or <c>default</c> (case-insensitive).</summary>
    public static bool TryParse(string? text, out QuotaLimit limit)
    {
        limit = Default;
        string value = (text ?? string.Empty).Trim();
        if (value.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals("unlimited", StringComparison.OrdinalIgnoreCase))
        {
            limit = Unlimited;
            return true;
        }

        (string Suffix, long Factor)[] units = [("TB", 1L << 40), ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1)];
        long factor = 1;
        foreach ((string suffix, long f) in units)
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                factor = f;
                value = value[..^suffix.Length].TrimEnd();
                break;
            }
        }

        if (value.Length == 0
            || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number)
            || number * factor > MaxBytes)
        {
            return false;
        }

        limit = Of((long)decimal.Floor(number * factor));
        return true;
    }

    /// <summary><c>default</c>, <c>unlimited</c>, or the size in the largest unit that keeps it readable (e.g. <c>2GB</c>, <c>1.5GB</c>, <c>300B</c>).</summary>
    public override string ToString() => IsDefault ? "default" : IsUnlimited ? "unlimited" : FormatBytes(_bytes!.Value);

    /// <summary>A byte count in the largest binary unit with at most two decimals (<c>1.25GB</c>, <c>512KB</c>, <c>17B</c>).</summary>
    public static string FormatBytes(long bytes)
    {
        (string Suffix, long Factor)[] units = [("TB", 1L << 40), ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10)];
        foreach ((string suffix, long factor) in units)
        {
            if (bytes >= factor)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{Math.Round((decimal)bytes / factor, 2)}{suffix}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{bytes}B");
    }
}
