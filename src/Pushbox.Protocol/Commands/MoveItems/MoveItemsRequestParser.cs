using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using Tags = Pushbox.Wbxml.EasCodePages.MoveTags;

namespace Pushbox.Protocol.Commands.MoveItems;

/// <summary>
/// Reads a MoveItems request body (MS-ASCMD 2.2.1.12): <c>MoveItems</c> holding 1 to
/// <see cref="MoveItemsLimits.MaxMoves"/> <c>Move</c> elements, each with <c>SrcMsgId</c>, <c>SrcFldId</c> and
/// <c>DstFldId</c> exactly once. The request is the same in every protocol version. Pure: bytes in, request out.
/// </summary>
/// <remarks>
/// Strict, like the Sync parser: a misread Move moves the wrong item. The three children are accepted in any
/// order. Malformed: anything the WBXML layer rejects (an undefined tag included); a wrong root; any element
/// other than Move in MoveItems or other than the three IDs in Move; no Move,
/// or more than <see cref="MoveItemsLimits.MaxMoves"/> (counted as they are read); a Move missing one of its
/// three IDs; a repeated ID (the spec's answer to a second DstFldId is Status 5, MS-ASCMD_R4222; Pushbox refuses
/// the body instead, as it refuses every repeated element); an empty or over-long ID. A Move whose source and
/// destination are the same is not malformed: the handler answers it with
/// <see cref="MoveItemsStatus.SameSourceAndDestination"/>.
/// </remarks>
public static class MoveItemsRequestParser
{
    /// <summary>Parses a MoveItems request body.</summary>
    /// <param name="body">The WBXML request body.</param>
    /// <param name="limits">The WBXML limits of the endpoint.</param>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MalformedBody"/> for anything malformed;
    /// <see cref="EasProtocolError.BodyTooLarge"/> when the body exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>.
    /// </exception>
    public static MoveItemsRequest Parse(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Guard(() => ParseCore(body, limits));
    }

    private static MoveItemsRequest ParseCore(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.MoveItems);
        var moves = new List<MoveItemsMove>();
        while (NextChild(reader, 1))
        {
            if (reader.Tag != Tags.Move)
            {
                throw NotAllowed(reader, Tags.MoveItems);
            }

            if (moves.Count == MoveItemsLimits.MaxMoves)
            {
                throw Malformed($"The MoveItems request holds more than {MoveItemsLimits.MaxMoves} Move elements", reader.TokenOffset);
            }

            moves.Add(ReadMove(reader));
        }

        Finish(reader);
        return moves.Count > 0 ? new MoveItemsRequest(moves) : throw Malformed("The MoveItems request has no Move");
    }

    private static MoveItemsMove ReadMove(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        string? srcMsgId = null;
        string? srcFldId = null;
        string? dstFldId = null;
        while (NextChild(reader, 2))
        {
            switch (reader.Tag)
            {
                case Tags.SrcMsgId:
                    RequireFirst(srcMsgId, reader);
                    srcMsgId = ReadString(reader, MoveItemsLimits.MaxIdLength);
                    break;
                case Tags.SrcFldId:
                    RequireFirst(srcFldId, reader);
                    srcFldId = ReadString(reader, MoveItemsLimits.MaxIdLength);
                    break;
                case Tags.DstFldId:
                    RequireFirst(dstFldId, reader);
                    dstFldId = ReadString(reader, MoveItemsLimits.MaxIdLength);
                    break;
                default:
                    throw NotAllowed(reader, Tags.Move);
            }
        }

        string? missing = srcMsgId is null ? "SrcMsgId" : srcFldId is null ? "SrcFldId" : dstFldId is null ? "DstFldId" : null;
        return missing is null
            ? new MoveItemsMove(srcMsgId!, srcFldId!, dstFldId!)
            : throw Malformed($"Move has no {missing}", offset);
    }
}
