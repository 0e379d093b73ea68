using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using Tags = Pushbox.Wbxml.EasCodePages.PingTags;

namespace Pushbox.Protocol.Commands.Ping;

/// <summary>
/// Writes a Ping response in the element order of PingResponse.xsd: <c>Status</c>, then <c>Folders</c> with one
/// <c>Folder</c> per changed folder (Status 2), <c>MaxFolders</c> (Status 6) or <c>HeartbeatInterval</c>
/// (Status 5). The elements are the same in every protocol version; the version only decides whether a common
/// status code (101 and above) may be written, which is from 14.0 on.
/// </summary>
public static class PingResponseWriter
{
    /// <summary>Writes <paramref name="response"/> as the whole document.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The status is a common status code and <paramref name="version"/> is older than 14.0.</exception>
    public static void Write(WbxmlWriter writer, PingResponse response, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        FolderValues.RequireStatusKnownTo((int)response.Status, version, nameof(response));

        writer.WriteStartElement(Tags.Ping);
        writer.WriteElementInt(Tags.Status, (int)response.Status);
        if (response.Folders.Count > 0)
        {
            writer.WriteStartElement(Tags.Folders);
            foreach (string folder in response.Folders)
            {
                writer.WriteElementString(Tags.Folder, folder);
            }

            writer.WriteEndElement();
        }

        if (response.MaxFolders is int maxFolders)
        {
            writer.WriteElementInt(Tags.MaxFolders, maxFolders);
        }

        if (response.HeartbeatInterval is int heartbeatInterval)
        {
            writer.WriteElementInt(Tags.HeartbeatInterval, heartbeatInterval);
        }

        writer.WriteEndElement();
    }
}
