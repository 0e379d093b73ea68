using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using Pushbox.Wbxml;

namespace Pushbox.Testing.Eas;

/// <summary>
/// An Exchange ActiveSync client for tests and load tools: OPTIONS, any command with a plain or base64
/// query, the folder commands, Autodiscover, and requests that no real device would send
/// (<see cref="SendRawAsync"/> through HttpClient, <see cref="SendRawBytesAsync"/> straight onto a TLS socket).
/// It never retries and never follows redirects: a test sees exactly what the server answered.
/// Thread-safe for concurrent requests; one instance is one device (its <see cref="EasClientOptions.DeviceId"/>).
/// </summary>
public sealed class EasClient : IDisposable
{
    /// <summary>The ActiveSync path.</summary>
    public const string ActiveSyncPath = "/Microsoft-Server-ActiveSync";

    /// <summary>The WBXML content type.</summary>
    public const string WbxmlContentType = "application/vnd.ms-sync.wbxml";

    /// <summary>The Autodiscover XML path.</summary>
    public const string AutodiscoverXmlPath = "/autodiscover/autodiscover.xml";

    /// <summary>The Autodiscover v2 JSON path.</summary>
    public const string AutodiscoverJsonPath = "/autodiscover/autodiscover.json";

    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    private readonly HttpClient _http;

    /// <summary>Creates a client with its own connection pool (<see cref="CreateHandler"/>).</summary>
    public EasClient(EasClientOptions options)
        : this(options, CreateHandler(options ?? throw new ArgumentNullException(nameof(options))), disposeHandler: true)
    {
    }

    /// <summary>Creates a client over <paramref name="handler"/>, e.g. one shared by many clients.</summary>
    public EasClient(EasClientOptions options, HttpMessageHandler handler, bool disposeHandler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        Options = options;
        _http = new HttpClient(handler, disposeHandler)
        {
            Timeout = options.Timeout,
            DefaultRequestVersion = options.HttpVersion,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>Identity and connection settings; identity members may be changed between requests.</summary>
    public EasClientOptions Options { get; }

    /// <summary>
    /// A handler as a device has it: keep-alive connections, the options' certificate check, no
    /// cookies, no redirects, no decompression.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(EasClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = options.CertificateValidation },
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
    }

    /// <summary>OPTIONS on the ActiveSync URL, with the client's credentials when it has any.</summary>
    public Task<EasResponse> OptionsAsync(CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, Url(ActiveSyncPath));
        AddClientHeaders(request);
        return ExecuteAsync(request, cancellationToken);
    }

    /// <summary>Sends <paramref name="command"/> with a body in libwbxml's XML form (encoded to WBXML here), or none when null.</summary>
    /// <param name="command">The command name (Cmd=).</param>
    /// <param name="xml">The body as XML, e.g. <c>&lt;FolderSync xmlns="FolderHierarchy:"&gt;…</c>; null: no body.</param>
    /// <param name="version">The protocol version; null: the client's.</param>
    /// <param name="useBase64Query">Whether to send the base64 query instead of the plain one.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<EasResponse> SendAsync(string command, string? xml, string? version = null, bool useBase64Query = false, CancellationToken cancellationToken = default) =>
        SendAsync(new EasRequest(command) { Xml = xml, ProtocolVersion = version, UseBase64Query = useBase64Query }, cancellationToken);

    /// <summary>Sends <paramref name="command"/> with <paramref name="wbxml"/> as the body, unchanged (any bytes).</summary>
    /// <inheritdoc cref="SendAsync(string, string?, string?, bool, CancellationToken)"/>
    public Task<EasResponse> SendAsync(string command, ReadOnlyMemory<byte> wbxml, string? version = null, bool useBase64Query = false, CancellationToken cancellationToken = default) =>
        SendAsync(new EasRequest(command) { Wbxml = wbxml, ProtocolVersion = version, UseBase64Query = useBase64Query }, cancellationToken);

