using System.Diagnostics;

namespace Pushbox.Tests;

/// <summary>Runs the built <c>pushbox</c> executable as an administrator would, with bytes on standard input.</summary>
internal static class PushboxProcess
{
    public sealed record Result(int ExitCode, byte[] Stdout, string Stderr);

    public static async Task<Result> RunAsync(byte[] stdin, params string[] arguments)
    {
        using Process process = Start(arguments);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = new MemoryStream();
        Task copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout, timeout.Token);
        Task<string> readErr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardInput.BaseStream.WriteAsync(stdin, timeout.Token);
        process.StandardInput.Close();
        await process.WaitForExitAsync(timeout.Token);
        await copyOut;
        return new Result(process.ExitCode, stdout.ToArray(), await readErr);
    }

    /// <summary>Starts <c>pushbox ARGUMENTS</c> with standard input, output and error redirected; the caller reads or discards them.</summary>
    public static Process Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="Start(string[])"/>, with extra environment variables (e.g. <c>PUSHBOX__Management__Url</c>).</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pushbox.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>
    /// Starts <c>pushbox serve</c> on free loopback ports only (HTTPS, management, SMTP), so that tests
    /// never collide with each other or with a server running on the defaults. Returns the SMTP port.
    /// </summary>
    public static (Process Server, int SmtpPort) StartServe(string dataDirectory)
    {
        int smtp = FreePort();
        var environment = new Dictionary<string, string> { ["PUSHBOX__Management__Url"] = $"http://127.0.0.1:{FreePort()}" };
        return (Start(environment, "--data", dataDirectory, "serve", "--urls", $"https://127.0.0.1:{FreePort()}", "--smtp", $"127.0.0.1:{smtp}"), smtp);
    }

    /// <summary>A TCP port on loopback that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on the loopback port, or fails after 60 seconds.</summary>
    public static async Task WaitForPortAsync(int port, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"pushbox exited with {process.ExitCode} before listening: {await process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Nothing listened on port {port} within 60 seconds.");
    }
}
