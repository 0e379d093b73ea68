using System.Text.Json;
using Pushbox.Mailbox.Outbound;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>outbound_queue</c> (Dapper fills it; column aliases match the names).</summary>
internal sealed class QueueRow
{
    /// <summary>The columns, aliased to the property names (unqualified: SQLite's RETURNING takes no table names).</summary>
    public const string Columns =
        "id AS Id, blob_hash AS BlobHash, size AS Size, reverse_path AS ReversePath, recipients AS Recipients, " +
        "created_at AS CreatedAt, next_attempt_at AS NextAttemptAt, attempts AS Attempts, last_error AS LastError, " +
        "lease_owner AS LeaseOwner, lease_until AS LeaseUntil";

    public long Id { get; set; }

    public string BlobHash { get; set; } = string.Empty;

    public long Size { get; set; }

    public string ReversePath { get; set; } = string.Empty;

    public string Recipients { get; set; } = "[]";

    public object CreatedAt { get; set; } = 0L;

    public object NextAttemptAt { get; set; } = 0L;

    public int Attempts { get; set; }

    public string LastError { get; set; } = string.Empty;

    public string? LeaseOwner { get; set; }

    public object? LeaseUntil { get; set; }

    public static string RecipientsJson(IReadOnlyList<string> recipients) =>
        JsonSerializer.Serialize(recipients.ToArray(), StorageJson.Default.StringArray);

    public QueuedMessage ToMessage(SqlDialect dialect) => new(
        Id,
        BlobHash,
        Size,
        ReversePath,
        JsonSerializer.Deserialize(Recipients, StorageJson.Default.StringArray) ?? [],
        dialect.FromDb(CreatedAt),
        dialect.FromDb(NextAttemptAt),
        Attempts,
        LastError,
        LeaseOwner,
        LeaseUntil is null ? null : dialect.FromDb(LeaseUntil));
}
