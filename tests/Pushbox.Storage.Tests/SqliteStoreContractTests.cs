using Pushbox.Storage.Stores;

namespace Pushbox.Storage.Tests;

/// <summary>The store contract over SQLite, plus what only SQLite has (pragmas, its query planner).</summary>
public sealed class SqliteStoreContractTests(SqliteStorageFixture fixture) : StoreContractTests(fixture), IClassFixture<SqliteStorageFixture>
{
    [Fact]
    public async Task Connection_UsesWalFullSyncForeignKeysAndABusyTimeout()
    {
        Assert.Equal("wal", (await Fixture.QueryStringsAsync("PRAGMA journal_mode")).Single());
        Assert.Equal(2, await Fixture.ScalarAsync("PRAGMA synchronous")); // FULL
        Assert.Equal(1, await Fixture.ScalarAsync("PRAGMA foreign_keys"));
        Assert.Equal(30_000, await Fixture.ScalarAsync("PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task ChangeQueries_AreIndexRanges()
    {
        string items = string.Join(" | ", await Fixture.QueryColumnAsync(
            "EXPLAIN QUERY PLAN SELECT id, subject, properties FROM items WHERE folder_id = 1 AND modseq > 5 AND modseq <= 9 ORDER BY modseq LIMIT 10", "detail"));
        string tombstones = string.Join(" | ", await Fixture.QueryColumnAsync(
            "EXPLAIN QUERY PLAN SELECT item_id FROM item_tombstones WHERE folder_id = 1 AND modseq > 5 AND modseq <= 9 ORDER BY modseq LIMIT 10", "detail"));

        Assert.Contains("USING INDEX ux_items_folder_modseq (folder_id=? AND modseq>? AND modseq<?)", items, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", items, StringComparison.Ordinal);
        Assert.Contains("USING PRIMARY KEY (folder_id=? AND modseq>? AND modseq<?)", tombstones, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DateWindowQueries_AreRangesOfTheDateIndex_AndConversationsOfTheirs()
    {
        string bySequence = await PlanAsync(SqlMailboxStore.ChangedItemsPageQuery(window: true, byDate: false));
        string byDate = await PlanAsync(SqlMailboxStore.ChangedItemsPageQuery(window: true, byDate: true));
        string countByDate = await PlanAsync(SqlMailboxStore.ChangedItemsCountQuery(window: true, byDate: true));
        string window = await PlanAsync(SqlMailboxStore.WindowCountQuery);
        string between = await PlanAsync(SqlMailboxStore.ReceivedBetweenQuery);
        string conversation = await PlanAsync(SqlMailboxStore.ConversationQuery);

        Assert.Contains("USING INDEX ux_items_folder_modseq (folder_id=? AND modseq>? AND modseq<?)", bySequence, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", bySequence, StringComparison.Ordinal);
        foreach (string plan in new[] { byDate, countByDate })
        {
            // The window and the undated items: two ranges of the date index, never a walk of the folder by sequence.
            Assert.Contains("USING INDEX ix_items_folder_date (folder_id=? AND date_received>?)", plan, StringComparison.Ordinal);
            Assert.Contains("USING INDEX ix_items_folder_date (folder_id=? AND date_received=?)", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("ux_items_folder_modseq", plan, StringComparison.Ordinal);
        }

        Assert.Contains("USING COVERING INDEX ix_items_folder_date (folder_id=? AND date_received>?)", window, StringComparison.Ordinal);
        Assert.Contains("USING COVERING INDEX ix_items_folder_date (folder_id=? AND date_received=?)", window, StringComparison.Ordinal);
        Assert.Contains("USING INDEX ix_items_folder_date (folder_id=? AND date_received>? AND date_received<?)", between, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", between, StringComparison.Ordinal);
        Assert.Contains("USING INDEX ix_items_user_conversation (user_id=? AND conversation_id=?)", conversation, StringComparison.Ordinal);
    }

    private async Task<string> PlanAsync(string sql) => string.Join(" | ", await Fixture.QueryColumnAsync("EXPLAIN QUERY PLAN " + sql, "detail", PlanParameters));
}
