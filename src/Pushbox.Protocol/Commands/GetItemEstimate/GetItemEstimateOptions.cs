namespace Pushbox.Protocol.Commands.GetItemEstimate;

/// <summary>
/// The filter of one class in a GetItemEstimate collection: an <c>airsync:Options</c> element (protocol 14.0
/// and later), or the collection-level <c>Class</c> and <c>airsync:FilterType</c> of protocol 2.5 to 12.1,
/// which the parser reads into one of these so that a handler sees one shape.
/// </summary>
/// <param name="Class">
/// The class these options apply to (Email, Calendar, Contacts, Tasks, Notes, SMS), as sent; null when absent,
/// which means the folder's own class (MS-ASCMD_R904). Not checked against the list: an unknown class is the
/// handler's to answer.
/// </param>
/// <param name="FilterType">FilterType 0 to 8 (0: no filter; for email 1: one day … 5: one month); null: no filter (MS-ASCMD_R2970).</param>
/// <param name="MaxItems">
/// MaxItems (14.0+), at least 1: only valid for the recipient information cache (CollectionId "RI"); for any
/// other collection the answer is <see cref="GetItemEstimateStatus.InvalidCollection"/> (MS-ASCMD_R3265).
/// </param>
public sealed record GetItemEstimateOptions(string? Class, int? FilterType, int? MaxItems = null);
