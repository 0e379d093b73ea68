using System.Diagnostics;
using System.Globalization;
using Pushbox.Testing.Eas;

namespace Pushbox.Push.Benchmarks;

/// <summary>
/// One level: a fresh data folder and server, <c>devices</c> primed devices, the server's memory before and after
/// every device holds a Ping, mail to a few users to time the wake-up, then the server stopped (which answers the
/// held Pings) and the folder deleted.
/// </summary>
internal static class LevelRun
{
    private const string Password = "bench-Passw0rd";

    // Answers the server owes within this time once the SMTP 250 is back, and at shutdown.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    public static async Task<LevelResult> RunAsync(PushSettings settings, string dll, int devices, CancellationToken cancellationToken)
    {
        int users = (devices + settings.DevicesPerUser - 1) / settings.DevicesPerUser;
        string data = Directory.CreateTempSubdirectory("pushbox-push-bench-").FullName;
        var primed = new List<PushDevice>(devices);
        PushboxServerProcess? server = null;
        try
        {
            string[] names = [.. Enumerable.Range(0, users).Select(u => string.Create(CultureInfo.InvariantCulture, $"push{u:D5}@bench.example"))];
            var clock = Stopwatch.StartNew();
            await PushboxCli.ImportUsersAsync(dll, data, names.Select(u => (u, Password, u[..u.IndexOf('@', StringComparison.Ordinal)])), cancellationToken);
            Log($"{devices:N0} devices: added {users:N0} users in {clock.Elapsed.TotalSeconds:N0} s");

            var options = new PushboxServerOptions { PushboxDll = dll, DataDirectory = data, PlainHttp = settings.PlainHttp };
            foreach ((string name, string value) in settings.ServerEnvironment)
            {
                options.Environment[name] = value;
            }

            server = await PushboxServerProcess.StartAsync(options, cancellationToken);
            int pid = server.ServerProcessId ?? throw new InvalidOperationException("The server's process id is unknown.");
            long started = await StableRssAsync(pid, cancellationToken);
            Log($"  server RSS at start {started / 1048576.0:N1} MB");

            // Priming: a few devices at a time; each keeps its client and its one connection.
            clock.Restart();
            using (var gate = new SemaphoreSlim(settings.Priming))
            {
                int done = 0;
                // Each user's first device goes first: the server caches a verified password, but concurrent first
                // sign-ins of one user each hash it.
                IEnumerable<int> order = Enumerable.Range(0, devices).OrderBy(i => i % settings.DevicesPerUser != 0);
                PushDevice[] ready = await Task.WhenAll(order.Select(async i =>
                {
                    await gate.WaitAsync(cancellationToken);
                    try
                    {
                        int user = i / settings.DevicesPerUser;
                        EasClientOptions client = server.ClientOptions(names[user], Password, string.Create(CultureInfo.InvariantCulture, $"P{devices}D{i:D6}"), "16.1");
                        client.DeviceType = "PushBench";
                        client.MaxConnectionsPerServer = 1;
                        client.Timeout = TimeSpan.FromSeconds(PushDevice.HeartbeatInterval + 120);
                        PushDevice device = await PushDevice.PrimeAsync(client, user, cancellationToken);
                        if (Interlocked.Increment(ref done) % 1000 == 0)
                        {
                            Log($"  primed {done:N0} ({clock.Elapsed.TotalSeconds:N0} s)");
                        }

                        return device;
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
                primed.AddRange(ready);
            }

            double primingSeconds = clock.Elapsed.TotalSeconds;

            // Devices primed early have been idle for minutes: refresh every connection (a few at a time), so that
            // none is past Kestrel's keep-alive timeout when its Ping goes.
            using (var gate = new SemaphoreSlim(settings.Priming))
            {
                await Task.WhenAll(primed.Select(async device =>
                {
                    await gate.WaitAsync(cancellationToken);
                    try
                    {
                        await device.TouchAsync(cancellationToken);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }

            Log($"  refreshed every connection in {clock.Elapsed.TotalSeconds - primingSeconds:N0} s");
            await Task.Delay(settings.Settle, cancellationToken);
            long idle = await StableRssAsync(pid, cancellationToken);
            Log($"  primed in {primingSeconds:N0} s; server RSS idle {idle / 1048576.0:N1} MB; sending {devices:N0} Pings");

            // Every device Pings; the server must end up holding all of them.
            clock.Restart();
            Task<PingOutcome>[] pings = [.. primed.Select(d => d.PingAsync(cancellationToken))];
            // "All held" means the server went quiet: under a quarter of a core for 3 seconds (with thousands of
            // connections open it never drops to 0), with no Ping answered; its held-requests gauge must then say N.
            int quiet = 0;
            TimeSpan? cpu = server.ServerProcessorTime();
            while (quiet < 3 && !pings.Any(p => p.IsCompleted))
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException($"The server was still busy 5 minutes after the Pings were sent.");
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                TimeSpan? now = server.ServerProcessorTime();
                quiet = now - cpu < TimeSpan.FromMilliseconds(250) ? quiet + 1 : 0;
                cpu = now;
            }

            double holdingSeconds = clock.Elapsed.TotalSeconds;
            int errors = pings.Count(p => p.IsCompleted);
            long heldRss = await StableRssAsync(pid, cancellationToken);
            int gauge = await HeldGaugeAsync(server, cancellationToken);
            if (gauge != devices - errors)
            {
                Log($"  the server's held-requests gauge says {gauge:N0}, not {devices - errors:N0}");
                errors++;
            }

            Log($"  {devices - errors:N0} held after {holdingSeconds:N1} s ({errors} answered at once); server RSS {heldRss / 1048576.0:N1} MB, this tool {Environment.WorkingSet / 1048576.0:N0} MB");

            if (settings.Inspect > TimeSpan.Zero)
            {
                Log($"  holding for {settings.Inspect.TotalSeconds:N0} s: the server is process {pid}");
                await Task.Delay(settings.Inspect, cancellationToken);
            }

            // Mail to a few users, one delivery each, one after the other; their devices' Pings must answer Status 2.
            int woken = Math.Max(1, (int)Math.Round(users * settings.WakePercent / 100));
            int[] chosen = [.. Enumerable.Range(0, woken).Select(j => (int)((long)j * users / woken))];
            var sentAt = new Dictionary<int, long>();
            var acceptedAt = new Dictionary<int, long>();
            foreach (int user in chosen)
            {
                byte[] message = SmtpDelivery.TextMessage("sender@bench.example", names[user], "Wake up", "A message that ends a held Ping.");
                sentAt[user] = Stopwatch.GetTimestamp();
                await SmtpDelivery.DeliverRawAsync(server.SmtpPort, "sender@bench.example", names[user], message, cancellationToken);
                acceptedAt[user] = Stopwatch.GetTimestamp();
            }

            var wakeMs = new List<double>();
            var sendToWakeMs = new List<double>();
            var wokenIndexes = Enumerable.Range(0, devices).Where(i => acceptedAt.ContainsKey(primed[i].User)).ToHashSet();
            foreach (int i in wokenIndexes)
            {
                PingOutcome? outcome = await AnswerAsync(pings[i]);
                if (outcome is { HttpStatus: 200, Status: 2 })
                {
                    wakeMs.Add(Milliseconds(acceptedAt[primed[i].User], outcome.Answered));
                    sendToWakeMs.Add(Milliseconds(sentAt[primed[i].User], outcome.Answered));
                }
                else
                {
                    errors++;
                    Log($"  device {i}: woken Ping answered {Describe(outcome)}");
                }
            }

            // The others must still be held.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            int early = Enumerable.Range(0, devices).Count(i => !wokenIndexes.Contains(i) && pings[i].IsCompleted);
            errors += early;
            Log($"  woke {wakeMs.Count} of {wokenIndexes.Count} Pings through {chosen.Length} deliveries; {early} other Pings answered early");

            // Stopping the server answers every held Ping (Status 1).
            int[] stillHeld = [.. Enumerable.Range(0, devices).Where(i => !wokenIndexes.Contains(i) && !pings[i].IsCompleted)];
            clock.Restart();
            await server.DisposeAsync();
            server = null;
            int ended = 0;
            foreach (int i in stillHeld)
            {
                PingOutcome? outcome = await AnswerAsync(pings[i]);
                if (outcome is { HttpStatus: 200, Status: 1 })
                {
                    ended++;
                }
                else if (errors++ < 5)
                {
                    Log($"  device {i}: held Ping answered at shutdown {Describe(outcome)}");
                }
            }

            Log($"  server stopped in {clock.Elapsed.TotalSeconds:N1} s; {ended:N0} held Pings answered Status 1 at shutdown");
            return new LevelResult(devices, users, started, idle, heldRss, [.. wakeMs.Order()], [.. sendToWakeMs.Order()], errors, ended, primingSeconds, holdingSeconds);
        }
        catch (Exception e) when (server is not null && e is not OperationCanceledException)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, server.Output.TakeLast(30)));
            throw;
        }
        finally
        {
            foreach (PushDevice device in primed)
            {
                device.Dispose();
            }

            if (server is not null)
            {
                await server.DisposeAsync();
            }

            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The server's <c>pushbox_eas_held_requests</c> gauge, read from its management listener.</summary>
    private static async Task<int> HeldGaugeAsync(PushboxServerProcess server, CancellationToken cancellationToken)
    {
        // A scrape waits its turn behind the work the Pings brought; give it time.
        using var management = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        string metrics = await management.GetStringAsync(new Uri(server.ManagementAddress, "metrics"), cancellationToken);
        string? line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("pushbox_eas_held_requests ", StringComparison.Ordinal));
        return line is null ? -1 : (int)double.Parse(line["pushbox_eas_held_requests ".Length..], CultureInfo.InvariantCulture);
    }

    private static async Task<PingOutcome?> AnswerAsync(Task<PingOutcome> ping)
    {
        try
        {
            return await ping.WaitAsync(AnswerTimeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private static string Describe(PingOutcome? outcome) => outcome switch
    {
        null => "nothing in time",
        { Failure: { } failure } => $"with a failure: {failure}",
        _ => $"HTTP {outcome.HttpStatus}, Status {outcome.Status?.ToString(CultureInfo.InvariantCulture) ?? "none"}",
    };

    /// <summary>The server's VmRSS once it stops moving: five readings a second apart within 1 % (at most a minute).</summary>
    private static async Task<long> StableRssAsync(int pid, CancellationToken cancellationToken)
    {
        var readings = new Queue<long>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            readings.Enqueue(ProcessMemory.Read(pid).Rss);
            if (readings.Count > 5)
            {
                readings.Dequeue();
            }

            if ((readings.Count == 5 && readings.Max() - readings.Min() <= readings.Max() / 100) || clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                return readings.Last();
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private static void Log(FormattableString line) => Console.WriteLine(FormattableString.Invariant(line));
}
