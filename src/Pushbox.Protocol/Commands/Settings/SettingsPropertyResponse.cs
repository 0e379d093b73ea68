namespace Pushbox.Protocol.Commands.Settings;

/// <summary>The answer to one property: its status first (MS-ASCMD_R486), then, for a successful Get, what was got.</summary>
/// <param name="Kind">The property.</param>
/// <param name="Status">Its status.</param>
public sealed record SettingsPropertyResponse(SettingsPropertyKind Kind, SettingsStatus Status)
{
    /// <summary>Oof: the settings of a successful Get; null for a Set or a failure.</summary>
    public OofGetResponse? Oof { get; init; }

    /// <summary>UserInformation: the addresses of a successful Get.</summary>
    public UserInformationResponse? UserInformation { get; init; }
}
