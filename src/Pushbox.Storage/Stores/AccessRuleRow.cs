using Pushbox.Mailbox.Devices;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>device_access_rules</c> (Dapper fills it; column aliases match the names).</summary>
internal sealed class AccessRuleRow
{
    /// <summary>The columns, aliased to the property names.</summary>
    public const string Columns = "id AS Id, characteristic AS Characteristic, pattern AS Pattern, access_level AS AccessLevel, created_at AS CreatedAt";

    public long Id { get; init; }

    public int Characteristic { get; init; }

    public string Pattern { get; init; } = string.Empty;

    public int AccessLevel { get; init; }

    public object CreatedAt { get; init; } = 0L;

    public DeviceAccessRule ToRule(SqlDialect dialect) =>
        new(Id, (DeviceCharacteristic)Characteristic, Pattern, (DeviceAccessState)AccessLevel, dialect.FromDb(CreatedAt));
}
