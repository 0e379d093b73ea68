using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using AirSyncTags = Pushbox.Wbxml.EasCodePages.AirSyncTags;
using Tags = Pushbox.Wbxml.EasCodePages.GetItemEstimateTags;

namespace Pushbox.Protocol.Commands.GetItemEstimate;

/// <summary>
/// Reads a GetItemEstimate request body (MS-ASCMD 2.2.1.9): <c>GetItemEstimate</c> holding one
/// <c>Collections</c> with 1 to <see cref="GetItemEstimateLimits.MaxCollections"/> <c>Collection</c> elements, in
/// the shape of the request's protocol version: for 2.5 to 12.1 <c>Class</c>, <c>CollectionId</c>,
/// <c>airsync:FilterType</c> and <c>airsync:SyncKey</c> (MS-ASCMD_R6313, R6314); from 14.0 <c>airsync:SyncKey</c>,
/// <c>CollectionId</c>, <c>airsync:ConversationMode</c> and up to two <c>airsync:Options</c> holding
/// <c>airsync:Class</c>, <c>airsync:FilterType</c> and <c>airsync:MaxItems</c> (MS-ASCMD_R6262, R6368, R6882). The
/// older shape becomes one <see cref="GetItemEstimateOptions"/>, so a handler sees one shape. Pure: bytes in,
/// request out.
/// </summary>
/// <remarks>
/// Strict, like the Sync parser: the request is small and every element counts. Children are accepted in any
/// order. Malformed: anything the WBXML layer rejects (an undefined tag included); a wrong root; an element the
/// version does not define where it stands, or any unknown element; a missing or repeated Collections; no
/// Collection, or more than <see cref="GetItemEstimateLimits.MaxCollections"/> (counted as they are read); a
/// Collection without SyncKey or CollectionId; a repeated element; an empty or over-long value; FilterType other
/// than 0 to 8, MaxItems below 1, ConversationMode other than 0 or 1; an empty Options (MS-ASCMD_R3541), more than
/// two, or two for the same class (MS-ASCMD_R903). The collection-level FilterType, which the spec calls required
/// for 2.5 to 12.1 (MS-ASCMD_R6554), is read as optional: absent means no filter, as everywhere else. Which
/// classes may be combined, and whether MaxItems fits the collection, are business outcomes the handler answers
/// with a <see cref="GetItemEstimateStatus"/>.
/// </remarks>
public static class GetItemEstimateRequestParser
{
    /// <summary>Parses a GetItemEstimate request body for protocol <paramref name="version"/>.</summary>
    /// <param name="body">The WBXML request body.</param>
    /// <param name="version">The request's protocol version, which decides the collection's shape.</param>
    /// <param name="limits">The WBXML limits of the endpoint; null for <see cref="WbxmlLimits.Default"/>.</param>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MalformedBody"/> for anything malformed;
    /// <see cref="EasProtocolError.BodyTooLarge"/> when the body exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is <c>default</c>.</exception>
    public static GetItemEstimateRequest Parse(ReadOnlyMemory<byte> body, EasVersion version, WbxmlLimits? limits)
    {
        if (version < EasVersion.V25)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "Not a protocol version.");
        }

        return Guard(() => ParseCore(body, version, limits));
    }

    private static GetItemEstimateRequest ParseCore(ReadOnlyMemory<byte> body, EasVersion version, WbxmlLimits? limits)
    {
        bool optionsShape = version >= EasVersion.V140;
        WbxmlReader reader = OpenRoot(body, limits, Tags.GetItemEstimate);
        List<GetItemEstimateCollectionRequest>? collections = null;
        while (NextChild(reader, 1))
        {
            if (reader.Tag == Tags.Collections)
            {
                RequireFirst(collections, reader);
                collections = ReadCollections(reader, optionsShape);
            }
            else
            {
                throw NotAllowed(reader, Tags.GetItemEstimate, inThisVersion: true);
            }
        }

        Finish(reader);
        return new GetItemEstimateRequest(Require(collections, Tags.Collections, Tags.GetItemEstimate));
    }

    private static List<GetItemEstimateCollectionRequest> ReadCollections(WbxmlReader reader, bool optionsShape)
    {
        long offset = reader.TokenOffset;
        var collections = new List<GetItemEstimateCollectionRequest>();
        while (NextChild(reader, 2))
        {
            if (reader.Tag != Tags.Collection)
            {
                throw NotAllowed(reader, Tags.Collections, inThisVersion: true);
            }

            if (collections.Count == GetItemEstimateLimits.MaxCollections)
            {
                throw Malformed($"Collections holds more than {GetItemEstimateLimits.MaxCollections} Collection elements", reader.TokenOffset);
            }

            collections.Add(ReadCollection(reader, optionsShape));
        }

        return collections.Count > 0 ? collections : throw Malformed("Collections holds no Collection", offset);
    }

    /// <summary>A Collection (depth 3): the 2.5 to 12.1 shape, or from 14.0 (<paramref name="optionsShape"/>) the Options shape.</summary>
    private static GetItemEstimateCollectionRequest ReadCollection(WbxmlReader reader, bool optionsShape)
    {
        long offset = reader.TokenOffset;
        string? syncKey = null;
        string? collectionId = null;
        string? legacyClass = null;
        int? legacyFilterType = null;
        bool? conversationMode = null;
        var options = new List<GetItemEstimateOptions>();
        while (NextChild(reader, 3))
        {
            switch (reader.Tag)
            {
                case AirSyncTags.SyncKey:
                    RequireFirst(syncKey, reader);
                    syncKey = ReadString(reader, GetItemEstimateLimits.MaxSyncKeyLength);
                    break;
                case Tags.CollectionId:
                    RequireFirst(collectionId, reader);
                    collectionId = ReadString(reader, GetItemEstimateLimits.MaxCollectionIdLength);
                    break;
                case Tags.Class when !optionsShape:
                    RequireFirst(legacyClass, reader);
                    legacyClass = ReadString(reader, GetItemEstimateLimits.MaxClassLength);
                    break;
                case AirSyncTags.FilterType when !optionsShape:
                    RequireFirst(legacyFilterType, reader);
                    legacyFilterType = ReadUnsigned(reader, GetItemEstimateLimits.MaxFilterType);
                    break;
                case AirSyncTags.ConversationMode when optionsShape:
                    RequireFirst(conversationMode, reader);
                    conversationMode = ReadUnsigned(reader, 1) == 1;
                    break;
                case AirSyncTags.Options when optionsShape:
                    if (options.Count == GetItemEstimateLimits.MaxOptionsPerCollection)
                    {
                        throw Malformed($"A Collection holds more than {GetItemEstimateLimits.MaxOptionsPerCollection} Options", reader.TokenOffset);
                    }

                    long optionsOffset = reader.TokenOffset;
                    GetItemEstimateOptions read = ReadOptions(reader);
                    if (options.Exists(o => string.Equals(o.Class, read.Class, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw Malformed("Two Options of one Collection are for the same class", optionsOffset);
                    }

                    options.Add(read);
                    break;
                default:
                    throw NotAllowed(reader, Tags.Collection, inThisVersion: true);
            }
        }

        if (syncKey is null || collectionId is null)
        {
            throw Malformed($"Collection has no {(syncKey is null ? "SyncKey" : "CollectionId")}", offset);
        }

        if (legacyClass is not null || legacyFilterType is not null)
        {
            options.Add(new GetItemEstimateOptions(legacyClass, legacyFilterType));
        }

        return new GetItemEstimateCollectionRequest(syncKey, collectionId, conversationMode, options);
    }

    private static GetItemEstimateOptions ReadOptions(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        string? @class = null;
        int? filterType = null;
        int? maxItems = null;
        bool any = false;
        while (NextChild(reader, 4))
        {
            switch (reader.Tag)
            {
                case AirSyncTags.Class:
                    RequireFirst(@class, reader);
                    @class = ReadString(reader, GetItemEstimateLimits.MaxClassLength);
                    any = true;
                    break;
                case AirSyncTags.FilterType:
                    RequireFirst(filterType, reader);
                    filterType = ReadUnsigned(reader, GetItemEstimateLimits.MaxFilterType);
                    any = true;
                    break;
                case AirSyncTags.MaxItems:
                    RequireFirst(maxItems, reader);
                    long maxItemsOffset = reader.TokenOffset;
                    maxItems = ReadUnsigned(reader, int.MaxValue);
                    if (maxItems == 0)
                    {
                        throw Malformed("MaxItems is 0; it is at least 1", maxItemsOffset);
                    }

                    any = true;
                    break;
                default:
                    throw NotAllowed(reader, AirSyncTags.Options, inThisVersion: true);
            }
        }

        return any ? new GetItemEstimateOptions(@class, filterType, maxItems) : throw Malformed("Options holds none of Class, FilterType and MaxItems", offset);
    }
}
