namespace Pushbox.Protocol.Commands.Settings;

/// <summary>The length limits of Settings values.</summary>
public static class SettingsLimits
{
    /// <summary>The recovery password: at most 255 characters (MS-ASCMD_R3660); longer is Status 5 (MS-ASCMD_R4400).</summary>
    public const int MaxPasswordLength = 255;

    /// <summary>Each DeviceInformation value: at most 1,024 characters (Settings.xsd DeviceInformationStringType); longer is Status 5.</summary>
    public const int MaxDeviceInformationLength = 1024;

    /// <summary>
    /// The longest value read before the parser gives up on the document (Status 2 for the whole request): values between
    /// their own limit and this one are read so that they can be answered with Status 5 for their property alone.
    /// </summary>
    public const int MaxReadLength = 4096;

    /// <summary>An Oof ReplyMessage: at most 64 K characters (a reply text, not a document; Exchange's own cap is smaller).</summary>
    public const int MaxReplyMessageLength = 65536;
}
