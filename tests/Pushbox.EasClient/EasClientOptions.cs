using System.Net.Security;

namespace Pushbox.Testing.Eas;

/// <summary>Who an <see cref="EasClient"/> is and how it connects. Read when the client is created (the handler) and at each request (identity).</summary>
public sealed class EasClientOptions
{
    /// <summary>The server, e.g. <c>https://127.0.0.1:8443/</c>; paths are appended to it.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>The Basic user name; null sends no Authorization header.</summary>
    public string? UserName { get; set; }

    /// <summary>The Basic password.</summary>
    public string? Password { get; set; }

    /// <summary>The DeviceId of the query: 1 to 32 ASCII letters and digits (MS-ASHTTP 2.2.1.1.1.2.3).</summary>
    public string DeviceId { get; set; } = "PushboxTestDevice";

    /// <summary>The DeviceType of the query.</summary>
    public string DeviceType { get; set; } = "PushboxTest";

    /// <summary>The User-Agent header.</summary>
    public string UserAgent { get; set; } = "Pushbox-EasClient/1.0";

    /// <summary>The protocol version requests use unless they name one, spelled as in MS-ASProtocolVersion.</summary>
    public string ProtocolVersion { get; set; } = "16.1";

    /// <summary>The locale of the base64 query (MS-LCID), default en-US.</summary>
    public ushort Locale { get; set; } = 0x0409;

    /// <summary>The policy key: the X-MS-PolicyKey header of plain queries, the policy key field of base64 ones; null sends none.</summary>
    public uint? PolicyKey { get; set; }

    /// <summary>HTTP/1.1 (default) or 2.0; the version is requested exactly (over TLS, by ALPN).</summary>
    public Version HttpVersion { get; set; } = System.Net.HttpVersion.Version11;

    /// <summary>Checks the server certificate; null is the platform's chain validation. See <see cref="CertificateValidation"/>.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; set; }

    /// <summary>How long one request may take, body included (default 30 seconds).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Connections the client's own handler opens to the server at most (default unbounded); 1 makes it one keep-alive connection, like a device.</summary>
    public int MaxConnectionsPerServer { get; set; } = int.MaxValue;

    /// <summary>Whether responses are decoded into <see cref="EasResponse.Xml"/> (default true). A load generator turns it off.</summary>
    public bool DecodeResponses { get; set; } = true;

    /// <summary>The Basic credentials as an Authorization header value, or null without a user name.</summary>
    public string? AuthorizationHeader =>
        UserName is null ? null : "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{UserName}:{Password}"));

    /// <summary>A copy for another device of the same user (or, with <paramref name="userName"/>, another user).</summary>
    public EasClientOptions With(string? deviceId = null, string? userName = null, string? password = null) => new()
    {
        BaseAddress = BaseAddress,
        UserName = userName ?? UserName,
        Password = password ?? Password,
        DeviceId = deviceId ?? DeviceId,
        DeviceType = DeviceType,
        UserAgent = UserAgent,
        ProtocolVersion = ProtocolVersion,
        Locale = Locale,
        PolicyKey = PolicyKey,
        HttpVersion = HttpVersion,
        CertificateValidation = CertificateValidation,
        Timeout = Timeout,
        MaxConnectionsPerServer = MaxConnectionsPerServer,
        DecodeResponses = DecodeResponses,
    };
}
