using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Npgsql;
using Pushbox.Storage;
using Pushbox.Storage.Blobs;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// What one durable write costs on this machine, measured beside Pushbox rather than through it, so
/// the per-message figures can be split into "waiting for the disk" and the rest: a 20 KB blob put
/// with and without its fsyncs, and a one-row commit with and without its flush, one at a time.
/// </summary>
internal static class DurabilityProbe
{
    /// <summary>Medians in milliseconds.</summary>
    /// <param name="BlobDurableMs"><c>FileBlobStore.PutAsync</c> of 20 KB from memory: write, fsync, rename, fsync of the folder.</param>
    /// <param name="BlobPlainMs">The same file write and rename without the two fsyncs.</param>
    /// <param name="CommitDurableMs">One-row INSERT transaction as Pushbox commits (SQLite WAL with synchronous=FULL; PostgreSQL synchronous_commit=on).</param>
    /// <param name="CommitPlainMs">The same without waiting for the flush (SQLite synchronous=OFF; PostgreSQL synchronous_commit=off).</param>
    public sealed record Result(double BlobDurableMs, double BlobPlainMs, double CommitDurableMs, double CommitPlainMs);

    public static async Task<Result> RunAsync(StorageTarget target, int iterations, int blobBytes, CancellationToken cancellationToken)
    {
        string folder = Path.Combine(target.DataDirectory, "probe");
        Directory.CreateDirectory(folder);
        double blobDurable = await BlobDurableAsync(folder, iterations, blobBytes, cancellationToken);
        double blobPlain = await BlobPlainAsync(folder, iterations, blobBytes, cancellationToken);
        (double durable, double plain) = target.Provider == StorageProvider.Sqlite
            ? (await SqliteCommitAsync(folder, "FULL", iterations, cancellationToken), await SqliteCommitAsync(folder, "OFF", iterations, cancellationToken))
            : (await PostgresCommitAsync(target, "on", iterations, cancellationToken), await PostgresCommitAsync(target, "off", iterations, cancellationToken));
        return new Result(blobDurable, blobPlain, durable, plain);
    }

    private static async Task<double> BlobDurableAsync(string folder, int iterations, int bytes, CancellationToken cancellationToken)
    {
        var store = new FileBlobStore(Path.Combine(folder, "blobs"), TimeProvider.System);
        byte[] content = RandomNumberGenerator.GetBytes(bytes);
        var times = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            BitConverter.TryWriteBytes(content, i); // distinct content: each put writes a new blob
            using var stream = new MemoryStream(content, writable: false);
            long started = Stopwatch.GetTimestamp();
            await store.PutAsync(stream, bytes, cancellationToken);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return Statistics.Percentile(times, 50);
    }

    private static async Task<double> BlobPlainAsync(string folder, int iterations, int bytes, CancellationToken cancellationToken)
    {
        string plain = Path.Combine(folder, "plain");
        Directory.CreateDirectory(plain);
        byte[] content = RandomNumberGenerator.GetBytes(bytes);
        var times = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            string temp = Path.Combine(plain, $"{i}.tmp");
            long started = Stopwatch.GetTimestamp();
            var file = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0, Options = FileOptions.Asynchronous });
            await using (file)
            {
                await file.WriteAsync(content, cancellationToken);
            }

            File.Move(temp, Path.Combine(plain, $"{i}.blob"));
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return Statistics.Percentile(times, 50);
    }

    private static async Task<double> SqliteCommitAsync(string folder, string synchronous, int iterations, CancellationToken cancellationToken)
    {
        string path = Path.Combine(folder, $"probe-{synchronous}.db");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; CREATE TABLE probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL);", cancellationToken);
            var times = new double[iterations];
            for (int i = 0; i < iterations; i++)
            {
                long started = Stopwatch.GetTimestamp();
                using (SqliteTransaction transaction = connection.BeginTransaction(deferred: false))
                {
                    await using SqliteCommand insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO probe (body) VALUES ('one row of about a hundred bytes, like an item row without its text columns')";
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            return Statistics.Percentile(times, 50);
        }
    }

    private static async Task<double> PostgresCommitAsync(StorageTarget target, string synchronousCommit, int iterations, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(target.Server!.ConnectionStringFor(target.Database!));
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, $"SET synchronous_commit = {synchronousCommit}; CREATE TABLE IF NOT EXISTS bench_probe (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL)", cancellationToken);
            var times = new double[iterations];
            for (int i = 0; i < iterations; i++)
            {
                long started = Stopwatch.GetTimestamp();
                await using (NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken))
                {
                    await using var insert = new NpgsqlCommand("INSERT INTO bench_probe (body) VALUES ('one row of about a hundred bytes, like an item row without its text columns')", connection, transaction);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            return Statistics.Percentile(times, 50);
        }
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using System.Data.Common.DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
