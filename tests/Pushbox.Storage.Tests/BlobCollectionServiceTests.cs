using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Users;
using Pushbox.Storage.Blobs;

namespace Pushbox.Storage.Tests;

public sealed class BlobCollectionServiceTests : IAsyncDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-blobgc-").FullName;
    private readonly ManualTimeProvider _time = new();
    private readonly ServiceProvider _services;

    public BlobCollectionServiceTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddPushboxStorage(new StorageOptions { DataDirectory = _data });
        _services = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Collect_AfterTheGracePeriod_DeletesOnlyContentNoItemRefersTo()
    {
        await _services.GetRequiredService<PushboxDatabase>().MigrateAsync(None);
        var blobs = _services.GetRequiredService<IBlobStore>();
        var store = _services.GetRequiredService<IMailboxStore>();
        User user = await _services.GetRequiredService<IDirectory>().CreateUserAsync(new NewUser("gc@example.com", "GC", "$none"), None);
        Folder inbox = await store.GetStandardFolderAsync(user.Id, FolderType.Inbox, None);
        BlobRef kept = await blobs.PutAsync(new MemoryStream("Subject: kept\r\n\r\nx"u8.ToArray()), 1000, None);
        BlobRef orphan = await blobs.PutAsync(new MemoryStream("Subject: orphan\r\n\r\ny"u8.ToArray()), 1000, None);
        await store.AddEmailAsync(user.Id, inbox.Id, new NewEmail(kept, EmailSummaryReader.Empty(DateTimeOffset.UnixEpoch)), None);
        var collector = new BlobCollectionService(blobs, store, _time, NullLogger<BlobCollectionService>.Instance);

        Assert.Equal(0, await collector.CollectAsync(None));
        _time.Advance(BlobCollectionService.GracePeriod + TimeSpan.FromHours(1));
        Assert.Equal(1, await collector.CollectAsync(None));

        Assert.True(await blobs.ExistsAsync(kept.Hash, None));
        Assert.False(await blobs.ExistsAsync(orphan.Hash, None));
    }
}
