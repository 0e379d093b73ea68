using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Users;
using Pushbox.Storage;

namespace Pushbox.Http.Tests.Support;

/// <summary>A real SQLite store in a temporary data folder, migrated, for tests that need the directory.</summary>
public sealed class TestDirectory : IAsyncDisposable
{
    private readonly TempFolder folder = new();
    private readonly ServiceProvider services;

    private TestDirectory()
    {
        services = new ServiceCollection()
            .AddPushboxStorage(new StorageOptions { DataDirectory = folder.Path })
            .BuildServiceProvider();
    }

    public string DataDirectory => folder.Path;

    public IDirectory Directory => services.GetRequiredService<IDirectory>();

    public static async Task<TestDirectory> CreateAsync()
    {
        var directory = new TestDirectory();
        await directory.services.GetRequiredService<PushboxDatabase>().MigrateAsync(CancellationToken.None);
        return directory;
    }

    /// <summary>Creates a user with a cheap hash (1,000 iterations), so tests stay fast.</summary>
    public Task<User> CreateUserAsync(string address, string password) =>
        Directory.CreateUserAsync(new NewUser(address, address, PasswordHasher.Hash(password, iterations: 1000)), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        folder.Dispose();
    }
}
