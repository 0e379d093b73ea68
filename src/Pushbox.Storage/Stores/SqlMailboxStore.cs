using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Changes;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>
/// <see cref="IMailboxStore"/> over the shared SQL layer.
/// <para>
/// The change log: every write to an item first advances its folder's sequence
/// (<c>UPDATE folders SET modseq = modseq + 1 … RETURNING modseq</c>), which also locks the folder row
/// until commit, then stamps the item (or the tombstone of an item that left) with the new value.
/// Within a folder, items and tombstones therefore carry distinct sequences, and a reader that first
/// reads the folder's sequence M sees every change up to M committed.
/// </para>
/// <para>
/// <see cref="GetChangesAsync"/> reads two index ranges, <c>items(folder_id, modseq)</c> and
/// <c>item_tombstones(folder_id, modseq)</c>, and merges them by sequence; the limit bounds changed
/// and deleted entries together (a device's WindowSize counts both). An item added and deleted after
/// "since" shows only as deleted (its row is gone; the tombstone remains): a reader ignores deletions
/// of ids it never had. An item that comes back to a folder (moved out and back) keeps its tombstone
/// there: a reader that had it sees it deleted and then added again (the tombstone's sequence is the
/// lower), so it never holds an item that the store says entered after it last looked.
/// </para>
/// <para>
/// Each item keeps <c>added_modseq</c>, the sequence at which it entered its folder (added or moved in),
/// and a tombstone copies it with the item's <c>date_received</c>: a sync engine that knows a device has
/// every change up to N classifies a change without a list of the device's items (entered after N: an
/// addition; left but entered after N: never on the device).
/// </para>
/// <para>
/// A date window (<c>receivedSince</c>) filters both ranges in SQL, so what it leaves out does not count
/// against the limit. Walking <c>(folder_id, modseq)</c> then costs every sequence skipped until the page
/// is full, which for a first sync of a large folder with a small window is nearly the whole folder; so
/// when the window holds fewer items than half the sequence span, the items are read instead through
/// <c>items(folder_id, date_received, id)</c> (every item in the window, sorted by sequence). The window
/// is counted first, index-only and only up to that half. Tombstones are read by sequence up to the last
/// item the page can reach.
/// </para>
/// <para>
/// Hierarchy changes take the user row (<c>users.hierarchy_seq</c>) first, which serialises them per
/// user, then check names and cycles against all the user's folders.
/// </para>
/// </summary>
internal sealed partial class SqlMailboxStore(PushboxDatabase database) : IMailboxStore
{
    /// <summary>The longest folder name accepted, in UTF-16 code units.</summary>
    public const int MaxFolderNameLength = 256;

    // Bounds one "IN (…)" list: SQLite allows 32,766 parameters, and shorter statements plan faster.
    private const int InListBatch = 500;

    // Below this many sequences, reading the change range by sequence is cheap whatever the date window;
    // above it, GetChangesAsync and CountChangesAsync count the window to choose their index.
    private const long DateIndexMinimumSpan = 1024;

    private const string TombstoneInWindow = " AND (date_received IS NULL OR date_received >= @Cutoff)";

    // The queries whose plans matter are internal, so that the tests can look at the plans of exactly these.

    /// <summary>How many items of <c>@FolderId</c> are in the date window (from <c>@Cutoff</c> on, or undated), counting up to <c>@Half</c>: index-only.</summary>
    internal const string WindowCountQuery =
        "SELECT COUNT(*) FROM (SELECT 1 AS one FROM items WHERE folder_id = @FolderId AND date_received >= @Cutoff " +
        "UNION ALL SELECT 1 FROM items WHERE folder_id = @FolderId AND date_received IS NULL LIMIT @Half) w";

    /// <summary>Ids and dates of items of <c>@FolderId</c> in [<c>@From</c>, <c>@Before</c>), after (<c>@AfterDate</c>, <c>@AfterId</c>), that entered by <c>@MaxAddedModSeq</c>: a range of the date index, in its order.</summary>
    internal const string ReceivedBetweenQuery =
        "SELECT i.id AS ItemId, i.date_received AS DateReceived FROM items i WHERE i.folder_id = @FolderId " +
        "AND i.date_received >= @From AND i.date_received < @Before AND (i.date_received, i.id) > (@AfterDate, @AfterId) " +
        "AND i.added_modseq <= @MaxAddedModSeq ORDER BY i.date_received, i.id LIMIT @Limit";

    /// <summary>The emails of <c>@UserId</c> in conversation <c>@ConversationId</c> (<c>@Email</c>: the class).</summary>
    internal const string ConversationQuery =
        $"SELECT {ItemRow.Columns} FROM items i WHERE i.user_id = @UserId AND i.conversation_id = @ConversationId AND i.item_class = @Email ORDER BY i.id";

    /// <summary>Adds <c>@Delta</c> to the size of <c>@UserId</c>'s mailbox (creating its row), clearing a warning the new size is below.</summary>
    internal const string UsageDeltaSql =
        "INSERT INTO mailbox_usage (user_id, bytes) VALUES (@UserId, @Delta) ON CONFLICT (user_id) DO UPDATE SET " +
        "bytes = mailbox_usage.bytes + excluded.bytes, " +
        "warned_at = CASE WHEN mailbox_usage.bytes + excluded.bytes < mailbox_usage.warned_at THEN NULL ELSE mailbox_usage.warned_at END";

    private SqlDialect Dialect => database.Dialect;

