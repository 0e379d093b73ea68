namespace Pushbox.Commands.Policies;

/// <summary>Why the policy refuses an attachment download (<see cref="PolicyCaps.Attachment"/>).</summary>
public enum AttachmentRefusal
{
    /// <summary>AttachmentsEnabled is false (MS-ASPROV_R206).</summary>
    Disabled,

    /// <summary>The attachment is larger than MaxAttachmentSize bytes (MS-ASPROV_R738).</summary>
    TooLarge,
}
