using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using AirSyncTags = Pushbox.Wbxml.EasCodePages.AirSyncTags;
using Tags = Pushbox.Wbxml.EasCodePages.GetItemEstimateTags;

namespace Pushbox.Protocol.Commands.GetItemEstimate;

/// <summary>
/// Reads a GetItemEstimate request body (MS-ASCMD 2.2.1.9): <c>GetItemEstimate</c> holding one
/// <c>Collections</c> with 1 to <see cref="GetItemEstimateLimits.MaxCollections"/> <c>Collection</c> elements.
/// Both shapes of a collection are read, whatever the protocol version: the 2.5 to 12.1 shape (<c>Class</c>,
/// <c>CollectionId</c>, <c>airsync:FilterType</c>, <c>airsync:SyncKey</c>, MS-ASCMD_R6313, R6314) and the 14.0+
/// shape (<c>airsync:SyncKey</c>, <c>CollectionId</c>, <c>airsync:ConversationMode</c>, up to two
/// <c>airsync:Options</c> with <c>airsync:Class</c>, <c>airsync:FilterType</c>, <c>airsync:MaxItems</c>). The first
/// becomes one <see cref="GetItemEstimateOptions"/>, so a handler sees one shape. Pure: bytes in, request out.
/// </summary>
/// <remarks>
/// Children are accepted in any order; unknown children are skipped with their content, as in the other
/// parsers. Malformed: anything the WBXML layer rejects (an undefined tag included); a wrong root; a missing or
/// repeated Collections; no Collection, or more than <see cref="GetItemEstimateLimits.MaxCollections"/> (counted
/// as they are read); a Collection without SyncKey or CollectionId; a repeated leaf; an empty or over-long
/// value; FilterType other than 0 to 8, MaxItems below 1, ConversationMode other than 0 or 1; an empty Options
/// (MS-ASCMD_R3541), more than two, or two for the same class (MS-ASCMD_R903); a collection that mixes the
/// collection-level Class or FilterType with Options. Which classes may be combined, and whether MaxItems fits
/// the collection, are business outcomes the handler answers with a <see cref="GetItemEstimateStatus"/>.
/// </remarks>
public static class GetItemEstimateRequestParser
{
    /// <summary>Parses a GetItemEstimate request body.</summary>
    /// <param name="body">The WBXML request body.</param>
    /// <param name="limits">The WBXML limits of the endpoint.</param>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MalformedBody"/> for anything malformed;
    /// <see cref="EasProtocolError.BodyTooLarge"/> when the body exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>.
    /// </exception>
    public static GetItemEstimateRequest Parse(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Guard(() => ParseCore(body, limits));
    }

    private static GetItemEstimateRequest ParseCore(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.GetItemEstimate);
        List<GetItemEstimateCollectionRequest>? collections = null;
        while (NextChild(reader, 1))
        {
            if (reader.Tag == Tags.Collections)
            {
                RequireFirst(collections, reader);
                collections = ReadCollections(reader);
            }
            else
            {
                SkipElement(reader);
            }
        }

        Finish(reader);
        return new GetItemEstimateRequest(Require(collections, Tags.Collections, Tags.GetItemEstimate));
    }

    private static List<GetItemEstimateCollectionRequest> ReadCollections(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        var collections = new List<GetItemEstimateCollectionRequest>();
        while (NextChild(reader, 2))
        {
            if (reader.Tag != Tags.Collection)
            {
                SkipElement(reader);
                continue;
            }

            if (collections.Count == GetItemEstimateLimits.MaxCollections)
            {
                throw Malformed($"Collections holds more than {GetItemEstimateLimits.MaxCollections} Collection elements", reader.TokenOffset);
            }

            collections.Add(ReadCollection(reader));
        }

        return collections.Count > 0 ? collections : throw Malformed("Collections holds no Collection", offset);
    }

    private static GetItemEstimateCollectionRequest ReadCollection(WbxmlReader reader)
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
                case Tags.Class:
                    RequireFirst(legacyClass, reader);
                    legacyClass = ReadString(reader, GetItemEstimateLimits.MaxClassLength);
                    break;
                case AirSyncTags.FilterType:
                    RequireFirst(legacyFilterType, reader);
                    legacyFilterType = ReadUnsigned(reader, GetItemEstimateLimits.MaxFilterType);
                    break;
                case AirSyncTags.ConversationMode:
                    RequireFirst(conversationMode, reader);
                    conversationMode = ReadUnsigned(reader, 1) == 1;
                    break;
                case AirSyncTags.Options:
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
                    SkipElement(reader);
                    break;
            }
        }

        if (syncKey is null || collectionId is null)
        {
            throw Malformed($"Collection has no {(syncKey is null ? "SyncKey" : "CollectionId")}", offset);
        }

        if (legacyClass is not null || legacyFilterType is not null)
        {
            if (options.Count > 0)
            {
                throw Malformed("Collection has both a collection-level Class or FilterType and Options", offset);
            }

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
                    SkipElement(reader);
                    break;
            }
        }

        return any ? new GetItemEstimateOptions(@class, filterType, maxItems) : throw Malformed("Options holds none of Class, FilterType and MaxItems", offset);
    }
}
