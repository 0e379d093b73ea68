using System.Diagnostics;
using Pushbox.Testing.Eas;

namespace Pushbox.Http.Benchmarks;

/// <summary>Runs one concurrency level: every client sends its FolderSync (or OPTIONS) in a closed loop (the next as soon as the last answered).</summary>
internal static class LoadRun
{
    public static async Task<LevelResult> RunAsync(IReadOnlyList<PrimedDevice> devices, int clients, bool options, TimeSpan warmup, TimeSpan duration, PushboxServerProcess server, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        long measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        long measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Task<(List<double> Latencies, int Errors)>[clients];
        for (int i = 0; i < clients; i++)
        {
            PrimedDevice device = devices[i];
            workers[i] = Task.Run(() => LoopAsync(device, options, measureFrom, measureTo, cancellationToken), cancellationToken);
        }

        // Processor time is read when the window opens and when it closes; requests still in flight then finish uncounted.
        await DelayUntilAsync(measureFrom, cancellationToken);
        TimeSpan? serverCpuBefore = server.ServerProcessorTime();
        TimeSpan clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await DelayUntilAsync(measureTo, cancellationToken);
        TimeSpan? serverCpuAfter = server.ServerProcessorTime();
        TimeSpan clientCpuAfter = Process.GetCurrentProcess().TotalProcessorTime;
        (List<double> Latencies, int Errors)[] results = await Task.WhenAll(workers);

        double[] latencies = [.. results.SelectMany(r => r.Latencies).Order()];
        return new LevelResult(
            clients,
            latencies.Length,
            duration,
            latencies,
            results.Sum(r => r.Errors),
            serverCpuAfter - serverCpuBefore,
            clientCpuAfter - clientCpuBefore);
    }

    private static Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }

    private static async Task<(List<double>, int)> LoopAsync(PrimedDevice device, bool options, long measureFrom, long measureTo, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(4096);
        int errors = 0;
        while (Stopwatch.GetTimestamp() < measureTo)
        {
            long sent = Stopwatch.GetTimestamp();
            bool ok;
            try
            {
                ok = options ? await device.OptionsAsync(cancellationToken) : await device.SyncAsync(cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                ok = false;
            }

            long answered = Stopwatch.GetTimestamp();
            if (answered >= measureFrom && answered < measureTo)
            {
                if (ok)
                {
                    latencies.Add((answered - sent) * 1000.0 / Stopwatch.Frequency);
                }
                else
                {
                    errors++;
                }
            }
        }

        return (latencies, errors);
    }
}
