using Pushbox.Wbxml;
using Tags = Pushbox.Wbxml.EasCodePages.ComposeMailTags;

namespace Pushbox.Protocol.Commands.ComposeMail;

/// <summary>
/// Writes the failure response of SendMail, SmartReply or SmartForward (SendMailResponse.xsd,
/// SmartReplyResponse.xsd, SmartForwardResponse.xsd): the command's element holding <c>Status</c>. Success
/// has no body (MS-ASCMD 2.2.1.17: an empty response), so nothing here writes one. 14.0 and later only.
/// </summary>
public static class ComposeMailResponseWriter
{
    /// <summary>Writes the response of <paramref name="command"/> with <paramref name="status"/> as the whole document.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The command is not one of the three, or <paramref name="version"/> is older than 14.0.</exception>
    public static void Write(WbxmlWriter writer, EasCommand command, ComposeMailStatus status, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (version < EasVersion.V140)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "Before 14.0 these commands answer with an HTTP status, not a body.");
        }

        writer.WriteStartElement(RootTag(command));
        writer.WriteElementInt(Tags.Status, (int)status);
        writer.WriteEndElement();
    }

    /// <summary>The root element of <paramref name="command"/>'s request and response.</summary>
    public static ushort RootTag(EasCommand command) => command switch
    {
        EasCommand.SendMail => Tags.SendMail,
        EasCommand.SmartReply => Tags.SmartReply,
        EasCommand.SmartForward => Tags.SmartForward,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Not a ComposeMail command."),
    };
}
