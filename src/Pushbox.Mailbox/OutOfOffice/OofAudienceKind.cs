namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>Whom a sender is to the user who is away (MS-ASCMD_R3513 to R3516).</summary>
public enum OofAudienceKind
{
    /// <summary>A sender of the user's organisation: a local user, or an address in a domain Pushbox serves.</summary>
    Internal,

    /// <summary>An outside sender in the user's contacts.</summary>
    ExternalKnown,

    /// <summary>Any other outside sender.</summary>
    ExternalUnknown,
}
