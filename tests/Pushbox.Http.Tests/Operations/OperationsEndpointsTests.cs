using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Prometheus;
using Pushbox.Http.Operations;
using Pushbox.Http.Security;
using Pushbox.Http.Tests.Support;

namespace Pushbox.Http.Tests.Operations;

public sealed class OperationsEndpointsTests : IAsyncDisposable
{
    private readonly ListLogger log = new();
    private readonly HttpClient client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication? app;
    private int publicPort;
    private int managementPort;

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Healthz_CheckPasses_Answers200Ok()
    {
        await StartAsync(_ => Task.FromResult(true));

        HttpResponseMessage response = await GetAsync(publicPort, "/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Healthz_Head_Answers200WithoutBody()
    {
        await StartAsync(_ => Task.FromResult(true));

        using var request = new HttpRequestMessage(HttpMethod.Head, Url(publicPort, "/healthz"));
        HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Healthz_CheckFails_Answers503()
    {
        await StartAsync(_ => Task.FromResult(false));

        HttpResponseMessage response = await GetAsync(publicPort, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unavailable\n", await response.Content.ReadAsStringAsync());
        Assert.True(log.Has(2300));
    }

    [Fact]
    public async Task Healthz_CheckThrows_Answers503WithoutDetails()
    {
        await StartAsync(_ => throw new InvalidOperationException("database password is hunter2"));

        HttpResponseMessage response = await GetAsync(publicPort, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("hunter2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(log.Has(2302));
    }

    [Fact]
    public async Task Healthz_CheckTooSlow_Answers503AtTheTimeout()
    {
        var sawCancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartAsync(
            async token =>
            {
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, token);
                }
                catch (OperationCanceledException)
                {
                    sawCancellation.TrySetResult();
                    throw;
                }

                return true;
            },
            new OperationsOptions { HealthCheckTimeout = TimeSpan.FromMilliseconds(200) });

        HttpResponseMessage response = await GetAsync(publicPort, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(log.Has(2301));
        await sawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Healthz_CheckIgnoringItsToken_StillAnswersAtTheTimeout()
    {
        var never = new TaskCompletionSource<bool>();
        await StartAsync(_ => never.Task, new OperationsOptions { HealthCheckTimeout = TimeSpan.FromMilliseconds(200) });

        HttpResponseMessage response = await GetAsync(publicPort, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterIncrements_ListsEveryMetricInPrometheusText()
    {
        var metrics = new EasMetrics(Metrics.NewCustomRegistry());
        metrics.RecordRequest("Sync", "16.1", 200, TimeSpan.FromMilliseconds(42));
        metrics.RecordRequest("Ping", "14.1", 200, TimeSpan.FromMinutes(9));
        metrics.RecordFailedLogin(AuthenticationFailureReason.WrongPassword);
        metrics.ObserveHeldRequests(() => 1);
        await StartAsync(_ => Task.FromResult(true), metrics: metrics);

        HttpResponseMessage response = await GetAsync(publicPort, "/metrics");
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("pushbox_eas_requests_total{command=\"Sync\",protocol_version=\"16.1\",status=\"200\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("pushbox_eas_request_duration_seconds_bucket{command=\"Sync\",le=\"0.05\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("pushbox_eas_request_duration_seconds_count{command=\"Ping\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("pushbox_eas_failed_logins_total{reason=\"wrong_password\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("pushbox_eas_held_requests 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalPort_Set_EndpointsAnswerOnlyOnTheManagementPort()
    {
        await StartAsync(_ => Task.FromResult(true), restrict: true);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(publicPort, "/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(publicPort, "/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(managementPort, "/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(managementPort, "/metrics")).StatusCode);
    }

    [Fact]
    public async Task RequireLocalPort_WorksForRequestDelegateAndRouteHandlerEndpoints()
    {
        await StartAsync(
            _ => Task.FromResult(true),
            extra: (web, port) =>
            {
                web.MapGet("/delegate", (RequestDelegate)(context => context.Response.WriteAsync("delegate"))).RequireLocalPort(port);
                web.MapGet("/handler", () => "handler").RequireLocalPort(port);
            });

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(publicPort, "/delegate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(publicPort, "/handler")).StatusCode);
        Assert.Equal("delegate", await (await GetAsync(managementPort, "/delegate")).Content.ReadAsStringAsync());
        Assert.Equal("handler", await (await GetAsync(managementPort, "/handler")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MapPushboxOperations_CustomPaths_AreUsed()
    {
        await StartAsync(_ => Task.FromResult(true), new OperationsOptions { HealthPath = "/health", MetricsPath = "/stats" });

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(publicPort, "/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(publicPort, "/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(publicPort, "/healthz")).StatusCode);
    }

    [Fact]
    public void OperationsOptions_Validate_NamesBadSettings()
    {
        Assert.Empty(new OperationsOptions().Validate());
        Assert.Contains(new OperationsOptions { HealthPath = "healthz" }.Validate(), e => e.StartsWith("Operations:HealthPath", StringComparison.Ordinal));
        Assert.Contains(new OperationsOptions { MetricsPath = "/healthz" }.Validate(), e => e.Contains("must differ", StringComparison.Ordinal));
        Assert.Contains(new OperationsOptions { HealthCheckTimeout = TimeSpan.Zero }.Validate(), e => e.StartsWith("Operations:HealthCheckTimeout", StringComparison.Ordinal));
        Assert.Contains(new OperationsOptions { LocalPort = 70000 }.Validate(), e => e.StartsWith("Operations:LocalPort", StringComparison.Ordinal));
    }

    private async Task StartAsync(
        Func<CancellationToken, Task<bool>> healthCheck,
        OperationsOptions? options = null,
        EasMetrics? metrics = null,
        bool restrict = false,
        Action<WebApplication, int>? extra = null)
    {
        publicPort = FreePort();
        managementPort = FreePort();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ListLoggerProvider(log));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, publicPort);
            kestrel.Listen(IPAddress.Loopback, managementPort);
        });
        app = builder.Build();
        options ??= new OperationsOptions();
        if (restrict)
        {
            options.LocalPort = managementPort;
        }

        app.MapPushboxOperations(metrics ?? new EasMetrics(Metrics.NewCustomRegistry()), healthCheck, options);
        extra?.Invoke(app, managementPort);
        await app.StartAsync();
    }

    private Task<HttpResponseMessage> GetAsync(int port, string path) => client.GetAsync(Url(port, path));

    private static Uri Url(int port, string path) => new($"http://127.0.0.1:{port}{path}");

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
