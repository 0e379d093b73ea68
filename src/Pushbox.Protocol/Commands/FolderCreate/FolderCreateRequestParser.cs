using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using Tags = Pushbox.Wbxml.EasCodePages.FolderHierarchyTags;

namespace Pushbox.Protocol.Commands.FolderCreate;

/// <summary>
/// Reads a FolderCreate request body (MS-ASCMD 2.2.1.3): <c>FolderCreate</c> holding <c>SyncKey</c>,
/// <c>ParentId</c>, <c>DisplayName</c> and <c>Type</c>, each exactly once. Pure: bytes in, request out.
/// </summary>
/// <remarks>
/// The four children are accepted in any order (the schema's order is SyncKey, ParentId, DisplayName,
/// Type; nothing depends on it). Other children are skipped with their content. A missing, repeated,
/// empty or over-long value, a Type that is not a number from 0 to 255, or anything the WBXML layer
/// rejects throws. A Type that is a number but not creatable is left to the handler (Status 10).
/// </remarks>
public static class FolderCreateRequestParser
{
    /// <summary>Parses a FolderCreate request body.</summary>
    /// <param name="body">The WBXML request body.</param>
    /// <param name="limits">The WBXML limits of the endpoint.</param>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MalformedBody"/> for anything malformed;
    /// <see cref="EasProtocolError.BodyTooLarge"/> when the body exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>.
    /// </exception>
    public static FolderCreateRequest Parse(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Guard(() => ParseCore(body, limits));
    }

    private static FolderCreateRequest ParseCore(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.FolderCreate);
        string? syncKey = null;
        string? parentId = null;
        string? displayName = null;
        int? type = null;
        while (NextChild(reader, 1))
        {
            switch (reader.Tag)
            {
                case Tags.SyncKey:
                    RequireFirst(syncKey, reader);
                    syncKey = ReadString(reader, FolderHierarchyLimits.MaxSyncKeyLength);
                    break;
                case Tags.ParentId:
                    RequireFirst(parentId, reader);
                    parentId = ReadString(reader, FolderHierarchyLimits.MaxParentIdLength);
                    break;
                case Tags.DisplayName:
                    RequireFirst(displayName, reader);
                    displayName = ReadString(reader, FolderHierarchyLimits.MaxDisplayNameLength);
                    break;
                case Tags.Type:
                    RequireFirst(type, reader);
                    type = ReadUnsigned(reader, byte.MaxValue);
                    break;
                default:
                    SkipElement(reader);
                    break;
            }
        }

        Finish(reader);
        return new FolderCreateRequest(
            Require(syncKey, Tags.SyncKey, Tags.FolderCreate),
            Require(parentId, Tags.ParentId, Tags.FolderCreate),
            Require(displayName, Tags.DisplayName, Tags.FolderCreate),
            (FolderType)(type ?? throw Malformed("The FolderCreate request has no FolderHierarchy:Type")));
    }
}
