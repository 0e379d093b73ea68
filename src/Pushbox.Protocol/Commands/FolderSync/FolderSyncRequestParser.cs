using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using Tags = Pushbox.Wbxml.EasCodePages.FolderHierarchyTags;

namespace Pushbox.Protocol.Commands.FolderSync;

/// <summary>
/// Reads a FolderSync request body (MS-ASCMD 2.2.1.5): <c>FolderSync</c> holding one
/// <c>SyncKey</c>. Pure: bytes in, request out.
/// </summary>
/// <remarks>
/// Other children of <c>FolderSync</c> are skipped with their content: the request defines none, and
/// clients that echo response elements gain nothing from a 400. Anything the WBXML layer rejects, a
/// wrong root, a missing, repeated, empty or over-long SyncKey, or content after the root throws.
/// </remarks>
public static class FolderSyncRequestParser
{
    /// <summary>Parses a FolderSync request body.</summary>
    /// <param name="body">The WBXML request body.</param>
    /// <param name="limits">The WBXML limits of the endpoint.</param>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MalformedBody"/> for anything malformed;
    /// <see cref="EasProtocolError.BodyTooLarge"/> when the body exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>.
    /// </exception>
    public static FolderSyncRequest Parse(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Guard(() => ParseCore(body, limits));
    }

    private static FolderSyncRequest ParseCore(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.FolderSync);
        string? syncKey = null;
        while (NextChild(reader, 1))
        {
            if (reader.Tag == Tags.SyncKey)
            {
                RequireFirst(syncKey, reader);
                syncKey = ReadString(reader, FolderHierarchyLimits.MaxSyncKeyLength);
            }
            else
            {
                SkipElement(reader);
            }
        }

        Finish(reader);
        return new FolderSyncRequest(Require(syncKey, Tags.SyncKey, Tags.FolderSync));
    }
}
