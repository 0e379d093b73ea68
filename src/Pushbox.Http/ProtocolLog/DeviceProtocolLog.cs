using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Pushbox.Mailbox.Devices;
using Pushbox.Wbxml;

namespace Pushbox.Http.ProtocolLog;

/// <summary>
/// The per-device protocol log an administrator switches on (<see cref="Device.ProtocolLog"/>, the
/// <c>pushbox device log</c> verb) to see what a phone and Pushbox said to each other: one entry per
/// request and response in <c>&lt;data&gt;/logs/devices/&lt;user address&gt;/&lt;DeviceId&gt;.log</c>,
/// bodies decoded from WBXML to XML. Passwords (elements, query values) and credential headers
/// (Authorization, Cookie) are never written; message content in the bodies is, which is why the files
/// are readable by the owner only (0600, folders 0700). Each file is rotated at
/// <see cref="ProtocolLogOptions.MaxFileBytes"/>, keeping one previous file.
/// </summary>
/// <remarks>Thread-safe: writes to one file are serialised; writing never throws into the request path.</remarks>
public sealed class DeviceProtocolLog
{
    /// <summary>The folder inside the data folder holding one folder per user.</summary>
    public static readonly string FolderName = Path.Combine("logs", "devices");

    /// <summary>The longest user address or DeviceId used as a file name.</summary>
    public const int MaxNameLength = 128;

    private const int Stripes = 64;
    private const int HexPreviewBytes = 64;
    private const int MaxHeaderValueLength = 1024;
    private const string WbxmlContentType = "application/vnd.ms-sync.wbxml";

    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly long maxFileBytes;
    private readonly int maxDecodedBodyBytes;
    private readonly SemaphoreSlim[] gates;

