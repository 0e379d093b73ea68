using System.Text.Json;
using Npgsql;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// A PostgreSQL database of a test's own on the server named by <c>PUSHBOX_TEST_POSTGRES</c> (<c>.ci/run</c> starts one
/// on loopback; the default is the local server with the password postgres): created with the data folder's
/// <c>pushbox.json</c> pointing at it, so that <c>pushbox serve</c> and the CLI on that folder use it, and dropped afterwards.
/// </summary>
internal sealed class TestPostgresDatabase(string prefix)
{
    private readonly NpgsqlConnectionStringBuilder _admin = AdminConnection();

    /// <summary>The database's name, unique to this instance.</summary>
    public string Name { get; } = prefix + Guid.NewGuid().ToString("N");

    /// <summary>Creates the database and writes <c>DATA/pushbox.json</c> with its connection string as the storage.</summary>
    public async Task CreateForAsync(string dataDirectory, CancellationToken cancellationToken = default)
    {
        await AdminAsync($"CREATE DATABASE {Name}");
        var connection = new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Database = Name, Pooling = true };
        string settings = JsonSerializer.Serialize(new { Storage = new { Provider = "Postgres", connection.ConnectionString } });
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "pushbox.json"), settings, cancellationToken);
    }

    /// <summary>Drops the database, closing whatever connections are left to it.</summary>
    public Task DropAsync() => AdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");

    private static NpgsqlConnectionStringBuilder AdminConnection()
    {
        string? configured = Environment.GetEnvironmentVariable("PUSHBOX_TEST_POSTGRES");
        return new NpgsqlConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres" : configured)
        {
            Pooling = false,
            Database = "postgres",
        };
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
