using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using Tags = Pushbox.Wbxml.EasCodePages.FolderHierarchyTags;

namespace Pushbox.Protocol.Commands.FolderUpdate;

/// <summary>
/// Reads a FolderUpdate request body (MS-ASCMD 2.2.1.6): <c>FolderUpdate</c> holding <c>SyncKey</c>,
/// <c>ServerId</c>, <c>ParentId</c> and <c>DisplayName</c>, each exactly once. Pure: bytes in, request out.
/// </summary>
/// <remarks>
/// The four children are accepted in any order; other children are skipped with their content. A
/// missing, repeated, empty or over-long value, or anything the WBXML layer rejects, throws. (MS-ASCMD_R4568
/// lets a server answer a missing SyncKey with Status 10; Pushbox refuses the body instead, like every
/// other malformed body, and the caller may turn that into Status 10.)
/// </remarks>
public static class FolderUpdateRequestParser
{
    /// <summary>Parses a FolderUpdate request body.</summary>
    /// <param name="body">The WBXML request body.</param>
    /// <param name="limits">The WBXML limits of the endpoint.</param>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MalformedBody"/> for anything malformed;
    /// <see cref="EasProtocolError.BodyTooLarge"/> when the body exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>.
    /// </exception>
    public static FolderUpdateRequest Parse(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Guard(() => ParseCore(body, limits));
    }

    private static FolderUpdateRequest ParseCore(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.FolderUpdate);
        string? syncKey = null;
        string? serverId = null;
        string? parentId = null;
        string? displayName = null;
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
                case Tags.ParentId:
                    RequireFirst(parentId, reader);
                    parentId = ReadString(reader, FolderHierarchyLimits.MaxParentIdLength);
                    break;
                case Tags.DisplayName:
                    RequireFirst(displayName, reader);
                    displayName = ReadString(reader, FolderHierarchyLimits.MaxDisplayNameLength);
                    break;
                default:
                    SkipElement(reader);
                    break;
            }
        }

        Finish(reader);
        return new FolderUpdateRequest(
            Require(syncKey, Tags.SyncKey, Tags.FolderUpdate),
            Require(serverId, Tags.ServerId, Tags.FolderUpdate),
            Require(parentId, Tags.ParentId, Tags.FolderUpdate),
            Require(displayName, Tags.DisplayName, Tags.FolderUpdate));
    }
}
