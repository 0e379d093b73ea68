using Pushbox.Mailbox.OutOfOffice;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>oof_settings</c> (Dapper fills it; column aliases match the names).</summary>
internal sealed class OofSettingsRow
{
    /// <summary>The columns, aliased to the property names.</summary>
    public const string Columns =
        "mode AS Mode, start_time AS StartTime, end_time AS EndTime, " +
        "internal_enabled AS InternalEnabled, internal_message AS InternalMessage, internal_html AS InternalHtml, " +
        "known_enabled AS KnownEnabled, known_message AS KnownMessage, known_html AS KnownHtml, " +
        "unknown_enabled AS UnknownEnabled, unknown_message AS UnknownMessage, unknown_html AS UnknownHtml, generation AS Generation";

    public int Mode { get; init; }

    public object? StartTime { get; init; }

    public object? EndTime { get; init; }

    public bool InternalEnabled { get; init; }

    public string InternalMessage { get; init; } = string.Empty;

    public bool InternalHtml { get; init; }

    public bool KnownEnabled { get; init; }

    public string KnownMessage { get; init; } = string.Empty;

    public bool KnownHtml { get; init; }

    public bool UnknownEnabled { get; init; }

    public string UnknownMessage { get; init; } = string.Empty;

    public bool UnknownHtml { get; init; }

    public long Generation { get; init; }

    public OofSettings ToSettings(SqlDialect dialect) =>
        new OofSettings(
            (OofMode)Mode,
            StartTime is null ? null : dialect.FromDb(StartTime),
            EndTime is null ? null : dialect.FromDb(EndTime),
            new OofReply(InternalEnabled, InternalMessage, InternalHtml),
            new OofReply(KnownEnabled, KnownMessage, KnownHtml),
            new OofReply(UnknownEnabled, UnknownMessage, UnknownHtml)) { Generation = Generation };
}