    /// <summary>Sends one command request.</summary>
    /// <exception cref="ArgumentException">A base64 query for a command without a code, or a parameter without a tag.</exception>
    /// <exception cref="System.Xml.XmlException">The request's XML is not well formed.</exception>
    public Task<EasResponse> SendAsync(EasRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string version = request.ProtocolVersion ?? Options.ProtocolVersion;
        var message = new HttpRequestMessage(HttpMethod.Post, Url(ActiveSyncPath + "?" + BuildQuery(request)));
        AddClientHeaders(message);
        if (request.SendVersionHeader ?? !request.UseBase64Query)
        {
            message.Headers.TryAddWithoutValidation("MS-ASProtocolVersion", version);
        }

        if (!request.UseBase64Query && Options.PolicyKey is { } policyKey)
        {
            message.Headers.TryAddWithoutValidation("X-MS-PolicyKey", policyKey.ToString(CultureInfo.InvariantCulture));
        }

        ReadOnlyMemory<byte> body = request.Wbxml ?? (request.Xml is null ? ReadOnlyMemory<byte>.Empty : WbxmlXml.FromXml(request.Xml));
        message.Content = new ReadOnlyMemoryContent(body);
        if (!body.IsEmpty)
        {
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }

        AddHeaders(message, request.Headers);
        return ExecuteAsync(message, cancellationToken);
    }

