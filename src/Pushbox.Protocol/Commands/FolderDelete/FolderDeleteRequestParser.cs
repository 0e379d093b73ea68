using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using Tags = Pushbox.Wbxml.EasCodePages.FolderHierarchyTags;

namespace Pushbox.Protocol.Commands.FolderDelete;

/// <summary>
/// Reads a FolderDelete request body (MS-ASCMD 2.2.1.4): <c>FolderDelete</c> holding <c>SyncKey</c> and
/// <c>ServerId</c>, each exactly once. Pure: bytes in, request out.
/// </summary>
/// <remarks>
/// The two children are accepted in either order; other children are skipped with their content. A
/// missing, repeated, empty or over-long value, or anything the WBXML layer rejects, throws.
/// </remarks>
public static class FolderDeleteRequestParser
{
    /// <summary>Parses a FolderDelete request body.</summary>
    /// <param name="body">The WBXML request body.</param>
    /// <param name="limits">The WBXML limits of the endpoint.</param>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MalformedBody"/> for anything malformed;
    /// <see cref="EasProtocolError.BodyTooLarge"/> when the body exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>.
    /// </exception>
    public static FolderDeleteRequest Parse(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Guard(() => ParseCore(body, limits));
    }

    private static FolderDeleteRequest ParseCore(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.FolderDelete);
        string? syncKey = null;
        string? serverId = null;
        while (NextChild(reader, 1))
        {
            switch (reader.Tag)
            {
                case Tags.SyncKey:
                    RequireFirst(syncKey, reader);
                    syncKey = ReadString(reader, FolderHierarchyLimits.MaxSyncKeyLength);
                    break;
                case Tags.ServerId:
                    RequireFirst(serverId, reader);
                    serverId = ReadString(reader, FolderHierarchyLimits.MaxServerIdLength);
                    break;
                default:
                    SkipElement(reader);
                    break;
            }
        }

        Finish(reader);
        return new FolderDeleteRequest(
            Require(syncKey, Tags.SyncKey, Tags.FolderDelete),
            Require(serverId, Tags.ServerId, Tags.FolderDelete));
    }
}
