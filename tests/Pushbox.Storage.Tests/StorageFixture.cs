using System.Data.Common;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pushbox.Mailbox;

namespace Pushbox.Storage.Tests;

/// <summary>
/// One database backend for a contract test class: a shared, migrated database for the tests (each
/// test uses its own users, so tests do not see each other), and fresh empty databases on request.
/// Everything is removed when the class is done.
/// </summary>
public abstract class StorageFixture : IAsyncLifetime
{
    private readonly List<ServiceProvider> providers = [];

    public ManualTimeProvider Time { get; } = new();

    public IServiceProvider Services { get; private set; } = null!;

    public abstract StorageProvider Provider { get; }

    public IDirectory Directory => Services.GetRequiredService<IDirectory>();

    public IMailboxStore Store => Services.GetRequiredService<IMailboxStore>();

    public IDeviceStore Devices => Services.GetRequiredService<IDeviceStore>();

    public PushboxDatabase Database => Services.GetRequiredService<PushboxDatabase>();

    public async Task InitializeAsync()
    {
        Services = await CreateServicesAsync().ConfigureAwait(false);
        await Database.MigrateAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        foreach (ServiceProvider provider in providers)
        {
            await provider.DisposeAsync().ConfigureAwait(false);
        }

        await DropAllAsync().ConfigureAwait(false);
    }

    /// <summary>Services over a new, empty (not migrated) database.</summary>
    public async Task<ServiceProvider> CreateServicesAsync() => BuildServices(await NewDatabaseAsync().ConfigureAwait(false));

    /// <summary>Options naming a new, empty database, dropped with the fixture.</summary>
    public Task<StorageOptions> NewDatabaseAsync() => CreateDatabaseAsync();

    /// <summary>Services over the database of <paramref name="options"/> (as a second process would have), disposed with the fixture.</summary>
    public ServiceProvider BuildServices(StorageOptions options)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddPushboxStorage(options);
        ServiceProvider provider = services.BuildServiceProvider();
        providers.Add(provider);
        return provider;
    }

    /// <summary>Runs a scalar query on the shared database (to look behind the ports, e.g. count rows).</summary>
    public async Task<long> ScalarAsync(string sql, object? parameters = null)
    {
        DbConnection connection = await Database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.ExecuteScalarAsync<long>(sql, parameters).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a query returning strings on the shared database.</summary>
    public async Task<IReadOnlyList<string>> QueryStringsAsync(string sql, object? parameters = null)
    {
        DbConnection connection = await Database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return [.. await connection.QueryAsync<string>(sql, parameters).ConfigureAwait(false)];
        }
    }

    /// <summary>Runs a query on the shared database and returns one text column of each row.</summary>
    public async Task<IReadOnlyList<string>> QueryColumnAsync(string sql, string column, object? parameters = null)
    {
        DbConnection connection = await Database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IEnumerable<dynamic> rows = await connection.QueryAsync(sql, parameters).ConfigureAwait(false);
            return [.. rows.Select(r => (string)((IDictionary<string, object>)r)[column])];
        }
    }

    /// <summary>Options naming a new, empty database.</summary>
    protected abstract Task<StorageOptions> CreateDatabaseAsync();

    /// <summary>Removes every database this fixture created.</summary>
    protected abstract Task DropAllAsync();
}
