using System.Collections.Concurrent;
using System.Diagnostics;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// Where a delivered message spends its time inside the server: the durations of the store calls
/// the SMTP intake makes per message, collected by <see cref="TimedBlobStore"/> and
/// <see cref="TimedMailboxStore"/> around the real stores. Thread-safe; reading costs two timestamps per call.
/// </summary>
internal sealed class StageClock
{
    private readonly ConcurrentDictionary<Stage, ConcurrentQueue<double>> samples = new();

    public enum Stage
    {
        /// <summary><c>IBlobStore.PutAsync</c>: streams DATA from the socket into a temp file, fsyncs it, renames it, fsyncs the folder.</summary>
        BlobPut,

        /// <summary><c>IMailboxStore.GetStandardFolderAsync</c>: one indexed read.</summary>
        FolderLookup,

        /// <summary><c>IMailboxStore.AddEmailAsync</c>: a write transaction (bump the folder's modseq, insert the item) and its durable commit.</summary>
        AddEmail,
    }

    /// <summary>Starts timing a call; pass the result to <see cref="Stop"/>.</summary>
    public static long Start() => Stopwatch.GetTimestamp();

    public void Stop(Stage stage, long started) =>
        samples.GetOrAdd(stage, _ => new ConcurrentQueue<double>()).Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    /// <summary>The durations of <paramref name="stage"/> in milliseconds since the last <see cref="Clear"/>.</summary>
    public double[] Milliseconds(Stage stage) => samples.TryGetValue(stage, out ConcurrentQueue<double>? queue) ? [.. queue] : [];

    /// <summary>Forgets everything timed so far (after the warm-up).</summary>
    public void Clear() => samples.Clear();
}