    /// <summary>The query text (after '?') that <see cref="SendAsync(EasRequest, CancellationToken)"/> sends for <paramref name="request"/>.</summary>
    public string BuildQuery(EasRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string version = request.ProtocolVersion ?? Options.ProtocolVersion;
        string user = request.User ?? Options.UserName ?? string.Empty;
        string deviceId = request.DeviceId ?? Options.DeviceId;
        string deviceType = request.DeviceType ?? Options.DeviceType;
        if (request.UseBase64Query)
        {
            Base64Query query = Base64Query.For(request.Command, version, deviceId, deviceType);
            query.Locale = Options.Locale;
            query.PolicyKey = Options.PolicyKey;
            foreach ((string name, string value) in request.Parameters)
            {
                if (name.Equals("SaveInSent", StringComparison.OrdinalIgnoreCase))
                {
                    query.Parameters.Add(new Base64QueryParameter((byte)Base64QueryTag.Options, new[] { (byte)(value is "T" or "t" ? 1 : 0) }));
                }
                else if (Enum.TryParse(name, ignoreCase: true, out Base64QueryTag tag) && Enum.IsDefined(tag))
                {
                    query.With(tag, value);
                }
                else
                {
                    throw new ArgumentException($"'{name}' has no base64 query tag.", nameof(request));
                }
            }

            if (user.Length > 0)
            {
                query.With(Base64QueryTag.User, user);
            }

            return query.Encode();
        }

        var text = new StringBuilder("Cmd=").Append(Uri.EscapeDataString(request.Command));
        if (user.Length > 0)
        {
            text.Append("&User=").Append(Uri.EscapeDataString(user));
        }

        text.Append("&DeviceId=").Append(Uri.EscapeDataString(deviceId));
        text.Append("&DeviceType=").Append(Uri.EscapeDataString(deviceType));
        foreach ((string name, string value) in request.Parameters)
        {
            text.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return text.ToString();
    }

    /// <summary>
    /// Sends a request almost as written (see <see cref="RawHttpRequest"/>), through the client's
    /// connection pool. HttpClient still frames it correctly; for broken framing use <see cref="SendRawBytesAsync"/>.
    /// </summary>
    public Task<EasResponse> SendRawAsync(RawHttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = new HttpRequestMessage(request.Method, Url(request.PathAndQuery));
        if (request.IncludeClientHeaders)
        {
            AddClientHeaders(message);
        }

        if (request.BodyStream is { } stream)
        {
            message.Content = new StreamContent(stream);
        }
        else if (request.Body is { } body)
        {
            message.Content = new ReadOnlyMemoryContent(body);
        }

        AddHeaders(message, request.Headers);
        return ExecuteAsync(message, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="http11Request"/> byte for byte onto a new connection (TLS for an https
    /// base address, with the client's certificate check) and reads one HTTP/1.1 response. For framing
    /// no HttpClient would produce: a Content-Length that lies, a request line with raw bytes.
    /// </summary>
    /// <exception cref="IOException">The connection failed or closed before a complete response.</exception>
    public async Task<RawHttpResponse> SendRawBytesAsync(ReadOnlyMemory<byte> http11Request, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        using var socket = new TcpClient { NoDelay = true };
        await socket.ConnectAsync(Options.BaseAddress.Host, Options.BaseAddress.Port, timeout.Token).ConfigureAwait(false);
        Stream stream = socket.GetStream();
        if (Options.BaseAddress.Scheme == Uri.UriSchemeHttps)
        {
            var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = Options.BaseAddress.Host,
                    RemoteCertificateValidationCallback = Options.CertificateValidation,
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                },
                timeout.Token).ConfigureAwait(false);
            stream = tls;
        }

        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(http11Request, timeout.Token).ConfigureAwait(false);
            await stream.FlushAsync(timeout.Token).ConfigureAwait(false);
            return await RawHttpResponse.ReadAsync(stream, timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The bytes of an HTTP/1.1 request to this client's server: the request line, <c>Host</c>, the
    /// client's Authorization and User-Agent, <paramref name="headers"/> as given, then the body. No
    /// Content-Length is added: put one in <paramref name="headers"/> (true or not).
    /// </summary>
    public byte[] BuildRawRequest(string method, string pathAndQuery, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        ArgumentNullException.ThrowIfNull(headers);
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(Options.BaseAddress.Authority).Append("\r\n");
        if (Options.AuthorizationHeader is { } authorization)
        {
            head.Append("Authorization: ").Append(authorization).Append("\r\n");
        }

        head.Append("User-Agent: ").Append(Options.UserAgent).Append("\r\n");
        foreach ((string name, string value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        byte[] headBytes = Encoding.Latin1.GetBytes(head.ToString());
        return [.. headBytes, .. body];
    }

    /// <summary>FolderSync with <paramref name="syncKey"/> ("0" for the whole hierarchy).</summary>
    /// <exception cref="EasClientException">Not HTTP 200 with a FolderSync document.</exception>
    public async Task<FolderSyncResult> FolderSyncAsync(string syncKey, string? version = null, bool useBase64Query = false, CancellationToken cancellationToken = default)
    {
        string xml = new XElement(EasNamespaces.FolderHierarchy + "FolderSync", new XElement(EasNamespaces.FolderHierarchy + "SyncKey", syncKey)).ToString(SaveOptions.DisableFormatting);
        EasResponse response = await SendAsync("FolderSync", xml, version, useBase64Query, cancellationToken).ConfigureAwait(false);
        return FolderSyncResult.From(response);
    }

    /// <summary>FolderCreate of <paramref name="displayName"/> under <paramref name="parentId"/> ("0": top level) with FolderHierarchy type <paramref name="type"/> (12 user mail, 1 generic…).</summary>
    /// <exception cref="EasClientException">Not HTTP 200 with a FolderCreate document.</exception>
    public Task<FolderCommandResult> FolderCreateAsync(string syncKey, string parentId, string displayName, int type, CancellationToken cancellationToken = default) =>
        FolderCommandAsync("FolderCreate", cancellationToken, ("SyncKey", syncKey), ("ParentId", parentId), ("DisplayName", displayName), ("Type", type.ToString(CultureInfo.InvariantCulture)));

    /// <summary>FolderUpdate: renames <paramref name="serverId"/> to <paramref name="displayName"/> and/or moves it under <paramref name="parentId"/>.</summary>
    /// <exception cref="EasClientException">Not HTTP 200 with a FolderUpdate document.</exception>
    public Task<FolderCommandResult> FolderUpdateAsync(string syncKey, string serverId, string parentId, string displayName, CancellationToken cancellationToken = default) =>
        FolderCommandAsync("FolderUpdate", cancellationToken, ("SyncKey", syncKey), ("ServerId", serverId), ("ParentId", parentId), ("DisplayName", displayName));

    /// <summary>FolderDelete of <paramref name="serverId"/>.</summary>
    /// <exception cref="EasClientException">Not HTTP 200 with a FolderDelete document.</exception>
    public Task<FolderCommandResult> FolderDeleteAsync(string syncKey, string serverId, CancellationToken cancellationToken = default) =>
        FolderCommandAsync("FolderDelete", cancellationToken, ("SyncKey", syncKey), ("ServerId", serverId));

    /// <summary>
    /// Sync of one collection. <paramref name="options"/> and <paramref name="commands"/> are the Options and
    /// Commands elements (AirSync namespace) or null; <paramref name="windowSize"/> goes in the collection.
    /// </summary>
    /// <exception cref="EasClientException">Not HTTP 200 with a Sync document.</exception>
    public Task<SyncResult> SyncAsync(string collectionId, string syncKey, int? windowSize = null, XElement? options = null, XElement? commands = null, string? version = null, bool? getChanges = null, CancellationToken cancellationToken = default)
    {
        XNamespace ns = EasNamespaces.AirSync;
        var collection = new XElement(ns + "Collection", new XElement(ns + "SyncKey", syncKey), new XElement(ns + "CollectionId", collectionId));
        if (getChanges is { } changes)
        {
            collection.Add(new XElement(ns + "GetChanges", changes ? "1" : "0"));
        }

        if (windowSize is { } size)
        {
            collection.Add(new XElement(ns + "WindowSize", size.ToString(CultureInfo.InvariantCulture)));
        }

        if (options is not null)
        {
            collection.Add(options);
        }

        if (commands is not null)
        {
            collection.Add(commands);
        }

        return SyncAsync(new XElement(ns + "Sync", new XElement(ns + "Collections", collection)), version, cancellationToken);
    }

    /// <summary>Sends a whole Sync document (or an empty body when <paramref name="sync"/> is null).</summary>
    /// <exception cref="EasClientException">Not HTTP 200 with a Sync document.</exception>
    public async Task<SyncResult> SyncAsync(XElement? sync, string? version = null, CancellationToken cancellationToken = default)
    {
        EasResponse response = await SendAsync("Sync", sync?.ToString(SaveOptions.DisableFormatting), version, cancellationToken: cancellationToken).ConfigureAwait(false);
        return SyncResult.From(response);
    }

    /// <summary>Options asking for bodies of <paramref name="type"/> (1 text, 2 HTML, 4 MIME) truncated at <paramref name="truncationSize"/>.</summary>
    public static XElement BodyOptions(int type, int? truncationSize = null, int? filterType = null)
    {
        XNamespace ns = EasNamespaces.AirSync;
        XNamespace asb = EasNamespaces.AirSyncBase;
        var preference = new XElement(asb + "BodyPreference", new XElement(asb + "Type", type.ToString(CultureInfo.InvariantCulture)));
        if (truncationSize is { } size)
        {
            preference.Add(new XElement(asb + "TruncationSize", size.ToString(CultureInfo.InvariantCulture)));
        }

        var options = new XElement(ns + "Options");
        if (filterType is { } filter)
        {
            options.Add(new XElement(ns + "FilterType", filter.ToString(CultureInfo.InvariantCulture)));
        }

        if (type == 4)
        {
            options.Add(new XElement(ns + "MIMESupport", "2"));
        }

        options.Add(preference);
        return options;
    }

    /// <summary>GetHierarchy (protocol 2.5 to 12.1, plain query, no body): the mail folders.</summary>
    /// <exception cref="EasClientException">Not HTTP 200 with a Folders document.</exception>
    public async Task<IReadOnlyList<HierarchyFolder>> GetHierarchyAsync(string version = "2.5", CancellationToken cancellationToken = default)
    {
        EasResponse response = await SendAsync("GetHierarchy", (string?)null, version, useBase64Query: false, cancellationToken).ConfigureAwait(false);
        XNamespace ns = EasNamespaces.FolderHierarchy;
        XElement root = Documents.Root(response, ns + "Folders");
        return [.. root.Elements(ns + "Folder").Select(f => FolderSyncResult.Folder(f, ns))];
    }

    /// <summary>The Autodiscover request document for <paramref name="email"/> asking for <paramref name="acceptableResponseSchema"/> (default: the mobilesync response schema).</summary>
    public static string AutodiscoverRequestXml(string email, string? acceptableResponseSchema = null)
    {
        XNamespace ns = EasNamespaces.AutodiscoverMobileSyncRequest;
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                ns + "Autodiscover",
                new XElement(
                    ns + "Request",
                    new XElement(ns + "EMailAddress", email),
                    new XElement(ns + "AcceptableResponseSchema", acceptableResponseSchema ?? EasNamespaces.AutodiscoverMobileSyncResponse.NamespaceName))));
        return document.Declaration + Environment.NewLine + document.Root;
    }

    /// <summary>Autodiscover (XML, MS-ASCMD 2.2.1.1) for <paramref name="email"/>. Never throws for an HTTP status: look at <see cref="AutodiscoverResult.Response"/>.</summary>
    public Task<AutodiscoverResult> AutodiscoverAsync(string email, string? acceptableResponseSchema = null, CancellationToken cancellationToken = default) =>
        PostAutodiscoverAsync(Encoding.UTF8.GetBytes(AutodiscoverRequestXml(email, acceptableResponseSchema)), cancellationToken);

    /// <summary>POSTs any bytes as an Autodiscover request (text/xml), with the client's credentials.</summary>
    public async Task<AutodiscoverResult> PostAutodiscoverAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url(AutodiscoverXmlPath)) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        AddClientHeaders(request);
        return AutodiscoverResult.From(await ExecuteAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Autodiscover v2: <c>GET /autodiscover/autodiscover.json?Email=…&amp;Protocol=…</c>, anonymous.</summary>
    public Task<EasResponse> AutodiscoverJsonAsync(string email, string protocol = "ActiveSync", CancellationToken cancellationToken = default)
    {
        string query = $"?Email={Uri.EscapeDataString(email)}&Protocol={Uri.EscapeDataString(protocol)}";
        var request = new HttpRequestMessage(HttpMethod.Get, Url(AutodiscoverJsonPath + query));
        request.Headers.TryAddWithoutValidation("User-Agent", Options.UserAgent);
        return ExecuteAsync(request, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task<FolderCommandResult> FolderCommandAsync(string command, CancellationToken cancellationToken, params (string Name, string Value)[] children)
    {
        XNamespace ns = EasNamespaces.FolderHierarchy;
        string xml = new XElement(ns + command, children.Select(c => new XElement(ns + c.Name, c.Value))).ToString(SaveOptions.DisableFormatting);
        EasResponse response = await SendAsync(command, xml, cancellationToken: cancellationToken).ConfigureAwait(false);
        return FolderCommandResult.From(response, command);
    }

    private Uri Url(string pathAndQuery) => new(Options.BaseAddress.GetLeftPart(UriPartial.Authority) + pathAndQuery, in Verbatim);

    private void AddClientHeaders(HttpRequestMessage request)
    {
        if (Options.AuthorizationHeader is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        request.Headers.TryAddWithoutValidation("User-Agent", Options.UserAgent);
    }

    private static void AddHeaders(HttpRequestMessage request, IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach ((string name, string value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ReadOnlyMemoryContent(ReadOnlyMemory<byte>.Empty);
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }

    private async Task<EasResponse> ExecuteAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Version = Options.HttpVersion;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            long started = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach ((string name, HeaderStringValues values) in response.Headers.NonValidated)
            {
                headers[name] = values.ToString();
            }

            foreach ((string name, HeaderStringValues values) in response.Content.Headers.NonValidated)
            {
                headers[name] = values.ToString();
            }

            return new EasResponse((int)response.StatusCode, response.Version, headers, body, elapsed, Options.DecodeResponses);
        }
    }
}