    public Task<IReadOnlyList<Folder>> GetFoldersAsync(long userId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Folder>>(
            async connection => (await LoadFoldersAsync(connection, null, userId, cancellationToken).ConfigureAwait(false)).Select(r => r.ToFolder()).ToList(),
            cancellationToken);

    public Task<Folder?> GetFolderAsync(long userId, long folderId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection => (await connection.RowAsync<FolderRow>(
                $"SELECT {FolderRow.Columns} FROM folders f WHERE f.id = @Id AND f.user_id = @UserId",
                new { Id = folderId, UserId = userId },
                null,
                cancellationToken).ConfigureAwait(false))?.ToFolder(),
            cancellationToken);

    public async Task<Folder> GetStandardFolderAsync(long userId, FolderType type, CancellationToken cancellationToken)
    {
        if (!StandardFolders.IsStandard(type))
        {
            throw new MailboxException(MailboxErrorReason.FolderNotFound, $"{type} is not a standard folder type.");
        }

        FolderRow? row = await database.ReadAsync(
            connection => connection.RowAsync<FolderRow>(
                $"SELECT {FolderRow.Columns} FROM folders f WHERE f.user_id = @UserId AND f.type = @Type",
                new { UserId = userId, Type = (int)type },
                null,
                cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return row?.ToFolder() ?? throw new MailboxException(MailboxErrorReason.FolderNotFound, $"User {userId} has no {type} folder.");
    }

    public Task<Folder> CreateFolderAsync(long userId, long? parentId, string name, FolderType type, CancellationToken cancellationToken)
    {
        string folderName = ValidateFolderName(name);
        if (StandardFolders.IsStandard(type))
        {
            throw new MailboxException(MailboxErrorReason.StandardFolder, $"A user has exactly one {type} folder; it cannot be created.");
        }

        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown folder type.");
        }

        return database.WriteAsync(
            async (connection, transaction) =>
            {
                _ = await LockHierarchyAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false)
                    ?? throw new MailboxException(MailboxErrorReason.UserNotFound, $"There is no user {userId}.");
                if (parentId is { } parent && await connection.ScalarAsync<long?>(
                        "SELECT id FROM folders WHERE id = @Id AND user_id = @UserId",
                        new { Id = parent, UserId = userId },
                        transaction,
                        cancellationToken).ConfigureAwait(false) is null)
                {
                    throw FolderNotFound(parent);
                }

                long seq = await BumpHierarchyAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false);
                try
                {
                    long id = await connection.ScalarAsync<long>(
                        "INSERT INTO folders (user_id, parent_id, name, name_key, type, modseq, hierarchy_seq) " +
                        "VALUES (@UserId, @ParentId, @Name, @NameKey, @Type, 0, @Seq) RETURNING id",
                        new { UserId = userId, ParentId = parentId, Name = folderName, NameKey = NameKey(folderName), Type = (int)type, Seq = seq },
                        transaction,
                        cancellationToken).ConfigureAwait(false);
                    return new Folder(id, userId, parentId, folderName, type, 0, seq);
                }
                catch (DbException e) when (Dialect.Classify(e) == DbErrorKind.UniqueViolation)
                {
                    throw NameInUse(folderName);
                }
            },
            cancellationToken);
    }

