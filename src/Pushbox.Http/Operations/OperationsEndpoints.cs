using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pushbox.Http.Operations;

/// <summary>Maps the operations endpoints (<c>/healthz</c>, <c>/metrics</c>) and restricts endpoints to a management port.</summary>
public static class OperationsEndpoints
{
    /// <summary>The content type of the Prometheus text exposition format.</summary>
    public const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// Maps <see cref="OperationsOptions.HealthPath"/> (GET/HEAD: 200 <c>ok</c> when
    /// <paramref name="healthCheck"/> returns true within <see cref="OperationsOptions.HealthCheckTimeout"/>,
    /// else 503 <c>unavailable</c>; the reason is logged, never answered) and
    /// <see cref="OperationsOptions.MetricsPath"/> (GET: the Prometheus text format of
    /// <see cref="EasMetrics.Registry"/>). Neither requires authentication: restrict them with
    /// <see cref="OperationsOptions.LocalPort"/> to a listener that only administrators reach.
    /// Uses the registered <see cref="TimeProvider"/> and <see cref="ILoggerFactory"/> when there are.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="metrics">The metrics to export.</param>
    /// <param name="healthCheck">Whether the server can serve (for example a database ping); it receives a token cancelled at the timeout.</param>
    /// <param name="options">Paths, timeout and port; defaults when null. Validated now.</param>
    /// <returns>The builders of both endpoints, for further conventions (e.g. <c>RequireHost</c>).</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static IEndpointConventionBuilder MapPushboxOperations(
        this IEndpointRouteBuilder endpoints,
        EasMetrics metrics,
        Func<CancellationToken, Task<bool>> healthCheck,
        OperationsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(healthCheck);
        options ??= new OperationsOptions();
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid operations settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)), nameof(options));
        }

        TimeProvider time = endpoints.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        ILogger logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("Pushbox.Http.Operations") ?? NullLogger.Instance;
        TimeSpan timeout = options.HealthCheckTimeout;

        IEndpointConventionBuilder health = endpoints.MapMethods(
            options.HealthPath,
            [HttpMethods.Get, HttpMethods.Head],
            context => AnswerHealthAsync(context, healthCheck, timeout, time, logger));
        IEndpointConventionBuilder export = endpoints.MapGet(options.MetricsPath, context => AnswerMetricsAsync(context, metrics));
        var both = new CompositeConventionBuilder([health, export]);
        if (options.LocalPort is int port)
        {
            both.RequireLocalPort(port);
        }

        return both;
    }

    /// <summary>
    /// Lets the endpoints answer only requests that arrived on one of <paramref name="ports"/> (the local
    /// port of the connection, which a client cannot forge, unlike the Host header); elsewhere they
    /// answer 404. Works for request-delegate and route-handler endpoints alike.
    /// </summary>
    /// <exception cref="ArgumentException">No port, or one outside 1–65535.</exception>
    public static TBuilder RequireLocalPort<TBuilder>(this TBuilder builder, params int[] ports)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(ports);
        if (ports.Length == 0 || ports.Any(p => p is < 1 or > 65535))
        {
            throw new ArgumentException("Give one or more ports between 1 and 65535.", nameof(ports));
        }

        int[] allowed = [.. ports];
        builder.Add(endpoint =>
        {
            RequestDelegate? inner = endpoint.RequestDelegate;
            if (inner is null)
            {
                return;
            }

            endpoint.RequestDelegate = context =>
            {
                if (Array.IndexOf(allowed, context.Connection.LocalPort) >= 0)
                {
                    return inner(context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        });
        return builder;
    }

    private static async Task AnswerHealthAsync(HttpContext context, Func<CancellationToken, Task<bool>> healthCheck, TimeSpan timeout, TimeProvider time, ILogger logger)
    {
        bool healthy = false;
        using (var timer = new CancellationTokenSource(timeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, context.RequestAborted))
        {
            try
            {
                // WaitAsync also ends the wait for a check that ignores its token.
                healthy = await healthCheck(linked.Token).WaitAsync(timeout, time, context.RequestAborted).ConfigureAwait(false);
                if (!healthy)
                {
                    logger.Unhealthy();
                }
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && timer.IsCancellationRequested))
            {
                logger.HealthTimedOut(timeout);
            }
#pragma warning disable CA1031 // Any failure of the check means unhealthy; it is logged, not answered.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.HealthThrew(e);
            }
            finally
            {
                // A check still running past the timeout is told to stop rather than left behind.
                await linked.CancelAsync().ConfigureAwait(false);
            }
        }

        context.Response.StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.WriteAsync(healthy ? "ok\n" : "unavailable\n", context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task AnswerMetricsAsync(HttpContext context, EasMetrics metrics)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = PrometheusContentType;
        context.Response.Headers.CacheControl = "no-store";
        await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Applies each convention to several endpoints.</summary>
    private sealed class CompositeConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (IEndpointConventionBuilder builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (IEndpointConventionBuilder builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
