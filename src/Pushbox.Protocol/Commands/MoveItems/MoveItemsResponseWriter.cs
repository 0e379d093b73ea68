using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using Tags = Pushbox.Wbxml.EasCodePages.MoveTags;

namespace Pushbox.Protocol.Commands.MoveItems;

/// <summary>
/// Writes a MoveItems response in the element order of MoveItemsResponse.xsd: the request-wide <c>Status</c>
/// alone, or one <c>Response</c> per move holding <c>SrcMsgId</c>, <c>Status</c> and, on success,
/// <c>DstMsgId</c>. The elements are the same in every protocol version; the version only decides whether a
/// common status code (101 and above) may be written, which is from 14.0 on.
/// </summary>
public static class MoveItemsResponseWriter
{
    /// <summary>Writes <paramref name="response"/> as the whole document.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A status is a common status code and <paramref name="version"/> is older than 14.0.</exception>
    public static void Write(WbxmlWriter writer, MoveItemsResponse response, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        if (response.Status is MoveItemsStatus global)
        {
            FolderValues.RequireStatusKnownTo((int)global, version, nameof(response));
        }

        foreach (MoveItemsMoveResponse move in response.Responses)
        {
            FolderValues.RequireStatusKnownTo((int)move.Status, version, nameof(response));
        }

        writer.WriteStartElement(Tags.MoveItems);
        if (response.Status is MoveItemsStatus status)
        {
            writer.WriteElementInt(Tags.Status, (int)status);
        }

        foreach (MoveItemsMoveResponse move in response.Responses)
        {
            writer.WriteStartElement(Tags.Response);
            writer.WriteElementString(Tags.SrcMsgId, move.SrcMsgId);
            writer.WriteElementInt(Tags.Status, (int)move.Status);
            if (move.DstMsgId is not null)
            {
                writer.WriteElementString(Tags.DstMsgId, move.DstMsgId);
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
