using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pushbox.Mailbox.Users;
using Pushbox.Smtp.Tests.Support;

namespace Pushbox.Smtp.Tests;

/// <summary>Hosting: limits on sessions and time, shutdown, registration, logging.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Stop_ClosesIdleSessionsWith421_AndStopsAccepting()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        await using RawClient idle = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await idle.CommandAsync("EHLO c.test", "250 ");
        await DurabilityTests.WaitUntilAsync(() => server.Service.ActiveSessions == 1);
        System.Net.IPEndPoint endPoint = server.SmtpEndPoint;

        await server.StopAsync();

        await idle.ExpectAsync("421 4.3.2");
        Assert.True(await idle.IsClosedAsync());
        Assert.Empty(server.Service.SmtpEndPoints);
        await Assert.ThrowsAnyAsync<SocketException>(() => RawClient.ConnectAsync(endPoint));
        Assert.Equal(0, server.Service.ActiveSessions);
    }

    [Fact]
    public async Task Stop_LetsAMessageInFlightFinish_ThenCloses()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Store.BeforeAddEmail = async (_, cancellationToken) =>
        {
            entered.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
        };
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO c.test", "250 ");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync("Subject: in flight\r\n\r\n.\r\n");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Task stopping = server.StopAsync();
        await Task.Delay(200);
        Assert.False(stopping.IsCompleted);
        release.SetResult();

        await client.ExpectAsync("250 2.0.0");
        await client.ExpectAsync("421 4.3.2");
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single((await server.InboxAsync(alice.Id)));
    }

    [Fact]
    public async Task Stop_AfterTheShutdownTimeout_CutsOffTheSessionWithoutAcknowledging()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200));
        User alice = await server.AddUserAsync("alice@example.com");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Store.BeforeAddEmail = (_, cancellationToken) =>
        {
            entered.TrySetResult();
            return Task.Delay(Timeout.Infinite, cancellationToken);
        };
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO c.test", "250 ");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync("Subject: stuck\r\n\r\n.\r\n");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await server.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(await client.IsClosedAsync());
        Assert.Empty((await server.InboxAsync(alice.Id)));
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 4020);
    }

    [Fact]
    public async Task Rcpt_Postmaster_GoesToTheConfiguredMailbox()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(o => o.PostmasterAddress = "admin@example.com");
        User admin = await server.AddUserAsync("admin@example.com");
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO c.test", "250 ");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");

        await client.CommandAsync("RCPT TO:<Postmaster>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync("Subject: abuse report\r\n\r\n.\r\n");
        await client.ExpectAsync("250 2.0.0");

        Assert.Single(await server.InboxAsync(admin.Id));
    }

    [Fact]
    public async Task ConcurrentSessionLimit_RefusesTheExtraConnectionWith421()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(o => o.Limits.MaxConcurrentSessions = 2);
        await using RawClient first = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await using RawClient second = await RawClient.GreetedAsync(server.SmtpEndPoint);

        await using RawClient third = await RawClient.ConnectAsync(server.SmtpEndPoint);
        Assert.StartsWith("421 4.3.2 ", await third.ReadLineAsync(), StringComparison.Ordinal);
        Assert.True(await third.IsClosedAsync());

        await first.CommandAsync("QUIT", "221 2.0.0");
        await DurabilityTests.WaitUntilAsync(() => server.Service.ActiveSessions == 1);
        await using RawClient fourth = await RawClient.GreetedAsync(server.SmtpEndPoint);
    }

    [Fact]
    public async Task CommandTimeout_ClosesASilentSessionWith421()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(o => o.Limits.CommandTimeout = TimeSpan.FromMilliseconds(300));
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);

        await client.ExpectAsync("421 4.4.2");
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task DataTimeout_AbandonsTheMessage()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(o => o.Limits.DataTimeout = TimeSpan.FromMilliseconds(300));
        User alice = await server.AddUserAsync("alice@example.com");
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO c.test", "250 ");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync("Subject: slow\r\n\r\nand then nothing");

        await client.ExpectAsync("421 4.4.2");
        Assert.True(await client.IsClosedAsync());
        Assert.Empty((await server.InboxAsync(alice.Id)));
        Assert.Empty(server.BlobFiles());
    }

    [Fact]
    public async Task Logs_HaveStableIds_AndNeverTheMessageBody()
    {
        const string Secret = "BODY-SECRET-7f3a";
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(o => o.Limits.MaxMessageSize = 4096);
        await server.AddUserAsync("alice@example.com");
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO c.test", "250 ");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("RCPT TO:<nobody@example.com>", "550 5.1.1");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync($"Subject: {Secret}\r\n\r\n{Secret}\r\n.\r\n");
        await client.ExpectAsync("250 2.0.0");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync($"Subject: {Secret}\r\n\r\n{new string('x', 5000)}{Secret}\r\n.\r\n");
        await client.ExpectAsync("552 5.3.4");
        await client.CommandAsync($"NOOP {Secret}", "250 2.0.0");
        await client.CommandAsync("QUIT", "221 2.0.0");
        await server.StopAsync();

        LogEntry[] smtp = server.Logs.Entries.Where(e => e.Category.StartsWith("Pushbox.Smtp", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(smtp);
        Assert.All(smtp, e => Assert.InRange(e.EventId.Id, 4000, 4099));
        Assert.Contains(smtp, e => e.EventId.Id == 4005);
        Assert.Contains(smtp, e => e.EventId.Id == 4009);
        Assert.Contains(smtp, e => e.EventId.Id == 4006);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddPushboxSmtp_RegistersTheHostedService()
    {
        var services = new ServiceCollection();
        var options = new SmtpOptions();

        services.AddPushboxSmtp(options);

        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService));
        Assert.Contains(services, d => d.ServiceType == typeof(SmtpIntakeService));
        Assert.Contains(services, d => d.ServiceType == typeof(SmtpOptions) && d.ImplementationInstance == options);
        await Task.CompletedTask;
    }

    [Fact]
    public void AddPushboxSmtp_RefusesInvalidOptions()
    {
        var options = new SmtpOptions();
        options.Endpoints.Clear();

        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddPushboxSmtp(options));
    }

    [Fact]
    public async Task Start_OnAPortInUse_Fails()
    {
        await using SmtpTestServer first = await SmtpTestServer.StartAsync();

        await Assert.ThrowsAnyAsync<SocketException>(() => SmtpTestServer.StartAsync(o =>
        {
            o.Endpoints.Clear();
            o.Endpoints.Add(first.SmtpEndPoint);
        }));
    }
}
