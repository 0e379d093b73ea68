using System.Globalization;
using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using AirSyncBaseTags = Pushbox.Wbxml.EasCodePages.AirSyncBaseTags;
using AirSyncTags = Pushbox.Wbxml.EasCodePages.AirSyncTags;
using DocumentLibraryTags = Pushbox.Wbxml.EasCodePages.DocumentLibraryTags;
using SearchTags = Pushbox.Wbxml.EasCodePages.SearchTags;
using Tags = Pushbox.Wbxml.EasCodePages.ItemOperationsTags;

namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// Writes an ItemOperations response as it is sent: <c>Status</c>, then <c>Response</c> holding one
/// <c>Fetch</c>, <c>EmptyFolderContents</c> or <c>Move</c> per operation in request order, flushing after each so
/// that a response of many or large items never sits whole in memory. Inside each, the order of
/// ItemOperationsResponse.xsd: Fetch has Status, airsync:CollectionId, airsync:ServerId, search:LongId,
/// airsync:Class, documentlibrary:LinkId, airsyncbase:FileReference, Properties; EmptyFolderContents has Status,
/// airsync:CollectionId; Move has Status, ConversationId (opaque). Properties of an attachment or document hold
/// airsyncbase:ContentType, Range, Total, then Data or (multipart) Part, then Version.
/// </summary>
/// <remarks>
/// The schema's Response is a sequence of all Moves, then all EmptyFolderContents, then all Fetches; the spec
/// asks for results per operation in the order run (MS-ASCMD_R193, R194), so a request that mixes kinds out of
/// that order gets a response in request order, which the schema's sequence does not describe. Everything the
/// version cannot carry is refused before the first byte is written (ItemOperations exists from 12.0, Move from
/// 14.0, airsyncbase:ContentType from 12.1, common status codes from 14.0), since once the response has started
/// an exception can only abort it.
/// </remarks>
public static class ItemOperationsResponseWriter
{
    /// <summary>Writes <paramref name="response"/> as the whole document, flushing after each operation.</summary>
    /// <exception cref="ArgumentException">
    /// The response holds something <paramref name="version"/> cannot carry, or an invalid combination (Properties
    /// and Data together, Properties or Data with a failure status); thrown before anything is written.
    /// </exception>
    public static async Task WriteAsync(WbxmlResponseOutput output, ItemOperationsResponse response, EasVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(response);
        Check(response, version);

        WbxmlWriter writer = output.Writer;
        writer.WriteStartElement(Tags.ItemOperations);
        writer.WriteElementInt(Tags.Status, (int)response.Status);
        if (response.Status == ItemOperationsStatus.Success)
        {
            writer.WriteStartElement(Tags.Response);
            foreach (ItemOperationsResult result in response.Results)
            {
                switch (result)
                {
                    case ItemOperationsFetchResult fetch:
                        await WriteFetchAsync(output, fetch, cancellationToken).ConfigureAwait(false);
                        break;
                    case ItemOperationsEmptyFolderContentsResult empty:
                        writer.WriteStartElement(Tags.EmptyFolderContents);
                        writer.WriteElementInt(Tags.Status, (int)empty.Status);
                        writer.WriteElementString(AirSyncTags.CollectionId, empty.CollectionId);
                        writer.WriteEndElement();
                        break;
                    case ItemOperationsMoveResult move:
                        writer.WriteStartElement(Tags.Move);
                        writer.WriteElementInt(Tags.Status, (int)move.Status);
                        writer.WriteElementOpaque(Tags.ConversationId, move.ConversationId.Span);
                        writer.WriteEndElement();
                        break;
                }

                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static async ValueTask WriteFetchAsync(WbxmlResponseOutput output, ItemOperationsFetchResult fetch, CancellationToken cancellationToken)
    {
        WbxmlWriter writer = output.Writer;
        writer.WriteStartElement(Tags.Fetch);
        writer.WriteElementInt(Tags.Status, (int)fetch.Status);
        WriteOptional(writer, AirSyncTags.CollectionId, fetch.CollectionId);
        WriteOptional(writer, AirSyncTags.ServerId, fetch.ServerId);
        WriteOptional(writer, SearchTags.LongId, fetch.LongId);
        WriteOptional(writer, AirSyncTags.Class, fetch.Class);
        WriteOptional(writer, DocumentLibraryTags.LinkId, fetch.LinkId);
        WriteOptional(writer, AirSyncBaseTags.FileReference, fetch.FileReference);
        if (fetch.Properties is { } properties)
        {
            writer.WriteStartElement(Tags.Properties);
            await properties(output, cancellationToken).ConfigureAwait(false);
            writer.WriteEndElement();
        }
        else if (fetch.Data is { } data)
        {
            writer.WriteStartElement(Tags.Properties);
            WriteOptional(writer, AirSyncBaseTags.ContentType, data.ContentType);
            if (data.Range is { } range)
            {
                writer.WriteElementString(Tags.Range, range.ToString());
            }

            writer.WriteElementInt(Tags.Total, data.Total);
            if (data.Data is { } content)
            {
                writer.WriteStartElement(Tags.Data);
                await content(output, cancellationToken).ConfigureAwait(false);
                writer.WriteEndElement();
            }
            else
            {
                writer.WriteElementInt(Tags.Part, data.Part!.Value);
            }

            if (data.Version is DateTimeOffset modified)
            {
                writer.WriteElementString(Tags.Version, modified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteOptional(WbxmlWriter writer, ushort tag, string? value)
    {
        if (value is not null)
        {
            writer.WriteElementString(tag, value);
        }
    }

    private static void Check(ItemOperationsResponse response, EasVersion version)
    {
        if (version < EasVersion.V120)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "ItemOperations exists from protocol 12.0.");
        }

        FolderValues.RequireStatusKnownTo((int)response.Status, version, nameof(response));
        foreach (ItemOperationsResult result in response.Results)
        {
            FolderValues.RequireStatusKnownTo((int)result.Status, version, nameof(response));
            if (result is ItemOperationsMoveResult && version < EasVersion.V140)
            {
                throw new ArgumentException($"The conversation Move exists from protocol 14.0, not {version}.", nameof(response));
            }

            if (result is ItemOperationsFetchResult fetch)
            {
                CheckFetch(fetch, version);
            }
        }
    }

    private static void CheckFetch(ItemOperationsFetchResult fetch, EasVersion version)
    {
        if (fetch.Properties is null && fetch.Data is null)
        {
            return;
        }

        if (fetch.Properties is not null && fetch.Data is not null)
        {
            throw new ArgumentException("A Fetch result holds either item properties or data, not both.", nameof(fetch));
        }

        if (fetch.Status is not (ItemOperationsStatus.Success or ItemOperationsStatus.PartialSuccess))
        {
            throw new ArgumentException($"A Fetch result with status {fetch.Status} has no Properties.", nameof(fetch));
        }

        if (fetch.Data?.ContentType is not null && version < EasVersion.V121)
        {
            throw new ArgumentException($"airsyncbase:ContentType exists in ItemOperations from protocol 12.1, not {version}.", nameof(fetch));
        }
    }
}
