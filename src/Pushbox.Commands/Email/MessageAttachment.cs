using MimeKit;

namespace Pushbox.Commands.Email;

/// <summary>One attachment of a parsed message, as the item lists it.</summary>
/// <param name="PartIndex">Its position among the message's body parts (<see cref="MimeMessage.BodyParts"/>), the last component of its file reference.</param>
/// <param name="Entity">The MIME part (a <see cref="MimePart"/>, or a <see cref="MessagePart"/> for an attached message).</param>
/// <param name="DisplayName">The file name to show.</param>
/// <param name="ContentType">The media type, e.g. "image/png".</param>
/// <param name="Method">MS-ASAIRS Method: 1 normal, 5 an attached message.</param>
/// <param name="EstimatedSize">Its decoded size in bytes, estimated from the encoded size.</param>
/// <param name="ContentId">The Content-ID without angle brackets, or null.</param>
/// <param name="ContentLocation">The Content-Location, or null.</param>
/// <param name="IsInline">An image (or other part) that the HTML body refers to by its Content-ID.</param>
internal sealed record MessageAttachment(
    int PartIndex,
    MimeEntity Entity,
    string DisplayName,
    string ContentType,
    int Method,
    long EstimatedSize,
    string? ContentId,
    string? ContentLocation,
    bool IsInline);
