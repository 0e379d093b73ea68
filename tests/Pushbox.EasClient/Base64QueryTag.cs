namespace Pushbox.Testing.Eas;

/// <summary>The parameter tags of the base64 query (MS-ASHTTP 2.2.1.1.1.1.3); 2 and 5 are the names earlier versions of the table had.</summary>
#pragma warning disable CA1028 // The tag is one byte on the wire.
public enum Base64QueryTag : byte
#pragma warning restore CA1028
{
    /// <summary>The attachment file reference (GetAttachment).</summary>
    AttachmentName = 0,

    /// <summary>A folder's server id (SmartReply, SmartForward, MeetingResponse).</summary>
    CollectionId = 1,

    /// <summary>Not in the current table; older clients sent it.</summary>
    CollectionName = 2,

    /// <summary>An item's server id (SmartReply, SmartForward, MeetingResponse).</summary>
    ItemId = 3,

    /// <summary>A long id from a Search result.</summary>
    LongId = 4,

    /// <summary>Not in the current table; older clients sent it.</summary>
    ParentId = 5,

    /// <summary>A recurring item's occurrence.</summary>
    Occurrence = 6,

    /// <summary>A one-byte bit mask: 0x01 SaveInSent, 0x02 AcceptMultiPart.</summary>
    Options = 7,

    /// <summary>The user the request is made for.</summary>
    User = 8,
}