    public Task<Folder> UpdateFolderAsync(long userId, long folderId, long? parentId, string name, CancellationToken cancellationToken)
    {
        string folderName = ValidateFolderName(name);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                _ = await LockHierarchyAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false) ?? throw FolderNotFound(folderId);
                Dictionary<long, FolderRow> folders = (await LoadFoldersAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false)).ToDictionary(f => f.Id);
                FolderRow folder = folders.GetValueOrDefault(folderId) ?? throw FolderNotFound(folderId);
                if (StandardFolders.IsStandard((FolderType)folder.Type))
                {
                    throw StandardFolder(folder);
                }

                if (parentId is { } parent)
                {
                    if (!folders.ContainsKey(parent))
                    {
                        throw FolderNotFound(parent);
                    }

                    for (long? ancestor = parent; ancestor is { } a; ancestor = folders[a].ParentId)
                    {
                        if (a == folderId)
                        {
                            throw new MailboxException(MailboxErrorReason.InvalidParent, $"Folder {folderId} cannot move under {parent}, which is inside it.");
                        }
                    }
                }

                if (folder.ParentId == parentId && string.Equals(folder.Name, folderName, StringComparison.Ordinal))
                {
                    return folder.ToFolder();
                }

                long seq = await BumpHierarchyAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false);
                try
                {
                    await connection.RunAsync(
                        "UPDATE folders SET parent_id = @ParentId, name = @Name, name_key = @NameKey, hierarchy_seq = @Seq WHERE id = @Id",
                        new { Id = folderId, ParentId = parentId, Name = folderName, NameKey = NameKey(folderName), Seq = seq },
                        transaction,
                        cancellationToken).ConfigureAwait(false);
                }
                catch (DbException e) when (Dialect.Classify(e) == DbErrorKind.UniqueViolation)
                {
                    throw NameInUse(folderName);
                }

                return new Folder(folderId, userId, parentId, folderName, (FolderType)folder.Type, folder.ModSeq, seq);
            },
            cancellationToken);
    }

    public Task DeleteFolderAsync(long userId, long folderId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                _ = await LockHierarchyAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false) ?? throw FolderNotFound(folderId);
                List<FolderRow> folders = await LoadFoldersAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false);
                FolderRow folder = folders.Find(f => f.Id == folderId) ?? throw FolderNotFound(folderId);
                if (StandardFolders.IsStandard((FolderType)folder.Type))
                {
                    throw StandardFolder(folder);
                }

                await DeleteSubtreesAsync(connection, transaction, userId, folders, [folderId], cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    public Task<HierarchyChanges> GetHierarchyChangesAsync(long userId, long sinceSeq, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sinceSeq);
        return database.ReadAsync(
            async connection =>
            {
                // The sequence first: whatever commits after this read has a higher sequence and shows next time.
                long seq = await connection.ScalarAsync<long?>("SELECT hierarchy_seq FROM users WHERE id = @Id", new { Id = userId }, null, cancellationToken).ConfigureAwait(false)
                    ?? throw new MailboxException(MailboxErrorReason.UserNotFound, $"There is no user {userId}.");
                List<FolderRow> folders = await LoadFoldersAsync(connection, null, userId, cancellationToken).ConfigureAwait(false);
                List<Folder> changed = folders.Where(f => f.HierarchySeq > sinceSeq && f.HierarchySeq <= seq).Select(f => f.ToFolder()).ToList();
                List<long> deleted = sinceSeq == 0
                    ? []
                    : (await connection.RowsAsync<long>(
                        "SELECT folder_id FROM folder_tombstones WHERE user_id = @UserId AND hierarchy_seq > @Since AND hierarchy_seq <= @Seq ORDER BY hierarchy_seq, id",
                        new { UserId = userId, Since = sinceSeq, Seq = seq },
                        null,
                        cancellationToken).ConfigureAwait(false)).ToList();
                return new HierarchyChanges(changed, deleted, seq);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<FolderStats>> GetFolderStatsAsync(long userId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<FolderStats>>(
            async connection =>
            {
                List<FolderRow> folders = await LoadFoldersAsync(connection, null, userId, cancellationToken).ConfigureAwait(false);
                Dictionary<long, FolderStatsRow> stats = (await connection.RowsAsync<FolderStatsRow>(
                    "SELECT folder_id AS FolderId, COUNT(*) AS Items, CAST(COALESCE(SUM(size), 0) AS BIGINT) AS Bytes FROM items WHERE user_id = @UserId GROUP BY folder_id",
                    new { UserId = userId },
                    null,
                    cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.FolderId);
                return folders.Select(f => stats.TryGetValue(f.Id, out FolderStatsRow? s)
                    ? new FolderStats(f.ToFolder(), s.Items, s.Bytes)
                    : new FolderStats(f.ToFolder(), 0, 0)).ToList();
            },
            cancellationToken);

    public async Task<StoredItem> AddEmailAsync(long userId, long folderId, NewEmail email, CancellationToken cancellationToken) =>
        (await AddRowsAsync([EmailRow(userId, folderId, email)], cancellationToken).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<StoredItem>> AddEmailsAsync(long userId, long folderId, IReadOnlyList<NewEmail> emails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emails);
        return emails.Count == 0 ? [] : await AddRowsAsync([.. emails.Select(e => EmailRow(userId, folderId, e))], cancellationToken).ConfigureAwait(false);
    }

    private ItemRow EmailRow(long userId, long folderId, NewEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(email.Content);
        ArgumentNullException.ThrowIfNull(email.Summary);
        EmailSummary summary = email.Summary;
        return new ItemRow
        {
            UserId = userId,
            FolderId = folderId,
            ItemClass = (int)ItemClass.Email,
            Size = email.Content.Length,
            BlobHash = email.Content.Hash,
            FromList = summary.From,
            ToList = summary.To,
            CcList = summary.Cc,
            ReplyTo = summary.ReplyTo,
            Subject = summary.Subject,
            DateReceived = Dialect.ToDb(Microseconds(summary.DateReceived)),
            Importance = (int)summary.Importance,
            MessageClass = summary.MessageClass,
            IsRead = summary.Read,
            Flag = FlagJson(summary.Flag),
            Categories = CategoriesJson(summary.Categories),
            HasAttachments = summary.HasAttachments,
            ConversationId = summary.ConversationId ?? [],
            MessageId = summary.MessageId,
            ThreadTopic = summary.ThreadTopic,
            CreatedAt = Dialect.ToDb(database.Now()),
            SearchBody = email.BodyText,
        };
    }

    public Task<StoredItem> AddItemAsync(long userId, long folderId, ItemClass itemClass, string properties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (itemClass == ItemClass.Email)
        {
            throw new ArgumentException("An email is added with AddEmailAsync, from its content.", nameof(itemClass));
        }

        if (!Enum.IsDefined(itemClass))
        {
            throw new ArgumentOutOfRangeException(nameof(itemClass), itemClass, "Unknown item class.");
        }

        var row = new ItemRow
        {
            UserId = userId,
            FolderId = folderId,
            ItemClass = (int)itemClass,
            Size = Encoding.UTF8.GetByteCount(properties),
            Importance = (int)Importance.Normal,
            Properties = properties,
            CreatedAt = Dialect.ToDb(database.Now()),
        };
        return AddAsync(row, cancellationToken);
    }

    public Task<StoredItem> UpdateItemAsync(long userId, long itemId, string properties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                ItemRow row = await LockItemAsync(connection, transaction, userId, itemId, cancellationToken).ConfigureAwait(false);
                if (row.ItemClass == (int)ItemClass.Email)
                {
                    throw new MailboxException(MailboxErrorReason.ItemNotFound, $"Item {itemId} is an email, not a structured item.");
                }

                row.ModSeq = (await BumpFolderAsync(connection, transaction, userId, row.FolderId, cancellationToken).ConfigureAwait(false)).ModSeq;
                long oldSize = row.Size;
                row.Properties = properties;
                row.Size = Encoding.UTF8.GetByteCount(properties);
                await connection.RunAsync("UPDATE items SET properties = @Properties, size = @Size, modseq = @ModSeq WHERE id = @Id", row, transaction, cancellationToken).ConfigureAwait(false);
                await AddUsageAsync(connection, transaction, userId, row.Size - oldSize, cancellationToken).ConfigureAwait(false);
                return ToStoredItem(row);
            },
            cancellationToken);
    }

    public Task<StoredItem> UpdateEmailStateAsync(long userId, long itemId, EmailStateChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                ItemRow row = await LockItemAsync(connection, transaction, userId, itemId, cancellationToken).ConfigureAwait(false);
                if (row.ItemClass != (int)ItemClass.Email)
                {
                    throw new MailboxException(MailboxErrorReason.ItemNotFound, $"Item {itemId} is not an email.");
                }

                bool read = change.Read ?? row.IsRead;
                string? flag = change.ClearFlag ? null : change.Flag is { } f ? FlagJson(f) : row.Flag;
                string? categories = change.Categories is { } c ? CategoriesJson(c) : row.Categories;
                bool verb = change.LastVerb is not null;

                // Nothing to tell the devices when nothing changed: no new sequence.
                if (read == row.IsRead && flag == row.Flag && categories == row.Categories && !verb)
                {
                    return ToStoredItem(row);
                }

                row.IsRead = read;
                row.Flag = flag;
                row.Categories = categories;
                if (verb)
                {
                    row.LastVerb = (int)change.LastVerb!.Value;
                    row.LastVerbAt = Dialect.ToDb(Truncate(change.LastVerbAt ?? database.Now()));
                }

                row.ModSeq = (await BumpFolderAsync(connection, transaction, userId, row.FolderId, cancellationToken).ConfigureAwait(false)).ModSeq;
                await connection.RunAsync(
                    "UPDATE items SET is_read = @IsRead, flag = @Flag, categories = @Categories, last_verb = @LastVerb, last_verb_at = @LastVerbAt, modseq = @ModSeq WHERE id = @Id",
                    row,
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                return ToStoredItem(row);
            },
            cancellationToken);
    }

    public Task<StoredItem> MoveItemAsync(long userId, long itemId, long destinationFolderId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                ItemRow row = await LockItemAsync(connection, transaction, userId, itemId, cancellationToken).ConfigureAwait(false);
                long source = row.FolderId;
                if (source == destinationFolderId)
                {
                    return ToStoredItem(row);
                }

                int destinationType = await connection.ScalarAsync<int?>(
                    "SELECT type FROM folders WHERE id = @Id AND user_id = @UserId",
                    new { Id = destinationFolderId, UserId = userId },
                    transaction,
                    cancellationToken).ConfigureAwait(false) ?? throw FolderNotFound(destinationFolderId);
                if (StandardFolders.ClassOf((FolderType)destinationType) != (ItemClass)row.ItemClass)
                {
                    throw WrongClass((ItemClass)row.ItemClass, destinationFolderId);
                }

                // Lock the two folders in id order, so that two opposite moves cannot deadlock.
                long first = Math.Min(source, destinationFolderId);
                long second = Math.Max(source, destinationFolderId);
                long firstSeq = (await BumpFolderAsync(connection, transaction, userId, first, cancellationToken).ConfigureAwait(false)).ModSeq;
                long secondSeq = (await BumpFolderAsync(connection, transaction, userId, second, cancellationToken).ConfigureAwait(false)).ModSeq;
                long sourceSeq = first == source ? firstSeq : secondSeq;
                long destinationSeq = first == source ? secondSeq : firstSeq;

                await InsertTombstoneAsync(connection, transaction, itemId, sourceSeq, cancellationToken).ConfigureAwait(false);
                row.FolderId = destinationFolderId;
                row.ModSeq = destinationSeq;
                row.AddedModSeq = destinationSeq;
                await connection.RunAsync(
                    "UPDATE items SET folder_id = @FolderId, modseq = @ModSeq, added_modseq = @AddedModSeq WHERE id = @Id",
                    row,
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                return ToStoredItem(row);
            },
            cancellationToken);

    public Task<bool> DeleteItemAsync(long userId, long itemId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                ItemRow? row = await connection.RowAsync<ItemRow>(
                    $"SELECT i.id AS Id, i.folder_id AS FolderId, i.size AS Size FROM items i WHERE i.id = @Id AND i.user_id = @UserId{Dialect.ForUpdate}",
                    new { Id = itemId, UserId = userId },
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                if (row is null)
                {
                    return false;
                }

                long seq = (await BumpFolderAsync(connection, transaction, userId, row.FolderId, cancellationToken).ConfigureAwait(false)).ModSeq;
                await InsertTombstoneAsync(connection, transaction, itemId, seq, cancellationToken).ConfigureAwait(false);
                await connection.RunAsync("DELETE FROM items WHERE id = @Id", new { Id = itemId }, transaction, cancellationToken).ConfigureAwait(false);
                await AddUsageAsync(connection, transaction, userId, -row.Size, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    public Task<StoredItem?> GetItemAsync(long userId, long itemId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection =>
            {
                ItemRow? row = await connection.RowAsync<ItemRow>(
                    $"SELECT {ItemRow.Columns} FROM items i WHERE i.id = @Id AND i.user_id = @UserId",
                    new { Id = itemId, UserId = userId },
                    null,
                    cancellationToken).ConfigureAwait(false);
                return row is null ? null : ToStoredItem(row);
            },
            cancellationToken);

    public Task<ItemChanges> GetChangesAsync(long userId, long folderId, long sinceModSeq, int limit, CancellationToken cancellationToken, DateTimeOffset? receivedSince = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sinceModSeq);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        object? cutoff = receivedSince is { } since ? Dialect.ToDb(Microseconds(since)) : null;
        return database.ReadAsync(
            async connection =>
            {
                // The folder's sequence first: every change up to it is committed (its writer held the
                // folder row until commit), and changes committing later have higher sequences.
                long current = await ReadFolderModSeqAsync(connection, userId, folderId, cancellationToken).ConfigureAwait(false);
                bool byDate = cutoff is not null && await PreferDateIndexAsync(connection, folderId, cutoff, current - sinceModSeq, cancellationToken).ConfigureAwait(false);
                long take = (long)limit + 1;
                List<ItemRow> items = (await connection.RowsAsync<ItemRow>(
                    ChangedItemsPageQuery(cutoff is not null, byDate),
                    new { FolderId = folderId, Since = sinceModSeq, UpTo = current, Cutoff = cutoff, Take = take },
                    null,
                    cancellationToken).ConfigureAwait(false)).ToList();

                // The merge below stops before the (limit + 1)th item, so no tombstone after it can be reached.
                long tombstonesUpTo = items.Count == take ? items[^1].ModSeq : current;
                List<TombstoneRow> tombstones = (await connection.RowsAsync<TombstoneRow>(
                    $"SELECT {TombstoneRow.Columns} FROM item_tombstones WHERE folder_id = @FolderId AND modseq > @Since AND modseq <= @UpTo" +
                    (cutoff is null ? string.Empty : TombstoneInWindow) + " ORDER BY modseq LIMIT @Take",
                    new { FolderId = folderId, Since = sinceModSeq, UpTo = tombstonesUpTo, Cutoff = cutoff, Take = take },
                    null,
                    cancellationToken).ConfigureAwait(false)).ToList();

                // Merge the two ranges by sequence and stop after `limit` entries.
                var changed = new List<StoredItem>();
                var deleted = new List<ItemDeletion>();
                int i = 0, t = 0;
                long upTo = current;
                while (i < items.Count || t < tombstones.Count)
                {
                    bool takeItem = t >= tombstones.Count || (i < items.Count && items[i].ModSeq < tombstones[t].ModSeq);
                    long seq = takeItem ? items[i].ModSeq : tombstones[t].ModSeq;
                    if (changed.Count + deleted.Count == limit)
                    {
                        return new ItemChanges(changed, deleted, upTo, MoreAvailable: true);
                    }

                    if (takeItem)
                    {
                        changed.Add(ToStoredItem(items[i++]));
                    }
                    else
                    {
                        deleted.Add(ToDeletion(tombstones[t++]));
                    }

                    upTo = seq;
                }

                return new ItemChanges(changed, deleted, current, MoreAvailable: false);
            },
            cancellationToken);
    }

    public Task<long> CountChangesAsync(long userId, long folderId, long sinceModSeq, DateTimeOffset? receivedSince, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sinceModSeq);
        object? cutoff = receivedSince is { } since ? Dialect.ToDb(Microseconds(since)) : null;
        return database.ReadAsync(
            async connection =>
            {
                long current = await ReadFolderModSeqAsync(connection, userId, folderId, cancellationToken).ConfigureAwait(false);
                bool byDate = cutoff is not null && await PreferDateIndexAsync(connection, folderId, cutoff, current - sinceModSeq, cancellationToken).ConfigureAwait(false);
                var range = new { FolderId = folderId, Since = sinceModSeq, UpTo = current, Cutoff = cutoff };
                long items = await connection.ScalarAsync<long>(
                    ChangedItemsCountQuery(cutoff is not null, byDate),
                    range,
                    null,
                    cancellationToken).ConfigureAwait(false);

                // A tombstone of an item that entered after "since" names an item no device at "since" had.
                long deletions = await connection.ScalarAsync<long>(
                    "SELECT COUNT(*) FROM item_tombstones WHERE folder_id = @FolderId AND modseq > @Since AND modseq <= @UpTo AND added_modseq <= @Since" +
                    (cutoff is null ? string.Empty : TombstoneInWindow),
                    range,
                    null,
                    cancellationToken).ConfigureAwait(false);
                return items + deletions;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ReceivedItem>> GetItemsReceivedBetweenAsync(
        long userId,
        long folderId,
        DateTimeOffset from,
        DateTimeOffset before,
        long maxAddedModSeq,
        ReceivedItem? after,
        int limit,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        object fromValue = Dialect.ToDb(Microseconds(from));

        // Without a cursor, "after (from, 0)" is "from on": ids start at 1.
        var query = new
        {
            FolderId = folderId,
            From = fromValue,
            Before = Dialect.ToDb(Microseconds(before)),
            AfterDate = after is null ? fromValue : Dialect.ToDb(Microseconds(after.DateReceived)),
            AfterId = after?.ItemId ?? 0,
            MaxAddedModSeq = maxAddedModSeq,
            Limit = limit,
        };
        return database.ReadAsync<IReadOnlyList<ReceivedItem>>(
            async connection =>
            {
                _ = await ReadFolderModSeqAsync(connection, userId, folderId, cancellationToken).ConfigureAwait(false);
                IEnumerable<ReceivedRow> rows = await connection.RowsAsync<ReceivedRow>(
                    ReceivedBetweenQuery,
                    query,
                    null,
                    cancellationToken).ConfigureAwait(false);
                return rows.Select(r => new ReceivedItem(r.ItemId, Dialect.FromDb(r.DateReceived))).ToList();
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<StoredItem>> GetItemsAsync(long userId, IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        long[] distinct = itemIds.Distinct().ToArray();
        if (distinct.Length == 0)
        {
            return Task.FromResult<IReadOnlyList<StoredItem>>([]);
        }

        return database.ReadAsync<IReadOnlyList<StoredItem>>(
            async connection =>
            {
                var items = new List<StoredItem>(distinct.Length);
                foreach (long[] batch in distinct.Chunk(InListBatch))
                {
                    items.AddRange((await connection.RowsAsync<ItemRow>(
                        $"SELECT {ItemRow.Columns} FROM items i WHERE {Dialect.InList("i.id", "@Ids")} AND i.user_id = @UserId",
                        new { Ids = batch, UserId = userId },
                        null,
                        cancellationToken).ConfigureAwait(false)).Select(ToStoredItem));
                }

                items.Sort((a, b) => a.Id.CompareTo(b.Id));
                return items;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<StoredItem>> GetItemsByConversationAsync(long userId, byte[] conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        if (conversationId.Length == 0)
        {
            return Task.FromResult<IReadOnlyList<StoredItem>>([]);
        }

        return database.ReadAsync<IReadOnlyList<StoredItem>>(
            async connection => (await connection.RowsAsync<ItemRow>(
                ConversationQuery,
                new { UserId = userId, ConversationId = conversationId, Email = (int)ItemClass.Email },
                null,
                cancellationToken).ConfigureAwait(false)).Select(ToStoredItem).ToList(),
            cancellationToken);
    }

    public Task<int> EmptyFolderAsync(long userId, long folderId, bool deleteSubfolders, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                // The user row before the folder row, in the order DeleteFolderAsync takes them.
                List<FolderRow>? folders = null;
                if (deleteSubfolders)
                {
                    _ = await LockHierarchyAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false) ?? throw FolderNotFound(folderId);
                    folders = await LoadFoldersAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false);
                }

                // Lock the folder row: no item enters or leaves it until commit. Then each item leaves a
                // tombstone at its own new sequence, as if deleted one by one.
                long before = (await BumpFolderAsync(connection, transaction, userId, folderId, cancellationToken, count: 0).ConfigureAwait(false)).ModSeq;
                var folder = new { FolderId = folderId, Before = before };
                int deleted = await connection.RunAsync(
                    "INSERT INTO item_tombstones (folder_id, modseq, item_id, added_modseq, date_received) " +
                    "SELECT folder_id, @Before + ROW_NUMBER() OVER (ORDER BY id), id, added_modseq, date_received FROM items WHERE folder_id = @FolderId",
                    folder,
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                if (deleted > 0)
                {
                    long bytes = await connection.ScalarAsync<long>("SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM items WHERE folder_id = @FolderId", folder, transaction, cancellationToken).ConfigureAwait(false);
                    await connection.RunAsync("DELETE FROM items WHERE folder_id = @FolderId", folder, transaction, cancellationToken).ConfigureAwait(false);
                    await AddUsageAsync(connection, transaction, userId, -bytes, cancellationToken).ConfigureAwait(false);
                    await BumpFolderAsync(connection, transaction, userId, folderId, cancellationToken, deleted).ConfigureAwait(false);
                }

                if (folders is not null)
                {
                    long[] children = [.. folders.Where(f => f.ParentId == folderId).Select(f => f.Id)];
                    if (children.Length > 0)
                    {
                        await DeleteSubtreesAsync(connection, transaction, userId, folders, children, cancellationToken).ConfigureAwait(false);
                    }
                }

                return deleted;
            },
            cancellationToken);

    public Task<StoredItem?> FindEmailByContentAsync(long userId, long folderId, string blobHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobHash);
        return database.ReadAsync(
            async connection =>
            {
                ItemRow? row = await connection.RowAsync<ItemRow>(
                    $"SELECT {ItemRow.Columns} FROM items i WHERE i.folder_id = @FolderId AND i.blob_hash = @BlobHash AND i.user_id = @UserId ORDER BY i.id LIMIT 1",
                    new { FolderId = folderId, BlobHash = blobHash, UserId = userId },
                    null,
                    cancellationToken).ConfigureAwait(false);
                return row is null ? null : ToStoredItem(row);
            },
            cancellationToken);
    }

    public Task<IReadOnlySet<string>> GetReferencedBlobsAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        string[] distinct = hashes.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0)
        {
            return Task.FromResult<IReadOnlySet<string>>(new HashSet<string>(StringComparer.Ordinal));
        }

        return database.ReadAsync<IReadOnlySet<string>>(
            async connection =>
            {
                var referenced = new HashSet<string>(StringComparer.Ordinal);
                foreach (string[] batch in distinct.Chunk(InListBatch))
                {
                    referenced.UnionWith(await connection.RowsAsync<string>(
                        $"SELECT DISTINCT blob_hash FROM items WHERE {Dialect.InList("blob_hash", "@Hashes")} " +
                        $"UNION SELECT blob_hash FROM outbound_queue WHERE {Dialect.InList("blob_hash", "@Hashes")} " +
                        $"UNION SELECT blob_hash FROM oof_pending WHERE {Dialect.InList("blob_hash", "@Hashes")}",
                        new { Hashes = batch },
                        null,
                        cancellationToken).ConfigureAwait(false));
                }

                return referenced;
            },
            cancellationToken);
    }

    /// <summary>The key that makes sibling names unique regardless of case.</summary>
    internal static string NameKey(string name) => name.ToLowerInvariant();

    private static string ValidateFolderName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            throw new MailboxException(MailboxErrorReason.InvalidFolderName, "A folder name cannot be empty.");
        }

        if (trimmed.Length > MaxFolderNameLength)
        {
            throw new MailboxException(MailboxErrorReason.InvalidFolderName, string.Create(CultureInfo.InvariantCulture, $"A folder name has at most {MaxFolderNameLength} characters."));
        }

        if (trimmed.Any(char.IsControl))
        {
            throw new MailboxException(MailboxErrorReason.InvalidFolderName, "A folder name cannot contain control characters.");
        }

        return trimmed;
    }

    private static DateTimeOffset Microseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    private static string? FlagJson(EmailFlag? flag) => flag is null ? null : JsonSerializer.Serialize(flag, StorageJson.Default.EmailFlag);

    private static string CategoriesJson(IReadOnlyList<string>? categories) =>
        JsonSerializer.Serialize(categories?.ToArray() ?? [], StorageJson.Default.StringArray);

    private static MailboxException FolderNotFound(long folderId) =>
        new(MailboxErrorReason.FolderNotFound, $"There is no folder {folderId}.");

    private static MailboxException NameInUse(string name) =>
        new(MailboxErrorReason.InvalidFolderName, $"A sibling folder is already named '{name}'.");

    private static MailboxException StandardFolder(FolderRow folder) =>
        new(MailboxErrorReason.StandardFolder, $"'{folder.Name}' is a standard folder; it cannot be renamed, moved or deleted.");

    private static MailboxException WrongClass(ItemClass itemClass, long folderId) =>
        new(MailboxErrorReason.WrongFolderClass, $"Folder {folderId} does not hold {itemClass} items.");

    /// <summary>The user's folders, parents before children, siblings by id (the standard folders first, in <see cref="StandardFolders.All"/> order).</summary>
    private static async Task<List<FolderRow>> LoadFoldersAsync(DbConnection connection, DbTransaction? transaction, long userId, CancellationToken cancellationToken)
    {
        List<FolderRow> rows = (await connection.RowsAsync<FolderRow>(
            $"SELECT {FolderRow.Columns} FROM folders f WHERE f.user_id = @UserId ORDER BY f.id",
            new { UserId = userId },
            transaction,
            cancellationToken).ConfigureAwait(false)).ToList();
        ILookup<long, FolderRow> children = rows.ToLookup(r => r.ParentId ?? 0);
        var ordered = new List<FolderRow>(rows.Count);
        var queue = new Queue<FolderRow>(children[0]);
        while (queue.TryDequeue(out FolderRow? folder))
        {
            ordered.Add(folder);
            foreach (FolderRow child in children[folder.Id])
            {
                queue.Enqueue(child);
            }
        }

        return ordered;
    }

    /// <summary>Locks the user's row (PostgreSQL) so hierarchy changes of one user take turns; null when there is no such user.</summary>
    private Task<long?> LockHierarchyAsync(DbConnection connection, DbTransaction transaction, long userId, CancellationToken cancellationToken) =>
        connection.ScalarAsync<long?>($"SELECT hierarchy_seq FROM users WHERE id = @Id{Dialect.ForUpdate}", new { Id = userId }, transaction, cancellationToken);

    /// <summary>Advances the user's hierarchy sequence; waiting requests hear of it when the transaction commits.</summary>
    private async Task<long> BumpHierarchyAsync(DbConnection connection, DbTransaction transaction, long userId, CancellationToken cancellationToken)
    {
        long seq = await connection.ScalarAsync<long>("UPDATE users SET hierarchy_seq = hierarchy_seq + 1 WHERE id = @Id RETURNING hierarchy_seq", new { Id = userId }, transaction, cancellationToken).ConfigureAwait(false);
        database.Changed(transaction, new MailboxChange(userId, null));
        return seq;
    }

    /// <summary>
    /// Advances the folder's sequence by <paramref name="count"/> (one per item written) and returns the new value;
    /// the folder row stays locked until commit, when waiting requests hear of the change.
    /// </summary>
    private async Task<BumpRow> BumpFolderAsync(DbConnection connection, DbTransaction transaction, long userId, long folderId, CancellationToken cancellationToken, int count = 1)
    {
        BumpRow bump = await connection.RowAsync<BumpRow>(
            "UPDATE folders SET modseq = modseq + @Count WHERE id = @Id AND user_id = @UserId RETURNING modseq AS ModSeq, type AS Type",
            new { Id = folderId, UserId = userId, Count = count },
            transaction,
            cancellationToken).ConfigureAwait(false) ?? throw FolderNotFound(folderId);
        if (count > 0)
        {
            database.Changed(transaction, new MailboxChange(userId, folderId));
        }

        return bump;
    }

    /// <summary>Records in the item's current folder that it leaves at <paramref name="modSeq"/>, with when it had entered and its received date; call before it moves or goes.</summary>
    private static Task<int> InsertTombstoneAsync(DbConnection connection, DbTransaction transaction, long itemId, long modSeq, CancellationToken cancellationToken) =>
        connection.RunAsync(
            "INSERT INTO item_tombstones (folder_id, modseq, item_id, added_modseq, date_received) " +
            "SELECT folder_id, @ModSeq, id, added_modseq, date_received FROM items WHERE id = @ItemId",
            new { ModSeq = modSeq, ItemId = itemId },
            transaction,
            cancellationToken);

    /// <summary>
    /// Deletes the folders <paramref name="roots"/> (of <paramref name="folders"/>, the user's, parents
    /// first) and everything below them: all leave the hierarchy at one new sequence. Their items and
    /// item tombstones go with them (ON DELETE CASCADE). The user row must be locked.
    /// </summary>
    private async Task DeleteSubtreesAsync(DbConnection connection, DbTransaction transaction, long userId, List<FolderRow> folders, IReadOnlyCollection<long> roots, CancellationToken cancellationToken)
    {
        // Parents come before children in the list, so one pass collects the subtrees.
        var doomed = new HashSet<long>(roots);
        foreach (FolderRow f in folders)
        {
            if (f.ParentId is { } p && doomed.Contains(p))
            {
                doomed.Add(f.Id);
            }
        }

        long seq = await BumpHierarchyAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false);
        foreach (long id in doomed)
        {
            await connection.RunAsync(
                "INSERT INTO folder_tombstones (user_id, folder_id, hierarchy_seq) VALUES (@UserId, @FolderId, @Seq)",
                new { UserId = userId, FolderId = id, Seq = seq },
                transaction,
                cancellationToken).ConfigureAwait(false);
        }

        // The items go by cascade: count what leaves the mailbox first.
        long bytes = 0;
        foreach (long[] batch in doomed.Chunk(InListBatch))
        {
            bytes += await connection.ScalarAsync<long>(
                $"SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM items WHERE {Dialect.InList("folder_id", "@Ids")}",
                new { Ids = batch },
                transaction,
                cancellationToken).ConfigureAwait(false);
        }

        foreach (long root in roots)
        {
            await connection.RunAsync("DELETE FROM folders WHERE id = @Id", new { Id = root }, transaction, cancellationToken).ConfigureAwait(false);
        }

        await AddUsageAsync(connection, transaction, userId, -bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds <paramref name="delta"/> (negative: items left) to the user's mailbox size, in the caller's transaction and
    /// after its folder rows (the lock order of every item write: folder, then usage). A size that falls below the
    /// warning size the user was warned at clears the warning, so that the next crossing warns again.
    /// </summary>
    private static Task<int> AddUsageAsync(DbConnection connection, DbTransaction transaction, long userId, long delta, CancellationToken cancellationToken) =>
        delta == 0
            ? Task.FromResult(0)
            : connection.RunAsync(UsageDeltaSql, new { UserId = userId, Delta = delta }, transaction, cancellationToken);

    /// <summary>Reads the item for a change and locks its row (PostgreSQL); writers of one item take turns.</summary>
    private async Task<ItemRow> LockItemAsync(DbConnection connection, DbTransaction transaction, long userId, long itemId, CancellationToken cancellationToken) =>
        await connection.RowAsync<ItemRow>(
            $"SELECT {ItemRow.Columns} FROM items i WHERE i.id = @Id AND i.user_id = @UserId{Dialect.ForUpdate}",
            new { Id = itemId, UserId = userId },
            transaction,
            cancellationToken).ConfigureAwait(false)
        ?? throw new MailboxException(MailboxErrorReason.ItemNotFound, $"There is no item {itemId}.");

    private async Task<StoredItem> AddAsync(ItemRow row, CancellationToken cancellationToken) =>
        (await AddRowsAsync([row], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Adds rows of one folder in one transaction: the folder's sequence advances by their count and each row gets its own number, in order.</summary>
    private Task<IReadOnlyList<StoredItem>> AddRowsAsync(IReadOnlyList<ItemRow> rows, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<StoredItem>>(
            async (connection, transaction) =>
            {
                ItemRow first = rows[0];
                BumpRow bump = await BumpFolderAsync(connection, transaction, first.UserId, first.FolderId, cancellationToken, rows.Count).ConfigureAwait(false);
                if (StandardFolders.ClassOf((FolderType)bump.Type) != (ItemClass)first.ItemClass)
                {
                    throw WrongClass((ItemClass)first.ItemClass, first.FolderId);
                }

                var stored = new List<StoredItem>(rows.Count);
                long modSeq = bump.ModSeq - rows.Count;
                foreach (ItemRow row in rows)
                {
                    row.ModSeq = ++modSeq;
                    row.AddedModSeq = modSeq;
                    row.Id = await connection.ScalarAsync<long>(
                        "INSERT INTO items (user_id, folder_id, item_class, modseq, added_modseq, size, blob_hash, from_list, to_list, cc_list, " +
                        "reply_to, subject, date_received, importance, message_class, is_read, flag, categories, has_attachments, conversation_id, " +
                        "message_id, thread_topic, properties, created_at) VALUES (@UserId, @FolderId, @ItemClass, @ModSeq, @AddedModSeq, @Size, @BlobHash, @FromList, " +
                        "@ToList, @CcList, @ReplyTo, @Subject, @DateReceived, @Importance, @MessageClass, @IsRead, @Flag, @Categories, " +
                        "@HasAttachments, @ConversationId, @MessageId, @ThreadTopic, @Properties, @CreatedAt) RETURNING id",
                        row,
                        transaction,
                        cancellationToken).ConfigureAwait(false);
                    if (row.ItemClass == (int)ItemClass.Email)
                    {
                        await IndexNewEmailAsync(connection, transaction, row, cancellationToken).ConfigureAwait(false);
                    }

                    stored.Add(ToStoredItem(row));
                }

                await AddUsageAsync(connection, transaction, first.UserId, rows.Sum(r => r.Size), cancellationToken).ConfigureAwait(false);
                return stored;
            },
            cancellationToken);

    /// <summary>The folder's modification sequence; the folder must be the user's.</summary>
    private static async Task<long> ReadFolderModSeqAsync(DbConnection connection, long userId, long folderId, CancellationToken cancellationToken) =>
        await connection.ScalarAsync<long?>(
            "SELECT modseq FROM folders WHERE id = @Id AND user_id = @UserId",
            new { Id = folderId, UserId = userId },
            null,
            cancellationToken).ConfigureAwait(false) ?? throw FolderNotFound(folderId);

    /// <summary>
    /// A query over the items of <c>@FolderId</c> with <c>@Since &lt; modseq &lt;= @UpTo</c> and, with a
    /// <paramref name="window"/>, a received date from <c>@Cutoff</c> on or none. Read by sequence through
    /// <c>(folder_id, modseq)</c>, or <paramref name="byDate"/> through <c>(folder_id, date_received, id)</c>:
    /// the window and the undated items are two ranges of that index (a union), and the unary plus keeps
    /// the planner off the sequence index. Whoever orders a union by sequence orders by an expression
    /// (<c>ModSeq + 0</c>), or SQLite walks the sequence index for the sorted undated half.
    /// </summary>
    internal static string ChangedItemsQuery(string select, bool window, bool byDate)
    {
        const string Sequences = "i.modseq > @Since AND i.modseq <= @UpTo";
        const string SequencesNoIndex = "+i.modseq > @Since AND +i.modseq <= @UpTo";
        if (!window)
        {
            return $"SELECT {select} FROM items i WHERE i.folder_id = @FolderId AND {Sequences}";
        }

        return byDate
            ? $"SELECT {select} FROM items i WHERE i.folder_id = @FolderId AND i.date_received >= @Cutoff AND {SequencesNoIndex} " +
              $"UNION ALL SELECT {select} FROM items i WHERE i.folder_id = @FolderId AND i.date_received IS NULL AND {SequencesNoIndex}"
            : $"SELECT {select} FROM items i WHERE i.folder_id = @FolderId AND {Sequences} AND (i.date_received IS NULL OR i.date_received >= @Cutoff)";
    }

    /// <summary>The first <c>@Take</c> changed items (<see cref="ChangedItemsQuery"/>) by sequence.</summary>
    internal static string ChangedItemsPageQuery(bool window, bool byDate) => byDate
        ? $"SELECT * FROM ({ChangedItemsQuery(ItemRow.Columns, window: true, byDate: true)}) u ORDER BY u.ModSeq + 0 LIMIT @Take"
        : $"{ChangedItemsQuery(ItemRow.Columns, window, byDate: false)} ORDER BY i.modseq LIMIT @Take";

    /// <summary>How many changed items there are (<see cref="ChangedItemsQuery"/>).</summary>
    internal static string ChangedItemsCountQuery(bool window, bool byDate) =>
        $"SELECT COUNT(*) FROM ({ChangedItemsQuery("1 AS one", window, byDate)}) c";

    /// <summary>
    /// Whether the folder's date window (from <paramref name="cutoff"/> on, or undated) holds fewer items
    /// than half of <paramref name="span"/> sequences: then reading the window through the date index
    /// costs less than walking the sequences. Counts in the date index only, and stops at that half.
    /// </summary>
    private static async Task<bool> PreferDateIndexAsync(DbConnection connection, long folderId, object cutoff, long span, CancellationToken cancellationToken)
    {
        if (span <= DateIndexMinimumSpan)
        {
            return false;
        }

        long half = span / 2;
        long inWindow = await connection.ScalarAsync<long>(
            WindowCountQuery,
            new { FolderId = folderId, Cutoff = cutoff, Half = half },
            null,
            cancellationToken).ConfigureAwait(false);
        return inWindow < half;
    }

    private ItemDeletion ToDeletion(TombstoneRow row) =>
        new(row.ItemId, row.ModSeq, row.AddedModSeq, row.DateReceived is null ? null : Dialect.FromDb(row.DateReceived));

    private StoredItem ToStoredItem(ItemRow row)
    {
        var itemClass = (ItemClass)row.ItemClass;
        DateTimeOffset createdAt = Dialect.FromDb(row.CreatedAt);
        EmailSummary? email = itemClass != ItemClass.Email ? null : new EmailSummary(
            From: row.FromList ?? string.Empty,
            To: row.ToList ?? string.Empty,
            Cc: row.CcList ?? string.Empty,
            ReplyTo: row.ReplyTo ?? string.Empty,
            Subject: row.Subject ?? string.Empty,
            DateReceived: row.DateReceived is null ? createdAt : Dialect.FromDb(row.DateReceived),
            Importance: (Importance)row.Importance,
            MessageClass: row.MessageClass ?? "IPM.Note",
            Read: row.IsRead,
            Flag: row.Flag is null ? null : JsonSerializer.Deserialize(row.Flag, StorageJson.Default.EmailFlag),
            Categories: row.Categories is null ? [] : JsonSerializer.Deserialize(row.Categories, StorageJson.Default.StringArray) ?? [],
            HasAttachments: row.HasAttachments,
            ConversationId: row.ConversationId ?? [],
            MessageId: row.MessageId ?? string.Empty,
            ThreadTopic: row.ThreadTopic ?? string.Empty)
        {
            LastVerb = (EmailLastVerb?)row.LastVerb,
            LastVerbAt = row.LastVerbAt is null ? null : Dialect.FromDb(row.LastVerbAt),
        };
        return new StoredItem(row.Id, row.UserId, row.FolderId, itemClass, row.ModSeq, row.AddedModSeq, row.Size, row.BlobHash, email, row.Properties, createdAt);
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}
