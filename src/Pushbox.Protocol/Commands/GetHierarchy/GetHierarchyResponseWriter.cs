using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using Tags = Pushbox.Wbxml.EasCodePages.FolderHierarchyTags;

namespace Pushbox.Protocol.Commands.GetHierarchy;

/// <summary>
/// Writes a GetHierarchy response in the order of GetHierarchyResponse.xsd: <c>Folders</c> (the root,
/// MS-ASCMD_R6047, there is no GetHierarchy element) holding one <c>Folder</c> per folder with
/// <c>DisplayName</c>, <c>ServerId</c>, <c>Type</c>, <c>ParentId</c>, in that order.
/// </summary>
public static class GetHierarchyResponseWriter
{
    /// <summary>Writes <paramref name="response"/> as the whole document.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="version"/> is 14.0 or later, which do not have GetHierarchy (MS-ASCMD_R6049 to R6051);
    /// the command catalogue refuses the request before it gets here.
    /// </exception>
    public static void Write(WbxmlWriter writer, GetHierarchyResponse response, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        if (version >= EasVersion.V140 || version < EasVersion.V25)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "GetHierarchy exists in protocol 2.5 to 12.1 only.");
        }

        writer.WriteStartElement(Tags.Folders);
        foreach (HierarchyFolder folder in response.Folders)
        {
            writer.WriteStartElement(Tags.Folder);
            writer.WriteElementString(Tags.DisplayName, folder.DisplayName);
            writer.WriteElementString(Tags.ServerId, folder.ServerId);
            writer.WriteElementInt(Tags.Type, (int)folder.Type);
            writer.WriteElementString(Tags.ParentId, folder.ParentId);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
