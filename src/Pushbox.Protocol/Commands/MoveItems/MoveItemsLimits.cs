namespace Pushbox.Protocol.Commands.MoveItems;

/// <summary>
/// The bounds of a MoveItems request. The parser refuses a request beyond them with
/// <see cref="EasProtocolError.MalformedBody"/> as soon as it reads the element that breaks one; the response
/// types refuse to hold a longer ID, since a client stores IDs in fields of exactly this size. Lengths count
/// characters (Unicode scalar values).
/// </summary>
public static class MoveItemsLimits
{
    /// <summary>
    /// Move elements in one request: 1,000, the limit MS-ASCMD 3.1.5.10 gives (MS-ASCMD_R5652). Counted as
    /// they are read. (For 14.0+ the spec answers a longer request with common status 103, InvalidXML; Pushbox
    /// refuses the body as malformed, which is HTTP 400 for every version.)
    /// </summary>
    public const int MaxMoves = 1000;

    /// <summary>SrcMsgId, SrcFldId, DstFldId and DstMsgId: up to 64 characters each (MS-ASCMD_R3978, R3975, R2216, R2219).</summary>
    public const int MaxIdLength = 64;
}
