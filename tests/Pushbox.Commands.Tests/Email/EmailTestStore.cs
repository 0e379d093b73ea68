using System.Text;
using Microsoft.Extensions.Logging;
using Pushbox.Commands.Email;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Storage.Blobs;

namespace Pushbox.Commands.Tests.Email;

/// <summary>
/// Emails stored the way delivery stores them: the MIME in a real <see cref="FileBlobStore"/> (in a
/// temporary folder), the summary read by <see cref="EmailSummaryReader"/>, the item in a real SQLite
/// store; and a renderer over that blob store whose warnings are recorded.
/// </summary>
public sealed class EmailTestStore : IAsyncDisposable
{
    public static readonly DateTimeOffset Received = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly string _blobFolder = Directory.CreateTempSubdirectory("pushbox-email-blobs-").FullName;
    private SqliteMailbox _mailbox = null!;
    private Folder _inbox = null!;

    private EmailTestStore()
    {
        Blobs = new FileBlobStore(_blobFolder, TimeProvider.System);
        Renderer = new EmailItemRenderer(Blobs, Log);
    }

    public FileBlobStore Blobs { get; }

    public RecordingLogger<EmailItemRenderer> Log { get; } = new();

    public EmailItemRenderer Renderer { get; }

    public static async Task<EmailTestStore> CreateAsync()
    {
        var store = new EmailTestStore();
        store._mailbox = await SqliteMailbox.CreateAsync();
        store._inbox = await store._mailbox.Store.GetStandardFolderAsync(store._mailbox.User.Id, FolderType.Inbox, CancellationToken.None);
        return store;
    }

    public Task<StoredItem> AddAsync(string mime) => AddAsync(Encoding.UTF8.GetBytes(mime));

    public async Task<StoredItem> AddAsync(byte[] mime)
    {
        BlobRef blob = await Blobs.PutAsync(new MemoryStream(mime), long.MaxValue, CancellationToken.None);
        EmailSummary summary = EmailSummaryReader.Read(new MemoryStream(mime), Received);
        return await _mailbox.Store.AddEmailAsync(_mailbox.User.Id, _inbox.Id, new NewEmail(blob, summary), CancellationToken.None);
    }

    /// <summary>An item whose summary says <paramref name="summary"/> and whose blob was never stored.</summary>
    public Task<StoredItem> AddWithoutBlobAsync(EmailSummary summary) =>
        _mailbox.Store.AddEmailAsync(_mailbox.User.Id, _inbox.Id, new NewEmail(new BlobRef(new string('0', 64), 1234), summary), CancellationToken.None);

    public Task<StoredItem> ChangeStateAsync(StoredItem item, EmailStateChange change) =>
        _mailbox.Store.UpdateEmailStateAsync(_mailbox.User.Id, item.Id, change, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _mailbox.DisposeAsync();
        Directory.Delete(_blobFolder, recursive: true);
    }
}

/// <summary>A logger that keeps what was logged, for asserting on warnings.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, EventId Id, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, eventId, formatter(state, exception)));
        }
    }
}
