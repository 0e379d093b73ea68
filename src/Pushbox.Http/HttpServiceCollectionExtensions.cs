using System.Threading.RateLimiting;
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
        services.AddRateLimiter(limiter =>
        {
            // One process-wide concurrency limit without a queue: past it a device is told to come back
            // (503 + Retry-After) instead of waiting on a server that is already saturated.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetConcurrencyLimiter(
                "all",
                _ => new ConcurrencyLimiterOptions { PermitLimit = options.ActiveSync.MaxConcurrentRequests, QueueLimit = 0 }));
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = options.ActiveSync.OverloadedRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        services.AddSingleton<ActiveSyncEndpoint>();
        services.AddSingleton<AutodiscoverEndpoint>();
        services.AddPushboxCommands();
        return services;
    }

    /// <summary>
    /// Adds the front door's middleware (the concurrency limit); call it before <see cref="MapPushbox"/>.
    /// </summary>
    public static IApplicationBuilder UsePushbox(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseRateLimiter();
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
        RequestDelegate NotOnManagement(RequestDelegate handler) => context =>
        {
            if (context.Connection.LocalPort == management)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return handler(context);
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
