using Pushbox.Commands.Email;
using Pushbox.Commands.ItemOperations;
using Pushbox.Mailbox;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.GetAttachment;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// GetAttachment (MS-ASCMD 2.2.1.7; protocol 2.5 to 12.1, and whatever later versions the command catalogue admits):
/// the attachment named by the AttachmentName query parameter — the <see cref="EmailFileReference"/> the item's
/// attachment list gave (email:AttName, airsyncbase:FileReference) — sent as the response body, raw, with its media
/// type as Content-Type (MS-ASCMD_R164) and its length as Content-Length. The bytes are decoded from the message blob
/// while they are sent.
/// </summary>
/// <remarks>
/// A missing or empty AttachmentName is a malformed request (the HTTP layer answers 400). A name that is no
/// attachment of the user's — never was, or was deleted — is answered with HTTP 500 and no body: that is the
/// spec's answer for an attachment that has been deleted on the server (MS-ASCMD_R166), and a name that is not
/// Pushbox's own is indistinguishable from one whose item is gone. The command has no status element, so there is
/// nothing more precise to say; another user's attachment gets the same answer, telling nothing about it.
/// An attachment the mailbox policy withholds (<see cref="EasRequestContext.Caps"/>: AttachmentsEnabled false,
/// MS-ASPROV_R206, or larger than MaxAttachmentSize bytes, R738) gets the same HTTP 500: the command has no status
/// for it, and HTTP 403 or 449 would send the device to provision again, which changes nothing.
/// </remarks>
internal sealed class GetAttachmentHandler(IMailboxStore store, EmailItemRenderer renderer) : IEasCommandHandler
{
    /// <summary>The HTTP status for an attachment that does not exist (MS-ASCMD_R166).</summary>
    public const int AttachmentNotFoundHttpStatus = 500;

    public EasCommand Command => EasCommand.GetAttachment;

    /// <summary>
    /// GetAttachment has no response document to carry a common status in, so a refusal is the HTTP status older
    /// versions get for it: 449 for a device that must provision (142, 144) or fetch a pending wipe (140), 403 otherwise (a blocked device, 129).
    /// </summary>
    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status) =>
        EasCommandResult.Status(DeviceAccessGate.LegacyHttpStatus(status));

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        GetAttachmentRequest request = GetAttachmentRequestParser.Parse(context.Query);
        if (!context.Caps.AttachmentsEnabled)
        {
            return EasCommandResult.Status(AttachmentNotFoundHttpStatus);
        }

        OpenedAttachment? opened = await OpenedAttachment.OpenAsync(store, renderer, context.UserId, request.AttachmentName, cancellationToken).ConfigureAwait(false);
        if (opened is null)
        {
            return EasCommandResult.Status(AttachmentNotFoundHttpStatus);
        }

        // The attachment stays open from here until its bytes are sent: the result is written right after it is returned.
        long length;
        try
        {
            length = await opened.Attachment.GetLengthAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await opened.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (context.Caps.Attachment(length) is not null)
        {
            await opened.DisposeAsync().ConfigureAwait(false);
            return EasCommandResult.Status(AttachmentNotFoundHttpStatus);
        }

        return EasCommandResult.Raw(AttachmentContentType.Of(opened.Attachment.ContentType), length, async (stream, token) =>
        {
            await using (opened.ConfigureAwait(false))
            {
                long written = await opened.Attachment.CopyToAsync(stream, token).ConfigureAwait(false);
                if (written != length)
                {
                    throw new InvalidOperationException($"Attachment {opened.PartIndex} of item {opened.Item.Id} gave {written} bytes, not the {length} measured.");
                }
            }
        });
    }
}
