namespace Pushbox.Protocol.Commands.Settings;

/// <summary>
/// A Settings response: the request-wide status and, when it is <see cref="SettingsStatus.Success"/>, one answer per
/// property in request order (MS-ASCMD_R480 to R483). A RightsManagementInformation Get is answered with an empty
/// <c>rm:RightsManagementTemplates</c>: Pushbox holds no rights management templates.
/// </summary>
/// <param name="Status">The request-wide status.</param>
/// <param name="Properties">The property answers; must be empty unless <paramref name="Status"/> is success.</param>
public sealed record SettingsResponse(SettingsStatus Status, IReadOnlyList<SettingsPropertyResponse> Properties);
