namespace Pushbox.Protocol.Commands.Sync;

/// <summary>
/// The bounds of a Sync request and response. <see cref="SyncRequestParser"/> refuses a request beyond a
/// <c>Max…</c> count or length with <see cref="EasProtocolError.MalformedBody"/> while it reads, before it
/// keeps anything proportional to the excess; <see cref="SyncResponseWriter"/> refuses to write a value a
/// client cannot store. Lengths count characters (Unicode scalar values). The Wait and HeartbeatInterval
/// ranges are not enforced by the parser: a value outside them is a business outcome (Status 14 with
/// <c>Limit</c>, MS-ASCMD_R4746, R3160) that the handler answers.
/// </summary>
public static class SyncLimits
{
    /// <summary>SyncKey: 1 to 64 characters; the client stores it as an opaque string of up to 64 (MS-ASCMD_R4604, AirSync.xsd).</summary>
    public const int MaxSyncKeyLength = 64;

    /// <summary>CollectionId: 1 to 64 characters (MS-ASCMD_R2036, R5862).</summary>
    public const int MaxCollectionIdLength = 64;

    /// <summary>ServerId of an item: 1 to 64 characters; the client stores it as an opaque string of up to 64 (MS-ASCMD_R3931).</summary>
    public const int MaxServerIdLength = 64;

    /// <summary>ClientId of an Add: 1 to 64 characters (MS-ASCMD_R959, AirSync.xsd).</summary>
    public const int MaxClientIdLength = 64;

    /// <summary>
    /// Class: the spec's values are Tasks, Email, Calendar, Contacts, SMS and Notes (MS-ASCMD_R945), eight
    /// characters at most. Anything up to this length is read, so that the handler answers an unknown class
    /// with a status rather than the parser with a 400.
    /// </summary>
    public const int MaxClassLength = 32;

    /// <summary>airsyncbase:InstanceId: a Compact DateTime (MS-ASAIRS_R1180), 16 characters; twice that is accepted.</summary>
    public const int MaxInstanceIdLength = 32;

    /// <summary>
    /// Collection elements in one request. The spec leaves the number to the server (Status 15 with
    /// <c>Limit</c>, MS-ASCMD_R3231); 1,000 is its limit for the collections of a GetItemEstimate
    /// (MS-ASCMD_R5646). A handler that answers Status 15 checks a lower limit of its own.
    /// </summary>
    public const int MaxCollections = 1000;

    /// <summary>Options elements in one Collection: 0 to 2, one per class (MS-ASCMD 2.2.3.125.6, R929).</summary>
    public const int MaxOptionsPerCollection = 2;

    /// <summary>
    /// Add, Change, Delete and Fetch elements in one request, all collections together: 200, the limit that
    /// MS-ASCMD 3.1.5.10 sets for Sync (MS-ASCMD_R5657, R5658).
    /// </summary>
    public const int MaxClientCommands = 200;

    /// <summary>
    /// Elements (at any depth) in the ApplicationData of one item. A calendar item with 300 attendees or
    /// a contact with 300 children and 300 categories stays well below.
    /// </summary>
    public const int MaxItemDataElementsPerItem = 5000;

    /// <summary>Elements of ApplicationData in one request, all items together: bounds the parsed tree's memory.</summary>
    public const int MaxItemDataElements = 100_000;

    /// <summary>
    /// Nesting below ApplicationData; a direct child is level 1. The deepest item data of the content
    /// classes (calendar:Exceptions/Exception/Attendees/Attendee/Email) is 5.
    /// </summary>
    public const int MaxItemDataDepth = 8;

    /// <summary>Digits of a number in the request (no sign, no white space): enough for TruncationSize up to 4,294,967,295.</summary>
    public const int MaxNumberDigits = 10;

    /// <summary>
    /// WindowSize: at most 512 (MS-ASCMD_R4763). The server interprets 0 and values above 512 as 512
    /// (MS-ASCMD_R4768), so the parser reads them as 512 rather than refusing them.
    /// </summary>
    public const int MaxWindowSize = 512;

    /// <summary>The WindowSize the server applies when the client sends none (MS-ASCMD_R4767).</summary>
    public const int DefaultWindowSize = 100;

    /// <summary>Wait: 1 to 59 minutes (MS-ASCMD_R4745); the Limit of a Status 14 for a smaller Wait (MS-ASCMD_R3227).</summary>
    public const int MinWait = 1;

    /// <summary>The largest Wait; the Limit of a Status 14 for a larger one (MS-ASCMD_R3228).</summary>
    public const int MaxWait = 59;

    /// <summary>HeartbeatInterval: at least 60 seconds; the Limit of a Status 14 for a smaller one (MS-ASCMD_R3229).</summary>
    public const int MinHeartbeatInterval = 60;

    /// <summary>HeartbeatInterval: at most 3,540 seconds; the Limit of a Status 14 for a larger one (MS-ASCMD_R3230).</summary>
    public const int MaxHeartbeatInterval = 3540;

    /// <summary>airsyncbase:Preview: 0 to 255 characters (MS-ASAIRS_R261, R266).</summary>
    public const int MaxPreview = 255;

    /// <summary>airsyncbase:TruncationSize: at most 4,294,967,295 bytes (MS-ASAIRS_R293, R299).</summary>
    public const long MaxTruncationSize = uint.MaxValue;
}
