namespace Pushbox.Protocol.Commands.GetItemEstimate;

/// <summary>
/// The bounds of a GetItemEstimate request. The parser refuses a request beyond them with
/// <see cref="EasProtocolError.MalformedBody"/> as soon as it reads the element that breaks one; the response
/// types refuse to hold a longer value, since a client stores these values in fields of exactly this size.
/// Lengths count characters (Unicode scalar values).
/// </summary>
public static class GetItemEstimateLimits
{
    /// <summary>
    /// Collection elements in one request: 300, "a maximum of 300 Collection elements can be included in a
    /// single Collections element" (MS-ASCMD_R969, R2042). (MS-ASCMD 3.1.5.10 lets a server configure a
    /// limit of 30 to 5,000; the element's own definition is the stricter bound, and Pushbox keeps it.)
    /// </summary>
    public const int MaxCollections = 300;

    /// <summary>airsync:Options elements in one Collection: 0 to 2, one per class (MS-ASCMD_R2014).</summary>
    public const int MaxOptionsPerCollection = 2;

    /// <summary>airsync:SyncKey: up to 64 characters (MS-ASCMD_R4595).</summary>
    public const int MaxSyncKeyLength = 64;

    /// <summary>CollectionId: up to 64 characters (MS-ASCMD_R985, R5869; GetItemEstimateResponse.xsd).</summary>
    public const int MaxCollectionIdLength = 64;

    /// <summary>
    /// Class (getitemestimate:Class or airsync:Class): the defined values are at most 8 characters (Contacts,
    /// Calendar); anything up to this length is read so that an unknown class gets a status, not a 400.
    /// </summary>
    public const int MaxClassLength = 32;

    /// <summary>airsync:FilterType: 0 (no filter) to 8 (incomplete tasks) (AirSync.xsd; 9 and above are invalid XML, MS-ASCMD_R2984).</summary>
    public const int MaxFilterType = 8;
}
