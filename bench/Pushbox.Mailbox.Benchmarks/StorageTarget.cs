using Microsoft.Data.Sqlite;
using Pushbox.Storage;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// A fresh place to store a mailbox: a temporary data folder (the SQLite file and the blobs) and, for
/// PostgreSQL, a database with a random name. Disposing removes both, also after a failure or Ctrl+C.
/// </summary>
internal sealed class StorageTarget : IAsyncDisposable
{
    private readonly PostgresServer? server;

    private StorageTarget(StorageProvider provider, string dataDirectory, PostgresServer? server, string? database)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        this.server = server;
        Database = database;
    }

    public StorageProvider Provider { get; }

    /// <summary>The temporary data folder; deleted on disposal.</summary>
    public string DataDirectory { get; }

    /// <summary>The PostgreSQL database; dropped on disposal. Null for SQLite.</summary>
    public string? Database { get; }

    /// <summary>The server the database lives on, for reading its statistics. Null for SQLite.</summary>
    public PostgresServer? Server => server;

    /// <summary>The settings <c>AddPushboxStorage</c> gets, as <c>pushbox serve</c> would build them.</summary>
    public StorageOptions Options => new()
    {
        Provider = Provider,
        DataDirectory = DataDirectory,
        ConnectionString = Database is null ? null : server!.ConnectionStringFor(Database),
    };

    public static async Task<StorageTarget> CreateAsync(StorageProvider provider, PostgresServer postgres, CancellationToken cancellationToken)
    {
        string dataDirectory = Directory.CreateTempSubdirectory("pushbox-bench-").FullName;
        if (provider == StorageProvider.Sqlite)
        {
            return new StorageTarget(provider, dataDirectory, null, null);
        }

        try
        {
            string database = await postgres.CreateDatabaseAsync(cancellationToken);
            return new StorageTarget(provider, dataDirectory, postgres, database);
        }
        catch
        {
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }
    }

    /// <summary>Drops the database and deletes the data folder. Call after the services using them are disposed.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Database is not null)
            {
                await server!.DropDatabaseAsync(Database);
            }
        }
        finally
        {
            // Pooled SQLite connections keep the file open; close them before the folder goes.
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }
}