    /// <summary>Creates the log over <paramref name="dataDirectory"/>; nothing is created until the first entry.</summary>
    /// <param name="dataDirectory">Pushbox's data folder.</param>
    /// <param name="time">Stamps entries that carry no timestamp.</param>
    /// <param name="logger">Receives write failures (events 2200–2299).</param>
    /// <param name="options">Limits; defaults when null. Validated now.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public DeviceProtocolLog(string dataDirectory, TimeProvider time, ILogger<DeviceProtocolLog> logger, ProtocolLogOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options ??= new ProtocolLogOptions();
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid protocol log settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)), nameof(options));
        }

        Root = Path.Combine(Path.GetFullPath(dataDirectory), FolderName);
        this.time = time;
        this.logger = logger;
        maxFileBytes = options.MaxFileBytes;
        maxDecodedBodyBytes = options.MaxDecodedBodyBytes;
        gates = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    }

    /// <summary>The folder of all device logs (<c>&lt;data&gt;/logs/devices</c>).</summary>
    public string Root { get; }

    /// <summary>
    /// The log file of a device, or null when <paramref name="userAddress"/> or <paramref name="deviceId"/>
    /// is not safe as a file name: 1 to <see cref="MaxNameLength"/> of the characters <c>A–Z a–z 0–9 . _ - @ +</c>,
    /// not starting with a dot (so no <c>..</c>, no separators). Such devices are not logged.
    /// </summary>
    public string? GetLogPath(string userAddress, string deviceId)
    {
        if (!IsSafeName(userAddress) || !IsSafeName(deviceId))
        {
            return null;
        }

        string path = Path.GetFullPath(Path.Combine(Root, userAddress, deviceId + ".log"));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }

    /// <summary>
    /// Appends <paramref name="entry"/> to the log of <paramref name="device"/> when its
    /// <see cref="Device.ProtocolLog"/> is on; does nothing otherwise. Never throws: a failure is logged
    /// as a warning (event 2201) and the entry dropped.
    /// </summary>
    /// <param name="device">The device the request came from.</param>
    /// <param name="userAddress">Its owner's primary address (the folder name).</param>
    /// <param name="entry">The request and response.</param>
    /// <param name="cancellationToken">Cancelled before the write starts: the entry is dropped silently. Pass the host's stopping token rather than the request's, whose cancellation (a client hanging up) is worth logging.</param>
    public async Task WriteAsync(Device device, string userAddress, ProtocolLogEntry entry, CancellationToken cancellationToken)
    {
        if (device is not { ProtocolLog: true } || entry is null || userAddress is null)
        {
            return;
        }

        string? path = GetLogPath(userAddress, device.DeviceId);
        if (path is null)
        {
            logger.UnsafeName(ProtocolLogRedactor.Printable(device.DeviceId, MaxNameLength), ProtocolLogRedactor.Printable(userAddress, MaxNameLength));
            return;
        }

        SemaphoreSlim gate = gates[(StringComparer.Ordinal.GetHashCode(path) & int.MaxValue) % Stripes];
        try
        {
            byte[] bytes = Encoding.UTF8.GetBytes(Render(entry));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await AppendAsync(path, bytes).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the entry is dropped.
        }
#pragma warning disable CA1031 // The protocol log is a diagnostic aid: no failure of it may fail the request.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.WriteFailed(path, e);
        }
    }

    /// <summary>The text of one entry, secrets removed.</summary>
    internal string Render(ProtocolLogEntry entry)
    {
        var text = new StringBuilder(1024 + ((entry.RequestBody.Length + entry.ResponseBody.Length) * 3));
        DateTimeOffset timestamp = entry.Timestamp ?? time.GetUtcNow();
        text.Append("==== ")
            .Append(timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            .Append(' ').Append(ProtocolLogRedactor.Printable(entry.Method, 16))
            .Append(' ').Append(ProtocolLogRedactor.SanitizePathAndQuery(entry.PathAndQuery));
        if (!string.IsNullOrEmpty(entry.RemoteAddress))
        {
            text.Append(" from ").Append(ProtocolLogRedactor.Printable(entry.RemoteAddress, 64));
        }

        text.Append('\n');
        string? requestType = AppendHeaders(text, "> ", entry.RequestHeaders);
        text.Append(">\n");
        AppendBody(text, entry.RequestBody, requestType);
        text.Append("---- ").Append(entry.StatusCode.ToString(CultureInfo.InvariantCulture));
        if (entry.Elapsed is { } elapsed)
        {
            text.Append(" (").Append(elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)).Append(" ms)");
        }

        text.Append('\n');
        string? responseType = AppendHeaders(text, "< ", entry.ResponseHeaders);
        text.Append("<\n");
        AppendBody(text, entry.ResponseBody, responseType);
        text.Append('\n');
        return text.ToString();
    }

    /// <summary>Whether <paramref name="name"/> can be a file name as it is (see <see cref="GetLogPath"/>).</summary>
    internal static bool IsSafeName(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= MaxNameLength
        && name[0] != '.'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+');

    /// <summary>Writes the headers, credential headers as "[not logged]"; returns the Content-Type.</summary>
    private static string? AppendHeaders(StringBuilder text, string prefix, IEnumerable<KeyValuePair<string, StringValues>> headers)
    {
        string? contentType = null;
        foreach (KeyValuePair<string, StringValues> header in headers ?? [])
        {
            string name = ProtocolLogRedactor.Printable(header.Key, 128);
            text.Append(prefix).Append(name).Append(": ");
            if (ProtocolLogRedactor.IsSecretName(header.Key))
            {
                text.Append("[not logged]\n");
                continue;
            }

            string value = header.Value.ToString();
            if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }

            text.Append(ProtocolLogRedactor.Printable(value, MaxHeaderValueLength)).Append('\n');
        }

        return contentType;
    }

    private void AppendBody(StringBuilder text, ReadOnlyMemory<byte> body, string? contentType)
    {
        if (body.IsEmpty)
        {
            text.Append("(no body)\n");
            return;
        }

        if (body.Length > maxDecodedBodyBytes)
        {
            AppendUndecoded(text, body, string.Create(CultureInfo.InvariantCulture, $"not decoded: {body.Length} bytes, over the limit of {maxDecodedBodyBytes}"));
            return;
        }

        bool wbxml = contentType is null || contentType.Contains(WbxmlContentType, StringComparison.OrdinalIgnoreCase);
        if (!wbxml)
        {
            if (contentType!.Contains("xml", StringComparison.OrdinalIgnoreCase))
            {
                string xml;
                try
                {
                    xml = new UTF8Encoding(false, true).GetString(body.Span);
                }
                catch (DecoderFallbackException)
                {
                    AppendUndecoded(text, body, "undecodable: XML that is not UTF-8");
                    return;
                }

                AppendLines(text, ProtocolLogRedactor.MaskXml(xml));
                return;
            }

            AppendUndecoded(text, body, $"not WBXML: {ProtocolLogRedactor.Printable(contentType, 100)}");
            return;
        }

        string decoded;
        try
        {
            decoded = WbxmlXml.ToXml(body);
        }
        catch (WbxmlException e)
        {
            AppendUndecoded(text, body, "undecodable: " + ProtocolLogRedactor.Printable(e.Message, 200));
            return;
        }
#pragma warning disable CA1031 // Whatever the decoder trips over, the entry is still written.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AppendUndecoded(text, body, "undecodable: " + e.GetType().Name);
            return;
        }

        AppendLines(text, ProtocolLogRedactor.MaskXml(decoded));
    }

    private static void AppendLines(StringBuilder text, string body)
    {
        text.Append(body);
        if (!body.EndsWith('\n'))
        {
            text.Append('\n');
        }
    }

    private static void AppendUndecoded(StringBuilder text, ReadOnlyMemory<byte> body, string reason)
    {
        int shown = Math.Min(body.Length, HexPreviewBytes);
        text.Append('[').Append(reason).Append("] ")
            .Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append(" bytes, the first ")
            .Append(shown.ToString(CultureInfo.InvariantCulture)).Append(": ")
            .Append(Convert.ToHexString(body.Span[..shown]))
            .Append('\n');
    }

    private async Task AppendAsync(string path, byte[] bytes)
    {
        string folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var file = new FileInfo(path);
        if (file.Exists && file.Length > 0 && file.Length + bytes.Length > maxFileBytes)
        {
            string previous = path + ".1";
            File.Move(path, previous, overwrite: true);
            logger.Rotated(path, file.Length, previous);
        }

        var open = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            open.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        FileStream stream = new(path, open);
        await using (stream.ConfigureAwait(false))
        {
            // Not cancellable: an entry is written whole or not at all.
            await stream.WriteAsync(bytes, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
