using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Pushbox.Commands;
using Pushbox.Commands.Policies;
using Pushbox.Commands.Push;
using Pushbox.Http.ActiveSync;
using Pushbox.Http.Autodiscover;
using Pushbox.Http.Operations;
using Pushbox.Http.ProtocolLog;
using Pushbox.Http.Security;
using Pushbox.Mailbox;

namespace Pushbox.Http;

/// <summary>Registers and maps the HTTPS front door.</summary>
public static class HttpServiceCollectionExtensions
{
    /// <summary>
    /// Adds the ActiveSync and Autodiscover endpoints with authentication, metrics and protocol logs,
    /// and the command handlers (<see cref="CommandsServiceCollectionExtensions.AddPushboxCommands"/>).
    /// Needs the store ports (<c>AddPushboxStorage</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    public static IServiceCollection AddPushboxHttp(this IServiceCollection services, PushboxHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid HTTP settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(options.ActiveSync);
        services.AddSingleton(options.ActiveSync.Wbxml);
        services.AddSingleton(options.Authentication);
        services.AddSingleton(options.Autodiscover);
        services.TryAddSingleton(sp =>
        {
            var metrics = new EasMetrics();
            if (sp.GetService<HeldRequests>() is { } held)
            {
                metrics.ObserveHeldRequests(() => held.Count);
            }

            if (sp.GetService<ProvisioningCounters>() is { } counters)
            {
                metrics.ObserveProvisioning(counters);
            }

            if (sp.GetService<Mailbox.Quotas.MailboxQuotas>() is { } quotas)
            {
                metrics.ObserveQuotaRefusals(quotas);
            }

            return metrics;
        });
        services.AddSingleton(provider => new EasAuthenticator(
            provider.GetRequiredService<IDirectory>(),
            options.Authentication,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<EasAuthenticator>>(),
            provider.GetRequiredService<EasMetrics>()));
        services.AddSingleton(provider => new DeviceProtocolLog(
            options.DataDirectory,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<DeviceProtocolLog>>(),
            options.ProtocolLog));
        // One process-wide limit on requests being worked on, without a queue: past it a device is told to come
        // back (503 + Retry-After) instead of waiting on a server that is already saturated. Held Pings give their
        // place back while they wait, and have limits of their own (ActiveSync:Ping).
        services.AddSingleton(new ActiveRequests(options.ActiveSync.MaxConcurrentRequests));
        services.AddSingleton<ActiveSyncEndpoint>();
        services.AddSingleton<AutodiscoverEndpoint>();
        services.AddPushboxCommands();
        return services;
    }

    /// <summary>
    /// Maps <c>/Microsoft-Server-ActiveSync</c> (OPTIONS, POST), Autodiscover (XML and v2 JSON) and, on
    /// the management port, <c>/healthz</c> and <c>/metrics</c>. Paths match in any letter case.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="healthCheck">Whether the server can serve, e.g. a database ping.</param>
    public static IEndpointRouteBuilder MapPushbox(this IEndpointRouteBuilder endpoints, Func<CancellationToken, Task<bool>> healthCheck)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        IServiceProvider services = endpoints.ServiceProvider;
        var activeSync = services.GetRequiredService<ActiveSyncEndpoint>();
        var autodiscover = services.GetRequiredService<AutodiscoverEndpoint>();
        var options = services.GetRequiredService<PushboxHttpOptions>();
        // Devices are served on every listener except the management one, which may be plain HTTP.
        int? management = options.Operations.LocalPort;
        var active = services.GetRequiredService<ActiveRequests>();
        var metrics = services.GetRequiredService<EasMetrics>();
        string overloadedRetryAfter = options.ActiveSync.OverloadedRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        RequestDelegate NotOnManagement(RequestDelegate handler) => async context =>
        {
            if (context.Connection.LocalPort == management)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            using RequestSlot? slot = active.TryEnter();
            if (slot is null)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = overloadedRetryAfter;
                metrics.RecordRequest(null, null, StatusCodes.Status503ServiceUnavailable, TimeSpan.Zero);
                return;
            }

            context.Features.Set(slot);
            await handler(context);
        };

        endpoints.MapMethods(ActiveSyncEndpoint.Path, ["OPTIONS"], NotOnManagement(activeSync.HandleOptionsAsync));
        endpoints.MapPost(ActiveSyncEndpoint.Path, NotOnManagement(activeSync.HandlePostAsync));
        endpoints.MapPost(AutodiscoverEndpoint.XmlPath, NotOnManagement(autodiscover.HandleXmlAsync));
        endpoints.MapGet(AutodiscoverEndpoint.JsonPath, NotOnManagement(autodiscover.HandleJsonAsync));
        endpoints.MapGet(AutodiscoverEndpoint.JsonPath + "/v1.0/{email}", NotOnManagement(autodiscover.HandleJsonAsync));
        endpoints.MapPushboxOperations(services.GetRequiredService<EasMetrics>(), healthCheck, options.Operations);
        return endpoints;
    }
}
