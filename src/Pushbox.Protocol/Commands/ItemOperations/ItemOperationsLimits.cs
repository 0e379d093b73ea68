namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// The bounds of an ItemOperations request and of the values its response may hold. The parser refuses a
/// request beyond them with <see cref="EasProtocolError.MalformedBody"/> as soon as it reads the element that
/// breaks one; the response types refuse to hold a longer value. Lengths count characters (Unicode scalar
/// values) unless they say bytes.
/// </summary>
public static class ItemOperationsLimits
{
    /// <summary>
    /// Operations (Fetch, EmptyFolderContents and Move together) in one request: 100, the limit MS-ASCMD 3.1.5.10
    /// gives (MS-ASCMD_R7488, R7489). Counted as they are read. (The spec answers a longer request with Status
    /// 11; Pushbox refuses the body as malformed, HTTP 400, before reading further.)
    /// </summary>
    public const int MaxOperations = 100;

    /// <summary>Store: up to 256 characters (MS-ASCMD_R4528; ItemOperations.xsd).</summary>
    public const int MaxStoreLength = 256;

    /// <summary>airsync:CollectionId and airsync:ServerId: up to 64 characters (AirSync.xsd).</summary>
    public const int MaxIdLength = 64;

    /// <summary>DstFldId of a Move: up to 64 characters (MS-ASCMD_R2212).</summary>
    public const int MaxDstFldIdLength = 64;

    /// <summary>search:LongId: up to 256 characters (MS-ASCMD_R3236; Search.xsd).</summary>
    public const int MaxLongIdLength = 256;

    /// <summary>
    /// airsyncbase:FileReference: the spec sets no maximum (it is the server's own attachment reference, echoed
    /// back); 1,024 characters, as for the AttachmentName query parameter of GetAttachment
    /// (<see cref="Query.EasQueryLimits.DefaultMaxParameterValueLength"/>).
    /// </summary>
    public const int MaxFileReferenceLength = 1024;

    /// <summary>documentlibrary:LinkId: the spec sets no maximum for this URI; 2,048 characters, the common bound on a URL.</summary>
    public const int MaxLinkIdLength = 2048;

    /// <summary>UserName of a Fetch: up to 100 characters (MS-ASCMD_R5399; ItemOperations.xsd).</summary>
    public const int MaxUserNameLength = 100;

    /// <summary>Password of a Fetch: up to 256 characters (MS-ASCMD_R3653; ItemOperations.xsd).</summary>
    public const int MaxPasswordLength = 256;

    /// <summary>
    /// ConversationId of a Move: opaque bytes, up to 64. The spec sets no maximum; the server's conversation IDs
    /// (email2:ConversationId, echoed back) are 16-byte values.
    /// </summary>
    public const int MaxConversationIdLength = 64;

    /// <summary>Properties named in the Schema elements of one Fetch: 256. The content classes define about 150 top-level properties.</summary>
    public const int MaxSchemaProperties = 256;

    /// <summary>airsync:Class of a Fetch response (Email, Calendar, Contacts, Tasks, Notes, SMS): up to 32 characters.</summary>
    public const int MaxClassLength = 32;

    /// <summary>airsyncbase:ContentType of a fetched attachment: up to 256 characters.</summary>
    public const int MaxContentTypeLength = 256;

    /// <summary>airsyncbase:TruncationSize: at most 4,294,967,295 (MS-ASAIRS_R293, R299).</summary>
    public const long MaxTruncationSize = uint.MaxValue;

    /// <summary>airsyncbase:Preview: 0 to 255 characters (MS-ASAIRS_R261, R266).</summary>
    public const int MaxPreview = 255;
}
