using Microsoft.Extensions.Logging;

namespace Pushbox.Http.Tls;

/// <summary>Log lines of the server certificate, event ids 2100–2199. Passwords and keys are never logged.</summary>
internal static partial class TlsLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "TLS certificate {Subject}, SHA-256 fingerprint {Fingerprint}, valid until {NotAfter:yyyy-MM-dd}, {Source}")]
    public static partial void CertificateInUse(this ILogger logger, string subject, string fingerprint, DateTimeOffset notAfter, string source);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Generated a self-signed TLS certificate for {Names} in {Folder}; devices will ask to trust it once")]
    public static partial void Generated(this ILogger logger, string names, string folder);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "The self-signed TLS certificate in {Folder} {Reason}; generating a new one (devices that trusted the old one will ask again)")]
    public static partial void Regenerating(this ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "The configured TLS certificate {Path} expires on {NotAfter:yyyy-MM-dd}; renew it")]
    public static partial void ConfiguredExpiring(this ILogger logger, string path, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Error, Message = "The configured TLS certificate {Path} expired on {NotAfter:yyyy-MM-dd}; devices will refuse to connect until it is renewed")]
    public static partial void ConfiguredExpired(this ILogger logger, string path, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "The private key file {Path} can be read by other users (mode {Mode}); restrict it to the owner (chmod 600)")]
    public static partial void KeyFileExposed(this ILogger logger, string path, string mode);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "The configured TLS certificate {Path} is not valid until {NotBefore:yyyy-MM-dd}; check the clock")]
    public static partial void ConfiguredNotYetValid(this ILogger logger, string path, DateTimeOffset notBefore);
}
