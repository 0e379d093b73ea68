using Pushbox.Mailbox.Policies;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>policies</c> (Dapper fills it; column aliases match the names). Id is null when an outer join found no policy.</summary>
internal sealed class PolicyRow
{
    /// <summary>The columns, aliased to the property names, of <c>policies</c> (unqualified: SQLite's RETURNING takes no table names).</summary>
    public const string Columns =
        "id AS Id, name AS Name, settings AS SettingsJson, version AS Version, is_default AS IsDefault, " +
        "allow_non_provisionable AS AllowNonProvisionableDevices, updated_at AS UpdatedAt";

    /// <summary>The same columns of <c>policies p</c>, for joins.</summary>
    public const string JoinColumns =
        "p.id AS Id, p.name AS Name, p.settings AS SettingsJson, p.version AS Version, p.is_default AS IsDefault, " +
        "p.allow_non_provisionable AS AllowNonProvisionableDevices, p.updated_at AS UpdatedAt";

    public long? Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string SettingsJson { get; init; } = string.Empty;

    public long Version { get; init; }

    public bool IsDefault { get; init; }

    public bool AllowNonProvisionableDevices { get; init; }

    public object? UpdatedAt { get; init; }

    public Policy ToPolicy(SqlDialect dialect) =>
        new(Id!.Value, Name, SettingsJson, Version, IsDefault, AllowNonProvisionableDevices, dialect.FromDb(UpdatedAt!));
}
