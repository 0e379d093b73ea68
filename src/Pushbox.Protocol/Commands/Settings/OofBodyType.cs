namespace Pushbox.Protocol.Commands.Settings;

/// <summary>The Settings BodyType values, "Text" and "HTML" (MS-ASCMD_R821), matched case-insensitively.</summary>
public enum OofBodyType
{
    /// <summary>Plain text.</summary>
    Text,

    /// <summary>HTML.</summary>
    Html,
}
