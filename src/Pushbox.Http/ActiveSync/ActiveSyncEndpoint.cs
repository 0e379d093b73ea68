using System.Buffers;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Pushbox.Commands;
using Pushbox.Commands.Push;
using Pushbox.Http.Operations;
using Pushbox.Http.ProtocolLog;
using Pushbox.Http.Security;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Devices;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands;
using Pushbox.Protocol.Query;
using Pushbox.Wbxml;

namespace Pushbox.Http.ActiveSync;

/// <summary>
/// <c>/Microsoft-Server-ActiveSync</c> (MS-ASHTTP): OPTIONS and POST. A POST is taken apart in this
/// order, each step with its own answer: the query (400), the credentials (401 with the challenge, or
/// 503 when sign-ins are overloaded), <c>User=</c> (403 for another user's name), the protocol version
/// (400), the command (501 when Pushbox does not implement it), the body (413 over the limit), the policy
/// key (400 when it is not a number; passed on in <see cref="EasRequestContext.PolicyKey"/>), then the
/// dispatcher, which applies the provisioning gate and runs the command handler. A malformed request never reaches the store; nothing a client sends produces a
/// 500 (except GetAttachment of an attachment that does not exist, which the spec answers so, MS-ASCMD_R166); a failing
/// store gives 503 with Retry-After.
/// </summary>
public sealed partial class ActiveSyncEndpoint(
    EasAuthenticator authenticator,
    AuthenticationOptions authenticationOptions,
    IDirectory directory,
    IDeviceStore devices,
    EasDispatcher dispatcher,
    ActiveSyncOptions options,
    EasMetrics metrics,
    DeviceProtocolLog protocolLog,
    TimeProvider time,
    ILogger<ActiveSyncEndpoint> logger)
{
    /// <summary>The path devices use, in any letter case.</summary>
    public const string Path = "/Microsoft-Server-ActiveSync";

    /// <summary>The WBXML content type.</summary>
    public const string WbxmlContentType = "application/vnd.ms-sync.wbxml";

    private readonly UserNameResolver _resolver = new(authenticationOptions.DefaultDomain);
    private readonly string _commandsHeader = string.Join(',', dispatcher.ImplementedCommands.Select(EasCommands.GetName));

    /// <summary>OPTIONS: the protocol versions and the commands Pushbox implements, after authentication.</summary>
    public async Task HandleOptionsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long started = Stopwatch.GetTimestamp();
        AddServerHeaders(context.Response);
        try
        {
            AuthenticationResult auth = await authenticator.AuthenticateAsync(context.Request.Headers.Authorization, context.Connection.RemoteIpAddress, context.RequestAborted);
            if (!auth.Succeeded)
            {
                Refuse(context, auth);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.Headers["MS-ASProtocolVersions"] = EasVersion.SupportedHeaderValue;
                context.Response.Headers["MS-ASProtocolCommands"] = _commandsHeader;
                context.Response.Headers.Allow = "OPTIONS,POST";
                context.Response.Headers["Public"] = "OPTIONS,POST";
            }
        }
        catch (StoreUnavailableException e)
        {
            StoreUnavailable(context.Response, e);
        }
        catch (Exception e) when (ClientGone.Is(e, context.RequestAborted))
        {
            return;
        }

        metrics.RecordRequest("OPTIONS", null, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>POST: one EAS command.</summary>
    public async Task HandlePostAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long started = Stopwatch.GetTimestamp();
        CancellationToken aborted = context.RequestAborted;
        HttpResponse response = context.Response;
        AddServerHeaders(response);
        EasQuery? query = null;
        EasVersion? version = null;
        Device? device = null;
        string? userAddress = null;
        WbxmlBuffer? body = null;
        ReadOnlyMemory<byte> responseBody = ReadOnlyMemory<byte>.Empty;
        bool clientGone = false;
        ResponseBodyWriter? streamed = null;
        bool rawBody = false;
        try
        {
            query = EasQueryParser.Parse(context.Request.QueryString.Value ?? string.Empty, options.Query);
            AuthenticationResult auth = await authenticator.AuthenticateAsync(context.Request.Headers.Authorization, context.Connection.RemoteIpAddress, aborted);
            if (!auth.Succeeded)
            {
                Refuse(context, auth);
                return;
            }

            userAddress = auth.Address!;
            if (!await NamesAuthenticatedUserAsync(query.User, auth, aborted))
            {
                LogOtherUser(auth.Address!, query.DeviceId);
                response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            version = EasVersionNegotiation.Resolve(Header(context.Request, "MS-ASProtocolVersion"), query);
            device = await devices.TouchDeviceAsync(auth.UserId, query.DeviceId, query.DeviceType, UserAgent(context.Request), version.Value.ToString(), aborted);
            if (!dispatcher.IsImplemented(query.Command))
            {
                response.StatusCode = StatusCodes.Status501NotImplemented;
                return;
            }

            if (context.Request.ContentLength > options.Wbxml.MaxDocumentSize)
            {
                throw new EasProtocolException(EasProtocolError.BodyTooLarge, $"The body is larger than {options.Wbxml.MaxDocumentSize} bytes.");
            }

            body = await ReadBodyAsync(context.Request, aborted);
            var request = new EasRequestContext(auth.UserId, auth.Address!, device, version.Value, query)
            {
                PolicyKey = PolicyKey(context.Request, query),
                AcceptMultiPart = AcceptMultiPart(context.Request, query),
                Slot = context.Features.Get<RequestSlot>(),
            };
            EasCommandResult result = await dispatcher.DispatchAsync(request, body.Memory, aborted);
            response.StatusCode = result.HttpStatus;
            if (result.RetryAfterSeconds is { } retryAfter)
            {
                response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (result.Body is { } write)
            {
                var output = new ArrayBufferWriter<byte>(1024);
                write(new WbxmlWriter(output));
                responseBody = output.WrittenMemory;
                response.ContentType = WbxmlContentType;
                response.ContentLength = responseBody.Length;
                await response.Body.WriteAsync(responseBody, aborted);
            }
            else if (result.StreamedBody is { } stream)
            {
                streamed = new ResponseBodyWriter(response, WbxmlContentType, device.ProtocolLog);
                await stream(new WbxmlResponseOutput(new WbxmlWriter(streamed), streamed.FlushAsync), aborted);
                await streamed.CompleteAsync(aborted);
                responseBody = streamed.Logged;
            }
            else if (result.RawBody is { } raw)
            {
                // Not WBXML (GetAttachment's bytes, a multipart ItemOperations answer): written as it is, and
                // kept out of the protocol log, which records WBXML documents.
                rawBody = true;
                response.ContentType = result.RawContentType;
                response.ContentLength = result.RawContentLength;
                await raw(response.Body, aborted);
            }
        }
        catch (Exception e) when ((streamed is { Started: true } || (rawBody && response.HasStarted)) && !ClientGone.Is(e, aborted))
        {
            // Part of the document is on the wire: a status can no longer be sent, and a truncated body
            // must not look complete. Aborting makes the device retry with the same key (and get the
            // same answer again).
            LogStreamFailed(query?.DeviceId ?? "?", e);
            context.Abort();
            clientGone = true;
        }
        catch (EasProtocolException e)
        {
            LogMalformed(query?.DeviceId ?? "?", e.Reason, e.Detail);
            response.StatusCode = ProtocolErrorStatus.Of(e.Reason);
        }
        catch (MailboxException e) when (e.Reason == MailboxErrorReason.UserNotFound)
        {
            response.StatusCode = StatusCodes.Status403Forbidden; // removed while signed in
        }
        catch (Exception e) when (ClientGone.Is(e, aborted))
        {
            // The client went away (network lost mid-upload): nobody to answer, nothing to log as an error.
            clientGone = true;
        }
        catch (StoreUnavailableException e)
        {
            StoreUnavailable(response, e);
        }
        finally
        {
            TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
            int status = clientGone ? ClientGone.StatusCode : response.StatusCode;
            metrics.RecordRequest(query is null ? null : EasCommands.GetName(query.Command), version?.ToString(), status, elapsed);
            if (device is { ProtocolLog: true } && userAddress is not null)
            {
                await WriteProtocolLogAsync(context, device, userAddress, body, responseBody, elapsed);
            }

            body?.Dispose();
        }
    }

    /// <summary>Whether <c>User=</c> is absent or names the authenticated user (any form of their name, an alias too).</summary>
    private async Task<bool> NamesAuthenticatedUserAsync(string? userParameter, AuthenticationResult auth, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userParameter)
            || string.Equals(userParameter, auth.UserName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(userParameter, auth.Address, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // "alice" or "CONTOSO\alice" names alice@example.com when that is who signed in.
        string bare = userParameter[(userParameter.LastIndexOf('\\') + 1)..];
        if (!bare.Contains('@', StringComparison.Ordinal) && auth.Address is { } signedIn
            && string.Equals(bare, signedIn[..signedIn.LastIndexOf('@')], StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return _resolver.TryResolve(userParameter, out string? address)
            && (await directory.FindUserAsync(address, cancellationToken))?.Id == auth.UserId;
    }

    private async Task<WbxmlBuffer> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await WbxmlBuffer.ReadFromAsync(request.Body, options.Wbxml, request.ContentLength, cancellationToken);
        }
        catch (WbxmlException e) when (e.Reason == WbxmlErrorReason.DocumentTooLarge)
        {
            throw new EasProtocolException(EasProtocolError.BodyTooLarge, e.Detail, e);
        }
        catch (BadHttpRequestException e) when (!ClientGone.Is(e, cancellationToken))
        {
            throw new EasProtocolException(
                e.StatusCode == StatusCodes.Status413PayloadTooLarge ? EasProtocolError.BodyTooLarge : EasProtocolError.MalformedBody,
                "The request body could not be read.",
                e);
        }
    }

    private void StoreUnavailable(HttpResponse response, StoreUnavailableException e)
    {
        LogStoreUnavailable(e);
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = options.StoreUnavailableRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Refuse(HttpContext context, AuthenticationResult auth)
    {
        if (auth.Outcome == AuthenticationOutcome.Overloaded)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling((auth.RetryAfter ?? TimeSpan.FromSeconds(10)).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = authenticator.Challenge;
    }

    private async Task WriteProtocolLogAsync(HttpContext context, Device device, string userAddress, WbxmlBuffer? requestBody, ReadOnlyMemory<byte> responseBody, TimeSpan elapsed)
    {
        var entry = new ProtocolLogEntry
        {
            Timestamp = time.GetUtcNow(),
            Method = context.Request.Method,
            PathAndQuery = context.Request.Path + context.Request.QueryString,
            RemoteAddress = context.Connection.RemoteIpAddress?.ToString(),
            RequestHeaders = context.Request.Headers,
            RequestBody = requestBody?.Memory ?? ReadOnlyMemory<byte>.Empty,
            StatusCode = context.Response.StatusCode,
            ResponseHeaders = context.Response.Headers,
            ResponseBody = responseBody,
            Elapsed = elapsed,
        };
        await protocolLog.WriteAsync(device, userAddress, entry, CancellationToken.None);
    }

    private static void AddServerHeaders(HttpResponse response)
    {
        response.Headers["MS-Server-ActiveSync"] = ActiveSyncOptions.ServerVersion;
        response.Headers.CacheControl = "private";
    }

    /// <summary>A header in any letter case (Kestrel's header dictionary is case-insensitive; clients such as Go's send "Ms-Asprotocolversion").</summary>
    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out StringValues value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;

    /// <summary>
    /// The policy key the device presents: the base64 query's field; for a plain query the X-MS-PolicyKey header
    /// (MS-ASHTTP 2.2.1.1.2.8), else a <c>PolicyKey=</c> parameter, which some clients send instead.
    /// </summary>
    /// <exception cref="EasProtocolException"><see cref="EasProtocolError.InvalidPolicyKey"/>: not an unsigned 32-bit number.</exception>
    private static uint? PolicyKey(HttpRequest request, EasQuery query)
    {
        if (query.IsBase64Encoded)
        {
            return query.PolicyKey;
        }

        string? text = Header(request, "X-MS-PolicyKey")
            ?? query.OtherParameters.FirstOrDefault(p => p.Key.Equals("PolicyKey", StringComparison.OrdinalIgnoreCase)).Value;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint key)
            ? key
            : throw new EasProtocolException(EasProtocolError.InvalidPolicyKey, "the policy key is not an unsigned 32-bit number");
    }

    /// <summary>
    /// Whether the client asks for a multipart ItemOperations answer: the AcceptMultiPart bit of a base64 query's
    /// Options, or the <c>MS-ASAcceptMultiPart</c> header set to "T" (MS-ASHTTP 2.2.1.1.2.5; anything else, "F"
    /// included, asks for inline content).
    /// </summary>
    private static bool AcceptMultiPart(HttpRequest request, EasQuery query) =>
        query.AcceptMultiPart == true || string.Equals(Header(request, "MS-ASAcceptMultiPart"), "T", StringComparison.OrdinalIgnoreCase);

    private static string UserAgent(HttpRequest request)
    {
        string agent = request.Headers[HeaderNames.UserAgent].ToString();
        return agent.Length <= 256 ? agent : agent[..256];
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Refused a malformed request from device {DeviceId}: {Reason}: {Detail}")]
    private partial void LogMalformed(string deviceId, EasProtocolError reason, string detail);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "User {Address} (device {DeviceId}) named another user in User=; refused with 403")]
    private partial void LogOtherUser(string address, string deviceId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "A streamed response to device {DeviceId} failed after it started; the connection was aborted")]
    private partial void LogStreamFailed(string deviceId, Exception exception);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "The store is unavailable; answered 503")]
    private partial void LogStoreUnavailable(Exception exception);
}
