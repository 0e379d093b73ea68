namespace Pushbox.Storage.Tests;

/// <summary>SQLite databases in a temporary folder, one subfolder (data directory) each.</summary>
public sealed class SqliteStorageFixture : StorageFixture
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "pushbox-storage-tests-" + Guid.NewGuid().ToString("N"));

    public override StorageProvider Provider => StorageProvider.Sqlite;

    protected override Task<StorageOptions> CreateDatabaseAsync() =>
        Task.FromResult(new StorageOptions
        {
            Provider = StorageProvider.Sqlite,
            DataDirectory = Path.Combine(root, Guid.NewGuid().ToString("N")),
        });

    protected override Task DropAllAsync()
    {
        // Pooled SQLite connections keep the files open; close them so the folder can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(root))
        {
            System.IO.Directory.Delete(root, recursive: true);
        }

        return Task.CompletedTask;
    }
}
