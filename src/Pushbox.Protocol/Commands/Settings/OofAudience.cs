namespace Pushbox.Protocol.Commands.Settings;

/// <summary>Whom an OofMessage is for (MS-ASCMD_R3513 to R3516): the AppliesTo* element it holds.</summary>
public enum OofAudience
{
    /// <summary>AppliesToInternal: senders of the user's own organisation.</summary>
    Internal,

    /// <summary>AppliesToExternalKnown: outside senders in the user's contacts.</summary>
    ExternalKnown,

    /// <summary>AppliesToExternalUnknown: every other outside sender.</summary>
    ExternalUnknown,
}
