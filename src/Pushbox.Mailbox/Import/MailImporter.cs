using Microsoft.Extensions.Logging;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;

namespace Pushbox.Mailbox.Import;

/// <summary>
/// Imports a Maildir (Maildir++ subfolders become folders) or mbox files into a user's mailbox.
/// Standard names (Sent, Drafts, Trash, Junk, …) land in the standard folders; other folders are
/// created as user mail folders. Re-running adds nothing twice: a message whose exact content is
/// already in the target folder is skipped. A message that cannot be read is reported and the import
/// goes on.
/// </summary>
public sealed partial class MailImporter(IMailboxStore store, IBlobStore blobs, MailDelivery delivery, TimeProvider time, ILogger<MailImporter> logger)
{
    /// <summary>Default largest message imported: 150 MiB, beyond what any mail system delivers.</summary>
    public const long DefaultMaxMessageSize = 150L * 1024 * 1024;

    /// <summary>Messages written to the store per transaction.</summary>
    public const int BatchSize = 200;

    /// <summary>Imports everything under <paramref name="path"/> for <paramref name="userId"/>.</summary>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">It is neither a Maildir nor an mbox.</exception>
    public async Task<ImportResult> ImportAsync(long userId, string path, IProgress<ImportProgress>? progress, CancellationToken cancellationToken, long maxMessageSize = DefaultMaxMessageSize)
    {
        IReadOnlyList<ImportSource> sources = MailSourceReader.List(path, cancellationToken);
        var folders = new FolderResolver(store, userId);
        var run = new Run(sources.Count);
        var batch = new Batch();
        for (int i = 0; i < sources.Count; i++)
        {
            ImportSource source = sources[i];
            try
            {
                long folderId = await folders.ResolveAsync(source.FolderPath, cancellationToken).ConfigureAwait(false);
                if (batch.FolderId != folderId || batch.Emails.Count == BatchSize)
                {
                    await FlushAsync(userId, batch, run, cancellationToken).ConfigureAwait(false);
                    batch.FolderId = folderId;
                }

                NewEmail? email = await PrepareAsync(userId, folderId, source, batch, maxMessageSize, cancellationToken).ConfigureAwait(false);
                if (email is null)
                {
                    run.Present++;
                }
                else
                {
                    batch.Emails.Add(email);
                    batch.Sources.Add(source);
                }
            }
            catch (Exception e) when (IsPerMessage(e))
            {
                run.Fail(source, e.Message, this);
            }

            progress?.Report(new ImportProgress(i + 1, sources.Count, run.Added + batch.Emails.Count, run.Present, run.Failures.Count, string.Join('/', source.FolderPath)));
        }

        await FlushAsync(userId, batch, run, cancellationToken).ConfigureAwait(false);
        return new ImportResult(run.Added, run.Present, run.Failures);
    }

    private static bool IsPerMessage(Exception e) =>
        e is IOException or UnauthorizedAccessException or BlobTooLargeException
        || (e is MailboxException m && m.Reason != MailboxErrorReason.UserNotFound);

    /// <summary>Stores the content and reads its summary; null when the folder already has this exact message (or the batch does).</summary>
    private async Task<NewEmail?> PrepareAsync(long userId, long folderId, ImportSource source, Batch batch, long maxMessageSize, CancellationToken cancellationToken)
    {
        BlobRef content;
        Stream stream = source.Open();
        await using (stream.ConfigureAwait(false))
        {
            content = await blobs.PutAsync(stream, maxMessageSize, cancellationToken).ConfigureAwait(false);
        }

        if (batch.Emails.Any(e => e.Content.Hash == content.Hash)
            || await store.FindEmailByContentAsync(userId, folderId, content.Hash, cancellationToken).ConfigureAwait(false) is not null)
        {
            return null;
        }

        NewEmail email = await delivery.ReadEmailAsync(content, source.ReceivedAt ?? time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return email with
        {
            Summary = email.Summary with
            {
                Read = source.Read,
                Flag = source.Flagged ? new EmailFlag(Status: 2, FlagType: "Flag for follow up") : null,
            },
        };
    }

    private async Task FlushAsync(long userId, Batch batch, Run run, CancellationToken cancellationToken)
    {
        if (batch.Emails.Count == 0)
        {
            return;
        }

        try
        {
            await store.AddEmailsAsync(userId, batch.FolderId, batch.Emails, cancellationToken).ConfigureAwait(false);
            run.Added += batch.Emails.Count;
        }
        catch (Exception e) when (IsPerMessage(e))
        {
            foreach (ImportSource source in batch.Sources)
            {
                run.Fail(source, e.Message, this);
            }
        }

        batch.Emails.Clear();
        batch.Sources.Clear();
    }

    /// <summary>Messages waiting to be written to one folder.</summary>
    private sealed class Batch
    {
        public long FolderId { get; set; } = -1;

        public List<NewEmail> Emails { get; } = new(BatchSize);

        public List<ImportSource> Sources { get; } = new(BatchSize);
    }

    /// <summary>The counts of one import.</summary>
    private sealed class Run(int total)
    {
        public int Added { get; set; }

        public int Present { get; set; }

        public List<string> Failures { get; } = new(Math.Min(total, 64));

        public void Fail(ImportSource source, string reason, MailImporter importer)
        {
            string name = source.Describe();
            Failures.Add($"{name}: {reason}");
            importer.LogFailed(name, reason);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Import: {Source} not imported: {Reason}")]
    private partial void LogFailed(string source, string reason);

    /// <summary>Finds or creates the folder for a source path, remembering what it found.</summary>
    private sealed class FolderResolver(IMailboxStore store, long userId)
    {
        private readonly Dictionary<string, long> _resolved = new(StringComparer.Ordinal);
        private List<Folder>? _folders;

        public async Task<long> ResolveAsync(IReadOnlyList<string> path, CancellationToken cancellationToken)
        {
            string key = string.Join('\u001F', path);
            if (_resolved.TryGetValue(key, out long id))
            {
                return id;
            }

            _folders ??= [.. await store.GetFoldersAsync(userId, cancellationToken).ConfigureAwait(false)];
            Folder folder = FolderMapping.Map(path) switch
            {
                FolderType.UserMail => await ChildAsync(null, StandardFolders.JunkEmailName, cancellationToken).ConfigureAwait(false),
                FolderType type => _folders.First(f => f.Type == type),
                null => await CreatePathAsync(path, cancellationToken).ConfigureAwait(false),
            };
            _resolved[key] = folder.Id;
            return folder.Id;
        }

        private async Task<Folder> CreatePathAsync(IReadOnlyList<string> path, CancellationToken cancellationToken)
        {
            Folder? parent = null;
            foreach (string name in path)
            {
                parent = await ChildAsync(parent?.Id, name, cancellationToken).ConfigureAwait(false);
            }

            return parent!;
        }

        private async Task<Folder> ChildAsync(long? parentId, string name, CancellationToken cancellationToken)
        {
            Folder? existing = _folders!.FirstOrDefault(f => f.ParentId == parentId && string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
            {
                return existing;
            }

            Folder created = await store.CreateFolderAsync(userId, parentId, name, FolderType.UserMail, cancellationToken).ConfigureAwait(false);
            _folders!.Add(created);
            return created;
        }
    }
}
