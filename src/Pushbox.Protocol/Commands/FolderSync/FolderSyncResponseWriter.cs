using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using Tags = Pushbox.Wbxml.EasCodePages.FolderHierarchyTags;

namespace Pushbox.Protocol.Commands.FolderSync;

/// <summary>
/// Writes a FolderSync response in the element order of FolderSyncResponse.xsd:
/// <c>Status</c>, <c>SyncKey</c>, then <c>Changes</c> with <c>Count</c>, every <c>Update</c>, every
/// <c>Delete</c>, every <c>Add</c>. A failure is <c>Status</c> alone. The elements are the same in
/// every protocol version; the version only decides whether a common status code (101 and above) may
/// be written, which is from 14.0 on.
/// </summary>
public static class FolderSyncResponseWriter
{
    /// <summary>Writes <paramref name="response"/> as the whole document.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The status is a common status code and <paramref name="version"/> is older than 14.0.</exception>
    public static void Write(WbxmlWriter writer, FolderSyncResponse response, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        FolderValues.RequireStatusKnownTo((int)response.Status, version, nameof(response));

        writer.WriteStartElement(Tags.FolderSync);
        writer.WriteElementInt(Tags.Status, (int)response.Status);
        if (response.SyncKey is not null)
        {
            writer.WriteElementString(Tags.SyncKey, response.SyncKey);
            writer.WriteStartElement(Tags.Changes);
            writer.WriteElementInt(Tags.Count, response.Count);
            foreach (HierarchyFolder folder in response.Updates)
            {
                WriteFolder(writer, Tags.Update, folder);
            }

            foreach (string serverId in response.Deletes)
            {
                writer.WriteStartElement(Tags.Delete);
                writer.WriteElementString(Tags.ServerId, serverId);
                writer.WriteEndElement();
            }

            foreach (HierarchyFolder folder in response.Adds)
            {
                WriteFolder(writer, Tags.Add, folder);
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteFolder(WbxmlWriter writer, ushort tag, HierarchyFolder folder)
    {
        writer.WriteStartElement(tag);
        writer.WriteElementString(Tags.ServerId, folder.ServerId);
        writer.WriteElementString(Tags.ParentId, folder.ParentId);
        writer.WriteElementString(Tags.DisplayName, folder.DisplayName);
        writer.WriteElementInt(Tags.Type, (int)folder.Type);
        writer.WriteEndElement();
    }
}
