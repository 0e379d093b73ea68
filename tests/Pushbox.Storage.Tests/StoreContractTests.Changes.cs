using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Changes;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Users;

namespace Pushbox.Storage.Tests;

/// <summary>
/// Change notification: every committed write tells the waiting subscribers of that user which folder (or the
/// hierarchy) changed; a write that fails tells nobody; a second process (another store over the same database,
/// with its listener running) hears it: through LISTEN/NOTIFY with PostgreSQL, through the data folder's datagram
/// socket with SQLite (the CLI beside a running server).
/// </summary>
public abstract partial class StoreContractTests
{
    private static readonly TimeSpan NotificationTimeout = TimeSpan.FromSeconds(10);

    private IChangeNotifier Notifier => Fixture.Services.GetRequiredService<IChangeNotifier>();

    [Fact]
    public async Task Changes_AnItemWrite_WakesTheUsersSubscriberWithItsFolder()
    {
        User user = await NewUserAsync();
        User other = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        using ChangeSubscription subscription = Notifier.Subscribe(user.Id);
        using ChangeSubscription bystander = Notifier.Subscribe(other.Id);

        StoredItem item = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        ChangeSet added = await subscription.WaitAsync(new CancellationTokenSource(NotificationTimeout).Token);
        await Store.UpdateEmailStateAsync(user.Id, item.Id, new EmailStateChange(Read: true), None);
        ChangeSet read = await subscription.WaitAsync(new CancellationTokenSource(NotificationTimeout).Token);

        Assert.Equal([inbox.Id], added.Folders);
        Assert.False(added.Hierarchy);
        Assert.True(read.Touches(inbox.Id));
        Task<ChangeSet> quiet = bystander.WaitAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(quiet.IsCompleted);
    }

    [Fact]
    public async Task Changes_AFolderCreated_WakesTheSubscriberWithAHierarchyChange_AndAFailedWriteWakesNobody()
    {
        User user = await NewUserAsync();
        using ChangeSubscription subscription = Notifier.Subscribe(user.Id);

        await Store.CreateFolderAsync(user.Id, null, "Projects", FolderType.UserMail, None);
        ChangeSet created = await subscription.WaitAsync(new CancellationTokenSource(NotificationTimeout).Token);
        await Assert.ThrowsAsync<MailboxException>(() => Store.CreateFolderAsync(user.Id, null, "Projects", FolderType.UserMail, None));

        Assert.True(created.Hierarchy);
        Task<ChangeSet> after = subscription.WaitAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(after.IsCompleted);
    }

    [Fact]
    public async Task Changes_CommittedByAnotherProcess_ReachThisProcessesSubscribers()
    {
        StorageOptions options = await Fixture.NewDatabaseAsync();
        ServiceProvider writer = Fixture.BuildServices(options);
        ServiceProvider listener = Fixture.BuildServices(options);
        await writer.GetRequiredService<PushboxDatabase>().MigrateAsync(None);
        IHostedService[] hosted = [.. listener.GetServices<IHostedService>()];

        User user = await writer.GetRequiredService<IDirectory>().CreateUserAsync(new NewUser("remote@example.com", "Remote", "$none"), None);
        IMailboxStore store = writer.GetRequiredService<IMailboxStore>();
        Folder inbox = await store.GetStandardFolderAsync(user.Id, FolderType.Inbox, None);
        using ChangeSubscription subscription = listener.GetRequiredService<IChangeNotifier>().Subscribe(user.Id);
        foreach (IHostedService service in hosted)
        {
            await service.StartAsync(None);
        }

        try
        {
            // The listener says "anything may have changed" once it listens: from then on nothing is missed.
            ChangeSet first = await subscription.WaitAsync(new CancellationTokenSource(NotificationTimeout).Token);

            await store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
            ChangeSet delivered = await subscription.WaitAsync(new CancellationTokenSource(NotificationTimeout).Token);

            Assert.True(first.All);
            Assert.Equal([inbox.Id], delivered.Folders);
        }
        finally
        {
            foreach (IHostedService service in hosted)
            {
                await service.StopAsync(None);
            }
        }
    }
}
