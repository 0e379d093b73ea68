using Pushbox.Protocol.Commands.Provision;

namespace Pushbox.Protocol.Commands.Settings;

/// <summary>
/// One named property of a Settings request, in request order. A property whose content is wrong carries the status
/// to answer in <see cref="Refusal"/> (the parser never throws for those: one bad property does not fail the others,
/// MS-ASCMD_R484); otherwise the payload of its kind is set.
/// </summary>
/// <param name="Kind">The property.</param>
public sealed record SettingsProperty(SettingsPropertyKind Kind)
{
    /// <summary>The status to answer without acting; null when the property is well formed.</summary>
    public SettingsStatus? Refusal { get; init; }

    /// <summary>Oof: the BodyType of a Get (MS-ASCMD_R824); null for a Set.</summary>
    public OofBodyType? OofGet { get; init; }

    /// <summary>Oof: the Set; null for a Get.</summary>
    public OofSetRequest? OofSet { get; init; }

    /// <summary>DeviceInformation: the Set's values (all null when the Set was empty, which clears them, MS-ASCMD_R3947).</summary>
    public ProvisionDeviceInformation? DeviceInformation { get; init; }

    /// <summary>DevicePassword: the recovery password; empty to clear it (MS-ASCMD_R3661). A secret: never log it.</summary>
    public string? Password { get; init; }

    /// <summary>A refused property.</summary>
    public static SettingsProperty Refused(SettingsPropertyKind kind, SettingsStatus status) => new(kind) { Refusal = status };
}
