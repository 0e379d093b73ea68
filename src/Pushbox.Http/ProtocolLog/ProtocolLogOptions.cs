using System.Globalization;

namespace Pushbox.Http.ProtocolLog;

/// <summary>Limits of the device protocol log (configuration section <c>ProtocolLog</c>).</summary>
public sealed class ProtocolLogOptions
{
    /// <summary>
    /// The size at which a device's log file is rotated (default 10 MiB): the full file becomes
    /// <c>&lt;DeviceId&gt;.log.1</c>, replacing the previous one, so a device takes at most twice this.
    /// </summary>
    public long MaxFileBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Bodies longer than this (default 1 MiB) are not decoded; their length and first bytes are logged instead.</summary>
    public int MaxDecodedBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The problems with these options, each naming the setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxFileBytes is < 64 * 1024 or > 1024L * 1024 * 1024)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"ProtocolLog:MaxFileBytes must be between 64 KiB and 1 GiB; it is {MaxFileBytes}."));
        }

        if (MaxDecodedBodyBytes is < 0 or > 64 * 1024 * 1024)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"ProtocolLog:MaxDecodedBodyBytes must be between 0 and 64 MiB; it is {MaxDecodedBodyBytes}."));
        }

        return errors;
    }
}
