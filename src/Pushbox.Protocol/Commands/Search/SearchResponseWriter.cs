using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using AirSyncTags = Pushbox.Wbxml.EasCodePages.AirSyncTags;
using GalTags = Pushbox.Wbxml.EasCodePages.GalTags;
using Tags = Pushbox.Wbxml.EasCodePages.SearchTags;

namespace Pushbox.Protocol.Commands.Search;

/// <summary>
/// Writes a Search response in the element order of SearchResponse.xsd: <c>Status</c>, then
/// <c>Response/Store</c> with <c>Status</c>, the <c>Result</c> elements, <c>Range</c> and <c>Total</c>. A result
/// holds <c>airsync:Class</c>, <c>LongId</c>, <c>airsync:CollectionId</c> and <c>Properties</c> (a mailbox item),
/// or <c>Properties</c> of gal: elements (a GAL entry). A successful mailbox store with no match holds one empty
/// <c>Result</c>. Flushes after each result, so that many results with bodies never sit whole in memory.
/// </summary>
public static class SearchResponseWriter
{
    /// <summary>Writes <paramref name="response"/> as the whole document.</summary>
    /// <exception cref="ArgumentException">A common status with a version before 14.0, or a gal:Picture before 14.1; thrown before anything is written.</exception>
    public static async Task WriteAsync(WbxmlResponseOutput output, SearchResponse response, EasVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(response);
        FolderValues.RequireStatusKnownTo((int)response.Status, version, nameof(response));
        if (version < EasVersion.V141 && response.Results.Any(r => r.Gal?.Picture is not null))
        {
            throw new ArgumentException($"gal:Picture exists from protocol 14.1, not {version}.", nameof(response));
        }

        WbxmlWriter writer = output.Writer;
        writer.WriteStartElement(Tags.Search);
        writer.WriteElementInt(Tags.Status, (int)response.Status);
        if (response.StoreStatus is { } storeStatus)
        {
            writer.WriteStartElement(Tags.Response);
            writer.WriteStartElement(Tags.Store);
            writer.WriteElementInt(Tags.Status, (int)storeStatus);
            if (storeStatus == SearchStatus.Success && response.Results.Count == 0 && response.EmptyResultWhenNone)
            {
                writer.WriteEmptyElement(Tags.Result);
            }

            foreach (SearchResult result in response.Results)
            {
                await WriteResultAsync(output, result, cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (response.Range is { } range)
            {
                writer.WriteElementString(Tags.Range, range.ToString());
            }

            if (response.Total is { } total)
            {
                writer.WriteElementInt(Tags.Total, total);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static async ValueTask WriteResultAsync(WbxmlResponseOutput output, SearchResult result, CancellationToken cancellationToken)
    {
        WbxmlWriter writer = output.Writer;
        writer.WriteStartElement(Tags.Result);
        if (result.Class is not null)
        {
            writer.WriteElementString(AirSyncTags.Class, result.Class);
        }

        if (result.LongId is not null)
        {
            writer.WriteElementString(Tags.LongId, result.LongId);
        }

        if (result.CollectionId is not null)
        {
            writer.WriteElementString(AirSyncTags.CollectionId, result.CollectionId);
        }

        if (result.Item is { } item)
        {
            writer.WriteStartElement(Tags.Properties);
            await item(output, cancellationToken).ConfigureAwait(false);
            writer.WriteEndElement();
        }
        else if (result.Gal is { } gal)
        {
            writer.WriteStartElement(Tags.Properties);
            WriteGal(writer, gal);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    /// <summary>Writes the gal: elements of an entry (shared with ResolveRecipients and Find, whose GAL properties are the same elements).</summary>
    public static void WriteGal(WbxmlWriter writer, GalProperties gal)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(gal);
        writer.WriteElementString(GalTags.DisplayName, gal.DisplayName);
        Optional(writer, GalTags.Phone, gal.Phone);
        Optional(writer, GalTags.Office, gal.Office);
        Optional(writer, GalTags.Title, gal.Title);
        Optional(writer, GalTags.Company, gal.Company);
        Optional(writer, GalTags.Alias, gal.Alias);
        Optional(writer, GalTags.FirstName, gal.FirstName);
        Optional(writer, GalTags.LastName, gal.LastName);
        Optional(writer, GalTags.HomePhone, gal.HomePhone);
        Optional(writer, GalTags.MobilePhone, gal.MobilePhone);
        writer.WriteElementString(GalTags.EmailAddress, gal.EmailAddress);
        if (gal.Picture is { } picture)
        {
            writer.WriteStartElement(GalTags.Picture);
            writer.WriteElementInt(GalTags.Status, (int)picture.Status);
            if (picture.Data is { } data)
            {
                writer.WriteElementOpaque(GalTags.Data, data.Span);
            }

            writer.WriteEndElement();
        }
    }

    private static void Optional(WbxmlWriter writer, ushort tag, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteElementString(tag, value);
        }
    }
}
