using System.Text;
using Pushbox.Mailbox.Users;
using Pushbox.Smtp.Tests.Support;

namespace Pushbox.Smtp.Tests;

[CollectionDefinition(nameof(StreamingTests), DisableParallelization = true)]
public sealed class StreamingTestGroup;

/// <summary>A large message goes from the socket to the blob store without being held in memory.</summary>
[Collection(nameof(StreamingTests))]
public sealed class StreamingTests
{
    [Fact]
    public async Task Data_A24MiBMessage_CostsFarLessManagedMemoryThanItsSize()
    {
        const int Lines = 24 * 1024 * 1024 / 64;
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO c.test", "250 ");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");

        // 8 KiB chunks of 64-byte lines, a third of them starting with a dot to exercise unstuffing.
        byte[] chunk = new byte[128 * 64];
        for (int i = 0; i < 128; i++)
        {
            byte[] line = Encoding.ASCII.GetBytes((i % 3 == 0 ? ".." : "ab") + new string((char)('a' + (i % 26)), 60) + "\r\n");
            line.CopyTo(chunk, i * 64);
        }

        long before = GC.GetTotalAllocatedBytes(precise: true);
        await client.SendAsync("Subject: big\r\n\r\n");
        for (int sent = 0; sent < Lines; sent += 128)
        {
            await client.SendAsync(chunk);
        }

        await client.SendAsync(".\r\n");
        await client.ExpectAsync("250 2.0.0");
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(allocated < 8 * 1024 * 1024, $"{allocated:N0} bytes allocated for a 24 MiB message");
        Assert.True(Assert.Single((await server.InboxAsync(alice.Id))).Size > 23 * 1024 * 1024);
    }
}
