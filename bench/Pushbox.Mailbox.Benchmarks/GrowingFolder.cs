using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox.Folders;
using Pushbox.Storage;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// One Inbox on one database that grows between measurements: seeded with
/// <see cref="IMailboxStore.AddEmailsAsync"/> in batches, through the store as <c>AddPushboxStorage</c>
/// registers it, in a fresh data folder and database that disposal removes.
/// </summary>
internal sealed class GrowingFolder : IAsyncDisposable
{
    private readonly StorageTarget target;
    private readonly ServiceProvider services;
    private readonly SummaryFactory summaries;
    private readonly int batch;
    private readonly List<SeedStep> steps = [];

    private GrowingFolder(StorageTarget target, ServiceProvider services, Recipient recipient, int batch)
    {
        this.target = target;
        this.services = services;
        this.batch = batch;
        Recipient = recipient;
        Store = services.GetRequiredService<IMailboxStore>();
        summaries = new SummaryFactory(recipient.Address, seed: 20261202);
    }

    public StorageProvider Provider => target.Provider;

    public IMailboxStore Store { get; }

    public Recipient Recipient { get; }

    /// <summary>Items in the Inbox.</summary>
    public int Count { get; private set; }

    /// <summary>How long each growth step took.</summary>
    public IReadOnlyList<SeedStep> Steps => steps;

    public static async Task<GrowingFolder> CreateAsync(StorageProvider provider, PostgresServer postgres, int batch, CancellationToken cancellationToken)
    {
        StorageTarget target = await StorageTarget.CreateAsync(provider, postgres, cancellationToken);
        ServiceProvider? services = null;
        try
        {
            services = new ServiceCollection().AddPushboxStorage(target.Options).BuildServiceProvider();
            await services.GetRequiredService<PushboxDatabase>().MigrateAsync(cancellationToken);
            Recipient recipient = await Recipient.CreateAsync(services.GetRequiredService<IDirectory>(), services.GetRequiredService<IMailboxStore>(), cancellationToken);
            return new GrowingFolder(target, services, recipient, batch);
        }
        catch
        {
            if (services is not null)
            {
                await services.DisposeAsync();
            }

            await target.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds items until the Inbox holds <paramref name="size"/>; the folder never shrinks.</summary>
    /// <exception cref="InvalidOperationException">The folder is already larger (sizes must come in ascending order).</exception>
    public async Task GrowToAsync(int size, CancellationToken cancellationToken)
    {
        if (Count > size)
        {
            throw new InvalidOperationException($"The {Provider} Inbox already holds {Count:N0} items, more than {size:N0}: folder sizes must be measured smallest first.");
        }

        if (Count == size)
        {
            return;
        }

        int from = Count;
        long started = Stopwatch.GetTimestamp();
        while (Count < size)
        {
            int take = Math.Min(batch, size - Count);
            await Store.AddEmailsAsync(Recipient.UserId, Recipient.InboxId, summaries.Next(take), cancellationToken);
            Count += take;
        }

        steps.Add(new SeedStep(Provider, from, size, Stopwatch.GetElapsedTime(started)));
    }

    /// <summary>The Inbox's modification sequence now (every item added advanced it by one).</summary>
    public async Task<long> ModSeqAsync(CancellationToken cancellationToken)
    {
        Folder? inbox = await Store.GetFolderAsync(Recipient.UserId, Recipient.InboxId, cancellationToken);
        return inbox?.ModSeq ?? throw new InvalidOperationException("The Inbox vanished.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await services.DisposeAsync();
        }
        finally
        {
            await target.DisposeAsync();
        }
    }
}
