using System.Globalization;
using Npgsql;

namespace Pushbox.Storage;

/// <summary>
/// Where Pushbox keeps its data. Binds from configuration; <see cref="Validate"/> runs when storage is
/// registered (<see cref="StorageServiceCollectionExtensions.AddPushboxStorage"/>), so a bad setting stops
/// the process at start with a message naming the setting.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The SQLite database file inside <see cref="DataDirectory"/>.</summary>
    public const string SqliteFileName = "pushbox.db";

    /// <summary>The folder of content blobs inside <see cref="DataDirectory"/>.</summary>
    public const string BlobFolderName = "blobs";

    /// <summary>The longest <see cref="BusyTimeout"/> accepted.</summary>
    public static readonly TimeSpan MaxBusyTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The database; SQLite unless set.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The data folder (required for both providers): it holds <c>pushbox.db</c> with SQLite and the
    /// content blobs (<c>blobs/</c>) always. Created when missing. Several PostgreSQL nodes must share it.
    /// </summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>
    /// The PostgreSQL connection string (Npgsql syntax: <c>Host=…;Database=…;Username=…;Password=…</c>);
    /// required with <see cref="StorageProvider.Postgres"/>, not allowed with SQLite (whose database is
    /// always <c>DataDirectory/pushbox.db</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How long a SQLite statement waits for another process's write lock before giving up (default
    /// 30 seconds, at most <see cref="MaxBusyTimeout"/>). Not used with PostgreSQL.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The problems with these options, each naming the setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Provider))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Storage:Provider {(int)Provider} is unknown; use Sqlite or Postgres."));
        }

        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add("Storage:DataDirectory is required: the folder for pushbox.db (SQLite) and the content blobs.");
        }
        else if (DataDirectory.AsSpan().IndexOfAny(['\0']) >= 0)
        {
            errors.Add("Storage:DataDirectory contains a NUL character.");
        }

        if (Provider == StorageProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(ConnectionString))
            {
                errors.Add("Storage:ConnectionString is required with Provider=Postgres (for example Host=db.example.com;Database=pushbox;Username=pushbox;Password=…).");
            }
            else
            {
                try
                {
                    var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
                    if (string.IsNullOrWhiteSpace(builder.Host))
                    {
                        errors.Add("Storage:ConnectionString names no Host.");
                    }
                }
                catch (ArgumentException e)
                {
                    // The connection string may hold a password: report the parser's reason only.
                    errors.Add($"Storage:ConnectionString is not a valid PostgreSQL connection string: {e.Message}");
                }
            }
        }
        else if (Provider == StorageProvider.Sqlite && !string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add("Storage:ConnectionString is not used with Provider=Sqlite (the database is DataDirectory/pushbox.db); remove it or set Provider=Postgres.");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > MaxBusyTimeout)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Storage:BusyTimeout must be between 0 and {MaxBusyTimeout}; it is {BusyTimeout}."));
        }

        return errors;
    }
}
