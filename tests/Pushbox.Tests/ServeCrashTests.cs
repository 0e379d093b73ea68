using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Storage;

namespace Pushbox.Tests;

/// <summary>The SMTP promise end to end: a message that got its 250 survives SIGKILL of the server.</summary>
public sealed class ServeCrashTests : IDisposable
{
    private const string Recipient = "flood@example.com";
    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-crash-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Serve_KilledWithSigkillMidFlood_KeepsEveryAcknowledgedMessage()
    {
        var added = await PushboxProcess.RunAsync(Encoding.UTF8.GetBytes("pw\n"), "--data", _data, "user", "add", Recipient, "--password-stdin");
        Assert.True(added.ExitCode == 0, added.Stderr);

        (Process server, int port) = PushboxProcess.StartServe(_data);
        var acknowledged = new ConcurrentBag<string>();
        try
        {
            server.StandardOutput.BaseStream.CopyToAsync(Stream.Null).ContinueWith(_ => { }, TaskScheduler.Default).GetAwaiter();
            server.StandardError.BaseStream.CopyToAsync(Stream.Null).ContinueWith(_ => { }, TaskScheduler.Default).GetAwaiter();
            await PushboxProcess.WaitForPortAsync(port, server);

            using var stop = new CancellationTokenSource();
            Task[] senders = [.. Enumerable.Range(0, 4).Select(n => FloodAsync(port, n, acknowledged, stop.Token))];
            var deadline = Stopwatch.StartNew();
            while (acknowledged.Count < 60 && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20);
            }

            server.Kill(entireProcessTree: true); // SIGKILL: no shutdown code runs
            await server.WaitForExitAsync();
            stop.Cancel();
            await Task.WhenAll(senders);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }

            server.Dispose();
        }

        Assert.True(acknowledged.Count >= 60, $"only {acknowledged.Count} messages were acknowledged before the kill");

        // Restart on the same folder: the store recovers, then every acknowledged message is there.
        (Process restarted, int port2) = PushboxProcess.StartServe(_data);
        using (restarted)
        {
            try
            {
                await PushboxProcess.WaitForPortAsync(port2, restarted);
            }
            finally
            {
                restarted.Kill(entireProcessTree: true);
                await restarted.WaitForExitAsync();
            }
        }

        HashSet<string> stored = await StoredMessageIdsAsync();
        string[] lost = [.. acknowledged.Where(id => !stored.Contains(id))];
        Assert.True(lost.Length == 0, $"{lost.Length} of {acknowledged.Count} acknowledged messages are missing: {string.Join(", ", lost.Take(10))}");
    }

    private static async Task FloodAsync(int port, int sender, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None, stop);
            string body = new('x', 20 * 1024);
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                string id = $"flood-{sender}-{i}@test.example";
                var message = new MimeMessage { Subject = $"flood {sender} {i}", MessageId = id, Body = new TextPart("plain") { Text = body } };
                message.From.Add(MailboxAddress.Parse("sender@remote.example"));
                message.To.Add(MailboxAddress.Parse(Recipient));
                await client.SendAsync(message, stop);
                acknowledged.Add(id); // only after the 250 to DATA
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SmtpProtocolException or SmtpCommandException or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException)
        {
            // the server died under us: that is the point
        }
    }

    private async Task<HashSet<string>> StoredMessageIdsAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddPushboxStorage(new StorageOptions { DataDirectory = _data });
        await using ServiceProvider provider = services.BuildServiceProvider();
        var user = await provider.GetRequiredService<IDirectory>().FindUserAsync(Recipient, CancellationToken.None);
        var store = provider.GetRequiredService<IMailboxStore>();
        Folder inbox = await store.GetStandardFolderAsync(user!.Id, FolderType.Inbox, CancellationToken.None);
        ItemChanges changes = await store.GetChangesAsync(user.Id, inbox.Id, 0, int.MaxValue, CancellationToken.None);
        return [.. changes.Changed.Select(item => item.Email!.MessageId)];
    }
}
