namespace Pushbox.Protocol.Commands.Settings;

/// <summary>A Settings request: its named properties in the order sent, which is the order they are processed and answered in (MS-ASCMD_R478, R480).</summary>
/// <param name="Properties">The properties, each kind at most once.</param>
public sealed record SettingsRequest(IReadOnlyList<SettingsProperty> Properties);
