using Pushbox.Storage.Stores;

namespace Pushbox.Storage.Tests;

/// <summary>The store contract over PostgreSQL (see <see cref="PostgresStorageFixture"/> for the server it needs).</summary>
public sealed class PostgresStoreContractTests(PostgresStorageFixture fixture) : StoreContractTests(fixture), IClassFixture<PostgresStorageFixture>
{
    [Fact]
    public async Task ChangeQuery_IsAnIndexRange()
    {
        // Forbid the sequential scan a nearly empty table would get, to see which index the planner can use.
        string plan = string.Join(" | ", await Fixture.QueryStringsAsync(
            "SET enable_seqscan = off; EXPLAIN SELECT id FROM items WHERE folder_id = 1 AND modseq > 5 AND modseq <= 9 ORDER BY modseq LIMIT 10"));

        Assert.Contains("ux_items_folder_modseq", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DateWindowQueries_CanUseTheDateAndConversationIndexes()
    {
        string between = await PlanAsync(SqlMailboxStore.ReceivedBetweenQuery);
        string window = await PlanAsync(SqlMailboxStore.WindowCountQuery);
        // The search's index on (user, date) serves this query too; the planner's choice between the two on an
        // empty table says nothing, so the conversation index is shown usable with the other one out of the way.
        string conversation = await PlanAsync(SqlMailboxStore.ConversationQuery, without: "ix_items_user_date");

        Assert.Contains("ix_items_folder_date", between, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", between, StringComparison.Ordinal);
        Assert.Contains("Index Only Scan using ix_items_folder_date", window, StringComparison.Ordinal);
        Assert.Contains("ix_items_user_conversation", conversation, StringComparison.Ordinal);
        Assert.Equal(1, await Fixture.ScalarAsync("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'ix_items_user_date'"));
    }

    // Forbid the sequential scan a nearly empty table would get, to see which index the planner can use.
    // An index named in without is dropped for the EXPLAIN only, in a transaction rolled back.
    private async Task<string> PlanAsync(string sql, string? without = null) =>
        string.Join(" | ", await Fixture.QueryStringsAsync(
            without is null
                ? "SET enable_seqscan = off; EXPLAIN " + sql
                : $"BEGIN; DROP INDEX {without}; SET LOCAL enable_seqscan = off; EXPLAIN {sql}; ROLLBACK;",
            PlanParameters));
}
