using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using Tags = Pushbox.Wbxml.EasCodePages.FolderHierarchyTags;

namespace Pushbox.Protocol.Commands.FolderDelete;

/// <summary>
/// Writes a FolderDelete response in the order of FolderDeleteResponse.xsd:
/// <c>Status</c>, then on success <c>SyncKey</c>. The same elements in every protocol version; common
/// status codes (101 and above) only from 14.0.
/// </summary>
public static class FolderDeleteResponseWriter
{
    /// <summary>Writes <paramref name="response"/> as the whole document.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The status is a common status code and <paramref name="version"/> is older than 14.0.</exception>
    public static void Write(WbxmlWriter writer, FolderDeleteResponse response, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        FolderValues.RequireStatusKnownTo((int)response.Status, version, nameof(response));

        writer.WriteStartElement(Tags.FolderDelete);
        writer.WriteElementInt(Tags.Status, (int)response.Status);
        if (response.SyncKey is not null)
        {
            writer.WriteElementString(Tags.SyncKey, response.SyncKey);
        }

        writer.WriteEndElement();
    }
}
