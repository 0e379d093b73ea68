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

    /// <summary>Imports everything under <paramref name="path"/> for <paramref name="userId"/>.</summary>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">It is neither a Maildir nor an mbox.</exception>
    public async Task<ImportResult> ImportAsync(long userId, string path, IProgress<ImportProgress>? progress, CancellationToken cancellationToken, long maxMessageSize = DefaultMaxMessageSize)
    {
        IReadOnlyList<ImportSource> sources = MailSourceReader.List(path, cancellationToken);
        var folders = new FolderResolver(store, userId);
        int added = 0, present = 0;
        var failures = new List<string>();
        for (int i = 0; i < sources.Count; i++)
        {
            ImportSource source = sources[i];
            try
            {
                long folderId = await folders.ResolveAsync(source.FolderPath, cancellationToken).ConfigureAwait(false);
                if (await ImportOneAsync(userId, folderId, source, maxMessageSize, cancellationToken).ConfigureAwait(false))
                {
                    added++;
                }
                else
                {
                    present++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or BlobTooLargeException
                || (e is MailboxException m && m.Reason != MailboxErrorReason.UserNotFound))
            {
                failures.Add($"{source.Describe()}: {e.Message}");
                LogFailed(source.Describe(), e.Message);
            }

            progress?.Report(new ImportProgress(i + 1, sources.Count, added, present, failures.Count, string.Join('/', source.FolderPath)));
        }

        return new ImportResult(added, present, failures);
    }

    private async Task<bool> ImportOneAsync(long userId, long folderId, ImportSource source, long maxMessageSize, CancellationToken cancellationToken)
    {
        BlobRef content;
        Stream stream = source.Open();
        await using (stream.ConfigureAwait(false))
        {
            content = await blobs.PutAsync(stream, maxMessageSize, cancellationToken).ConfigureAwait(false);
        }

        if (await store.FindEmailByContentAsync(userId, folderId, content.Hash, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        EmailSummary summary = await delivery.ReadSummaryAsync(content, source.ReceivedAt ?? time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        summary = summary with
        {
            Read = source.Read,
            Flag = source.Flagged ? new EmailFlag(Status: 2, FlagType: "Flag for follow up") : null,
        };
        await store.AddEmailAsync(userId, folderId, new NewEmail(content, summary), cancellationToken).ConfigureAwait(false);
        return true;
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
