using Npgsql;

namespace Pushbox.Storage.Tests;

/// <summary>
/// PostgreSQL databases with random names on the server named by <c>PUSHBOX_TEST_POSTGRES</c>
/// (default <see cref="DefaultConnectionString"/>), dropped at the end. An unreachable server fails
/// every test of the class: these tests are never skipped.
/// </summary>
public sealed class PostgresStorageFixture : StorageFixture
{
    public const string EnvironmentVariable = "PUSHBOX_TEST_POSTGRES";
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    private readonly List<string> databases = [];
    private readonly NpgsqlConnectionStringBuilder server;

    public PostgresStorageFixture()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        server = new NpgsqlConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured)
        {
            Pooling = false,
            Timeout = 5,
        };
        if (string.IsNullOrEmpty(server.Database))
        {
            server.Database = "postgres";
        }
    }

    public override StorageProvider Provider => StorageProvider.Postgres;

    protected override async Task<StorageOptions> CreateDatabaseAsync()
    {
        string name = "pushbox_test_" + Guid.NewGuid().ToString("N");
        await AdminAsync($"CREATE DATABASE {name}").ConfigureAwait(false);
        databases.Add(name);
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = true, Timeout = 15 };
        return new StorageOptions
        {
            Provider = StorageProvider.Postgres,
            ConnectionString = builder.ConnectionString,
            DataDirectory = Path.Combine(Path.GetTempPath(), name),
        };
    }

    protected override async Task DropAllAsync()
    {
        foreach (string name in databases)
        {
            await AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)").ConfigureAwait(false);
            if (System.IO.Directory.Exists(Path.Combine(Path.GetTempPath(), name)))
            {
                System.IO.Directory.Delete(Path.Combine(Path.GetTempPath(), name), recursive: true);
            }
        }
    }

    private async Task AdminAsync(string sql)
    {
        var connection = new NpgsqlConnection(server.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.OpenAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                string where = $"{server.Host}:{server.Port} as {server.Username}";
                string ci = Environment.GetEnvironmentVariable("CI") == "true" ? " (CI: .ci/run should have started it; see its output)" : string.Empty;
                throw new InvalidOperationException(
                    $"PostgreSQL is not reachable at {where}{ci}: {e.Message}. The storage contract tests always run against PostgreSQL too: " +
                    $"run .ci/run (it installs and starts PostgreSQL), or start PostgreSQL yourself, or point {EnvironmentVariable} at one " +
                    $"(default \"{DefaultConnectionString}\").",
                    e);
            }

            await using NpgsqlCommand command = new(sql, connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }
}
