namespace Pushbox.Protocol.Commands.Settings;

/// <summary>The named properties of a Settings request (MS-ASCMD_R471); each may appear at most once (MS-ASCMD_R477).</summary>
public enum SettingsPropertyKind
{
    /// <summary>Out of Office: Get or Set.</summary>
    Oof,

    /// <summary>The device's description of itself: Set.</summary>
    DeviceInformation,

    /// <summary>The device's recovery password: Set.</summary>
    DevicePassword,

    /// <summary>The user's addresses (and accounts from 14.1): Get.</summary>
    UserInformation,

    /// <summary>The rights management templates (14.1+): Get.</summary>
    RightsManagementInformation,
}
