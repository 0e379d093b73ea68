using System.Globalization;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using Tags = Pushbox.Wbxml.EasCodePages.PingTags;

namespace Pushbox.Protocol.Commands.Ping;

/// <summary>
/// Reads a Ping request body (MS-ASCMD 2.2.1.13): <c>Ping</c> holding <c>HeartbeatInterval</c>, <c>Folders</c>
/// or both (MS-ASCMD_R323), <c>Folders</c> holding 1 to <see cref="PingLimits.MaxFolders"/> <c>Folder</c>
/// elements, each with <c>Id</c> and <c>Class</c> exactly once. The request is the same in every protocol
/// version. Pure: bytes in, request out.
/// </summary>
/// <remarks>
/// <para>
/// Strict, like the Sync parser: children are accepted in any order, and anything else is malformed: anything
/// the WBXML layer rejects (an undefined tag included); a wrong root; an element the request does not define
/// where it stands (the response's <c>Status</c> and <c>MaxFolders</c>, the pre-2.5 <c>AutdState</c>); a
/// <c>Ping</c> with neither HeartbeatInterval nor Folders (MS-ASCMD_R323); a repeated element; an empty Folders
/// (Folder is 1…N, MS-ASCMD_R1674) or more than <see cref="PingLimits.MaxFolders"/> Folder elements (counted as
/// they are read); a Folder without Id or Class (MS-ASCMD_R1791, R1174); two folders with the same Id (compared
/// ordinally; the spec's answer is Status 4, MS-ASCMD_R6699); an empty or over-long value; a HeartbeatInterval
/// that is not an unsigned decimal number.
/// </para>
/// <para>
/// The spec's answer to a syntax error in a Ping is <see cref="PingStatus.SyntaxError"/> (MS-ASCMD_R4243): a
/// handler that wants to send it catches <see cref="EasProtocolError.MalformedBody"/>. What the parser leaves to
/// the handler: the HeartbeatInterval range (Status 5), the number of folders the server monitors (Status 6),
/// what is missing with nothing cached (Status 3), and the Class value, which it keeps as sent.
/// </para>
/// </remarks>
public static class PingRequestParser
{
    /// <summary>Parses a Ping request body.</summary>
    /// <param name="body">The WBXML request body; empty gives <see cref="PingRequest.Empty"/> (MS-ASCMD_R335).</param>
    /// <param name="limits">The WBXML limits of the endpoint; null for <see cref="WbxmlLimits.Default"/>.</param>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MalformedBody"/> for anything malformed;
    /// <see cref="EasProtocolError.BodyTooLarge"/> when the body exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>.
    /// </exception>
    public static PingRequest Parse(ReadOnlyMemory<byte> body, WbxmlLimits? limits) =>
        body.IsEmpty ? PingRequest.Empty : Guard(() => ParseCore(body, limits));

    private static PingRequest ParseCore(ReadOnlyMemory<byte> body, WbxmlLimits? limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.Ping);
        int? heartbeatInterval = null;
        List<PingFolder>? folders = null;
        while (NextChild(reader, 1))
        {
            switch (reader.Tag)
            {
                case Tags.HeartbeatInterval:
                    RequireFirst(heartbeatInterval, reader);
                    heartbeatInterval = ReadHeartbeatInterval(reader);
                    break;
                case Tags.Folders:
                    RequireFirst(folders, reader);
                    folders = ReadFolders(reader);
                    break;
                default:
                    throw NotAllowed(reader, Tags.Ping);
            }
        }

        Finish(reader);
        if (heartbeatInterval is null && folders is null)
        {
            // MS-ASCMD_R323: "either the HeartbeatInterval element or the Folders element, or both elements MUST be specified."
            throw Malformed("The Ping request has neither HeartbeatInterval nor Folders");
        }

        return new PingRequest(heartbeatInterval, folders);
    }

    private static List<PingFolder> ReadFolders(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        var folders = new List<PingFolder>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (NextChild(reader, 2))
        {
            if (reader.Tag != Tags.Folder)
            {
                throw NotAllowed(reader, Tags.Folders);
            }

            if (folders.Count == PingLimits.MaxFolders)
            {
                throw Malformed($"Folders holds more than {PingLimits.MaxFolders} Folder elements", reader.TokenOffset);
            }

            long folderOffset = reader.TokenOffset;
            PingFolder folder = ReadFolder(reader);
            if (!ids.Add(folder.Id))
            {
                throw Malformed("Two Folder elements have the same Id", folderOffset); // MS-ASCMD_R6699
            }

            folders.Add(folder);
        }

        return folders.Count > 0 ? folders : throw Malformed("Folders holds no Folder", offset);
    }

    private static PingFolder ReadFolder(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        string? id = null;
        string? @class = null;
        while (NextChild(reader, 3))
        {
            switch (reader.Tag)
            {
                case Tags.Id:
                    RequireFirst(id, reader);
                    id = ReadString(reader, PingLimits.MaxIdLength);
                    break;
                case Tags.Class:
                    RequireFirst(@class, reader);
                    @class = ReadString(reader, PingLimits.MaxClassLength);
                    break;
                default:
                    throw NotAllowed(reader, Tags.Folder);
            }
        }

        return id is not null && @class is not null
            ? new PingFolder(id, @class)
            : throw Malformed($"Folder has no {(id is null ? "Id" : "Class")}", offset);
    }

    /// <summary>
    /// HeartbeatInterval: an unsigned decimal, surrounding ASCII white space tolerated as in
    /// <see cref="CommandBodyReader.ReadUnsigned"/>. Kept as sent for the handler's Status 5, so 0 is read, and a
    /// value beyond <see cref="int.MaxValue"/> reads as that (out of any range too) rather than being refused.
    /// </summary>
    private static int ReadHeartbeatInterval(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        string text = ReadString(reader, PingLimits.MaxHeartbeatIntervalLength).Trim(' ', '\t', '\r', '\n');
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            throw Malformed("HeartbeatInterval is not an unsigned decimal number", offset);
        }

        // At most 16 digits: within a long.
        long value = long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return (int)Math.Min(value, int.MaxValue);
    }
}
