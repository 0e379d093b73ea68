namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// The ItemOperations Status values (MS-ASCMD 2.2.3.177.8), sent for the whole request as a child of
/// <c>ItemOperations</c> and for each operation in its <c>Fetch</c>, <c>EmptyFolderContents</c> or <c>Move</c>.
/// 155 and 156 are common status codes of MS-ASCMD 2.2.2 that the table lists for the Move operation; from
/// protocol 14.0 any other common code (101 and above) may also be sent by casting its number. The writer
/// refuses codes above 100 for older versions.
/// </summary>
public enum ItemOperationsStatus
{
    /// <summary>1: success (MS-ASCMD_R4153).</summary>
    Success = 1,

    /// <summary>2: protocol error: a protocol violation or an XML validation error, e.g. an option invalid for the operation (MS-ASCMD_R4154, R3547).</summary>
    ProtocolError = 2,

    /// <summary>3: server error (MS-ASCMD_R4155).</summary>
    ServerError = 3,

    /// <summary>4: document library: the URI is bad (MS-ASCMD_R4156).</summary>
    DocumentLibraryBadUri = 4,

    /// <summary>5: document library: access denied (MS-ASCMD_R4157).</summary>
    DocumentLibraryAccessDenied = 5,

    /// <summary>6: the object was not found, or access to it was denied (MS-ASCMD_R4158).</summary>
    ObjectNotFound = 6,

    /// <summary>7: document library: failed to connect to the server (MS-ASCMD_R4159).</summary>
    DocumentLibraryConnectionFailed = 7,

    /// <summary>8: the byte range is invalid or too large (MS-ASCMD_R4160).</summary>
    InvalidByteRange = 8,

    /// <summary>9: the store is unknown or unsupported (MS-ASCMD_R4161).</summary>
    UnknownStore = 9,

    /// <summary>10: the file is empty (MS-ASCMD_R4162).</summary>
    FileEmpty = 10,

    /// <summary>11: the requested data size is too large (MS-ASCMD_R4163); also the spec's answer to too many operations (MS-ASCMD_R7490).</summary>
    DataTooLarge = 11,

    /// <summary>12: the file could not be downloaded because of an input/output failure (MS-ASCMD_R4164).</summary>
    IoFailure = 12,

    /// <summary>14: mailbox fetch: the item failed conversion (MS-ASCMD_R4165).</summary>
    ConversionFailure = 14,

    /// <summary>15: attachment fetch: the attachment or its ID is invalid, an empty FileReference included (MS-ASCMD_R4166, MS-ASAIRS_R214).</summary>
    InvalidAttachment = 15,

    /// <summary>16: access to the resource is denied (MS-ASCMD_R4166).</summary>
    ResourceAccessDenied = 16,

    /// <summary>17: partial success: the Fetch, Move or EmptyFolderContents operation completed partially (MS-ASCMD_R4168).</summary>
    PartialSuccess = 17,

    /// <summary>18: credentials are required (MS-ASCMD_R4169).</summary>
    CredentialsRequired = 18,

    /// <summary>
    /// 155 (common code MoveCommandDisallowedForNonPersistentMoveAction, 14.0+): a conversation Move lacks
    /// Options/MoveAlways (MS-ASCMD_R4171, R3475, R4940).
    /// </summary>
    MoveAlwaysMissing = 155,

    /// <summary>
    /// 156 (common code MoveCommandInvalidDestinationFolder, 14.0+): the Move's destination is invalid; it must be
    /// a mail folder (IPF.Note) (MS-ASCMD_R4172, R4173, R4942).
    /// </summary>
    InvalidDestinationFolder = 156,
}
