using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pushbox.Http.Security;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Users;
using Pushbox.Protocol.Autodiscover;

namespace Pushbox.Http.Autodiscover;

/// <summary>
/// Autodiscover for mobile devices: <c>POST /autodiscover/autodiscover.xml</c> with the mobilesync
/// request schema (MS-ASCMD 2.2.1.1; authenticated; errors 600 and 601 in the body) and the v2 JSON
/// form <c>GET /autodiscover/autodiscover.json?Email=…&amp;Protocol=ActiveSync</c> that Outlook for iOS
/// and Android use (anonymous: it reveals only which server serves a domain).
/// </summary>
public sealed partial class AutodiscoverEndpoint(
    EasAuthenticator authenticator,
    IDirectory directory,
    AutodiscoverOptions options,
    ILogger<AutodiscoverEndpoint> logger)
{
    /// <summary>The XML path, in any letter case.</summary>
    public const string XmlPath = "/autodiscover/autodiscover.xml";

    /// <summary>The v2 JSON path, in any letter case.</summary>
    public const string JsonPath = "/autodiscover/autodiscover.json";

    /// <summary>The XML form.</summary>
    public async Task HandleXmlAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        CancellationToken aborted = context.RequestAborted;
        AuthenticationResult auth;
        try
        {
            auth = await authenticator.AuthenticateAsync(context.Request.Headers.Authorization, context.Connection.RemoteIpAddress, aborted);
        }
        catch (StoreUnavailableException e)
        {
            LogStoreUnavailable(e);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "30";
            return;
        }

        if (!auth.Succeeded)
        {
            context.Response.StatusCode = auth.Outcome == AuthenticationOutcome.Overloaded ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status401Unauthorized;
            if (auth.Outcome != AuthenticationOutcome.Overloaded)
            {
                context.Response.Headers.WWWAuthenticate = authenticator.Challenge;
            }

            return;
        }

        var output = new ArrayBufferWriter<byte>(1024);
        try
        {
            if (context.Request.ContentLength > AutodiscoverLimits.Default.MaxRequestSize)
            {
                throw new AutodiscoverRequestException(AutodiscoverErrorCode.InvalidRequest, "The request is too large.");
            }

            AutodiscoverRequest request = await AutodiscoverRequestParser.ParseAsync(context.Request.Body, AutodiscoverLimits.Default, aborted);
            User user = await directory.GetUserAsync(auth.UserId, aborted)
                ?? throw new AutodiscoverRequestException(AutodiscoverErrorCode.InvalidRequest, "The user no longer exists.");
            if (!string.Equals(request.EMailAddress, user.Address, StringComparison.OrdinalIgnoreCase) && !user.Aliases.Contains(request.EMailAddress, StringComparer.OrdinalIgnoreCase))
            {
                LogOtherAddress(user.Address);
            }

            Uri url = options.UrlFor(user.Address, RequestBase(context.Request));
            AutodiscoverResponseWriter.Write(output, new AutodiscoverResponse(user.Address, user.DisplayName, url));
        }
        catch (AutodiscoverRequestException e)
        {
            LogRefused(e.ErrorCode, e.Detail);
            output.ResetWrittenCount();
            AutodiscoverResponseWriter.Write(output, new AutodiscoverErrorResponse(e.ErrorCode));
        }
        catch (Exception e) when (ActiveSync.ClientGone.Is(e, aborted))
        {
            return; // the client hung up mid-request; nobody to answer
        }
        catch (StoreUnavailableException e)
        {
            LogStoreUnavailable(e);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "30";
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/xml; charset=utf-8";
        await context.Response.Body.WriteAsync(output.WrittenMemory, aborted);
    }

    /// <summary>The v2 JSON form.</summary>
    public async Task HandleJsonAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Both forms: ?Email=…&Protocol=… and /autodiscover/autodiscover.json/v1.0/{email}?Protocol=….
        string? email = context.Request.RouteValues["email"] as string ?? context.Request.Query["Email"];
        string? protocol = context.Request.Query["Protocol"];
        if (!string.Equals(protocol, AutodiscoverV2ResponseWriter.ProtocolName, StringComparison.OrdinalIgnoreCase)
            || email is null || !EmailAddress.TryNormalize(email, out string address))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"ErrorCode\":\"InvalidRequest\",\"ErrorMessage\":\"Expected Email=<address>&Protocol=ActiveSync\"}", context.RequestAborted);
            return;
        }

        var output = new ArrayBufferWriter<byte>(256);
        AutodiscoverV2ResponseWriter.Write(output, options.UrlFor(address, RequestBase(context.Request)));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(output.WrittenMemory, context.RequestAborted);
    }

    private static Uri RequestBase(HttpRequest request) => new($"{request.Scheme}://{request.Host}/");

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Autodiscover refused ({ErrorCode}): {Detail}")]
    private partial void LogRefused(AutodiscoverErrorCode errorCode, string detail);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Autodiscover: the store is unavailable; answered 503")]
    private partial void LogStoreUnavailable(Exception exception);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Autodiscover for {Address} asked about another address; answered with the signed-in user's")]
    private partial void LogOtherAddress(string address);
}
