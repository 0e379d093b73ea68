using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Pushbox.Tests;

/// <summary>The process-wide concurrency limit of pushbox serve: past it, 503 with Retry-After at once.</summary>
public sealed class ServeOverloadTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-overload-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Serve_OverTheConcurrencyLimit_Answers503WithRetryAfter()
    {
        Assert.Equal(0, (await PushboxProcess.RunAsync(Encoding.UTF8.GetBytes("pw\n"), "--data", _data, "user", "add", "busy@example.com", "--password-stdin")).ExitCode);
        int https = PushboxProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["PUSHBOX__Management__Url"] = $"http://127.0.0.1:{PushboxProcess.FreePort()}",
            ["PUSHBOX__ActiveSync__MaxConcurrentRequests"] = "1",
            ["PUSHBOX__ActiveSync__OverloadedRetryAfterSeconds"] = "7",
        };
        using Process server = PushboxProcess.Start(environment, "--data", _data, "serve", "--urls", $"https://127.0.0.1:{https}", "--smtp", $"127.0.0.1:{PushboxProcess.FreePort()}");
        try
        {
            _ = server.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            _ = server.StandardError.BaseStream.CopyToAsync(Stream.Null);
            await PushboxProcess.WaitForPortAsync(https, server);

            // One request whose body never finishes holds the only permit.
            using var slow = new TcpClient();
            await slow.ConnectAsync(IPAddress.Loopback, https);
            using var tls = new SslStream(slow.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
            await tls.AuthenticateAsClientAsync("localhost");
            string head = "POST /Microsoft-Server-ActiveSync?Cmd=FolderSync&User=busy&DeviceId=SLOW1&DeviceType=Test HTTP/1.1\r\n" +
                "Host: localhost\r\nAuthorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("busy@example.com:pw")) + "\r\n" +
                "MS-ASProtocolVersion: 14.1\r\nContent-Type: application/vnd.ms-sync.wbxml\r\nContent-Length: 1000\r\n\r\n\u0003\u0001j\u0000";
            await tls.WriteAsync(Encoding.Latin1.GetBytes(head));
            await tls.FlushAsync();
            await Task.Delay(500);

            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
            using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
            using var request = new HttpRequestMessage(HttpMethod.Options, $"https://127.0.0.1:{https}/Microsoft-Server-ActiveSync");
            using HttpResponseMessage response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
