using System.Diagnostics;

namespace Pushbox.Tests;

/// <summary>Runs the built <c>pushbox</c> executable as an administrator would, with bytes on standard input.</summary>
internal static class PushboxProcess
{
    public sealed record Result(int ExitCode, byte[] Stdout, string Stderr);

    public static async Task<Result> RunAsync(byte[] stdin, params string[] arguments)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
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
}
