using Pushbox.Protocol.Commands.Search;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using AirSyncTags = Pushbox.Wbxml.EasCodePages.AirSyncTags;
using Tags = Pushbox.Wbxml.EasCodePages.FindTags;

namespace Pushbox.Protocol.Commands.Find;

/// <summary>
/// Reads a Find request body (MS-ASCMD 2.2.1.2): <c>Find</c> with <c>SearchId</c> and <c>ExecuteSearch</c>,
/// which holds one <c>MailBoxSearchCriterion</c> or one <c>GALSearchCriterion</c>, each with a <c>Query</c> and
/// optional <c>Options</c>. Pure: bytes in, request out.
/// </summary>
/// <remarks>
/// Malformed (the handler answers Find status 2): a wrong root; no SearchId or ExecuteSearch, or either twice;
/// an ExecuteSearch without exactly one criterion; a criterion without Query; an element the spec does not
/// place where it stands (Find.xsd); FreeText, airsync:Class or airsync:CollectionId more than once
/// (each 0…1, R901100608, R982100607); a mailbox Query holding text, or a GAL Query holding elements other
/// than FreeText; a Range that is not "m-n" with 0 &lt;= m &lt;= n &lt;= <see cref="FindLimits.MaxRangeIndex"/>
/// (R37071812); a value longer than <see cref="FindLimits"/> allows.
/// </remarks>
public static class FindRequestParser
{
    /// <summary>Parses a Find request body.</summary>
    /// <exception cref="EasProtocolException"><see cref="EasProtocolError.MalformedBody"/> or <see cref="EasProtocolError.BodyTooLarge"/>.</exception>
    public static FindRequest Parse(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Guard(() => ParseCore(body, limits));
    }

    private static FindRequest ParseCore(ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.Find);
        string? searchId = null;
        Criterion? criterion = null;
        bool executeSearch = false;
        while (NextChild(reader, 1))
        {
            switch (reader.Tag)
            {
                case Tags.SearchId:
                    RequireFirst(searchId, reader);
                    searchId = ReadString(reader, FindLimits.MaxSearchIdLength).Trim();
                    break;
                case Tags.ExecuteSearch:
                    if (executeSearch)
                    {
                        throw Malformed("ExecuteSearch appears more than once", reader.TokenOffset);
                    }

                    executeSearch = true;
                    criterion = ReadExecuteSearch(reader);
                    break;
                default:
                    throw NotAllowed(reader, Tags.Find);
            }
        }

        Finish(reader);
        if (string.IsNullOrEmpty(searchId))
        {
            throw Malformed("Find has no SearchId");
        }

        if (criterion is null)
        {
            throw Malformed("Find has no ExecuteSearch");
        }

        return criterion.Gal
            ? new FindRequest(searchId, null, new FindGalCriterion(criterion.Text ?? criterion.FreeText ?? string.Empty, criterion.Range, criterion.Picture, criterion.DeepTraversal))
            : new FindRequest(searchId, new FindMailboxCriterion(criterion.FreeText, criterion.Class, criterion.CollectionId, criterion.Range, criterion.DeepTraversal), null);
    }

    /// <summary>ExecuteSearch (depth 2): exactly one criterion.</summary>
    private static Criterion ReadExecuteSearch(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        Criterion? criterion = null;
        if (reader.IsEmptyElement)
        {
            throw Malformed("ExecuteSearch is empty", offset);
        }

        while (NextChild(reader, 2))
        {
            if (reader.Tag is not (Tags.MailBoxSearchCriterion or Tags.GALSearchCriterion))
            {
                throw NotAllowed(reader, Tags.ExecuteSearch);
            }

            if (criterion is not null)
            {
                throw Malformed("ExecuteSearch holds more than one criterion", reader.TokenOffset);
            }

            criterion = ReadCriterion(reader, gal: reader.Tag == Tags.GALSearchCriterion);
        }

        return criterion ?? throw Malformed("ExecuteSearch holds no criterion", offset);
    }

    /// <summary>MailBoxSearchCriterion or GALSearchCriterion (depth 3): Query and Options.</summary>
    private static Criterion ReadCriterion(WbxmlReader reader, bool gal)
    {
        long offset = reader.TokenOffset;
        var criterion = new Criterion(gal);
        bool query = false;
        bool options = false;
        if (reader.IsEmptyElement)
        {
            throw Malformed($"{EasCodePages.Describe(reader.Tag)} is empty", offset);
        }

        while (NextChild(reader, 3))
        {
            switch (reader.Tag)
            {
                case Tags.Query:
                    if (query)
                    {
                        throw Malformed("Query appears more than once", reader.TokenOffset);
                    }

                    query = true;
                    ReadQuery(reader, criterion);
                    break;
                case Tags.Options:
                    if (options)
                    {
                        throw Malformed("Options appears more than once", reader.TokenOffset);
                    }

                    options = true;
                    ReadOptions(reader, criterion);
                    break;
                default:
                    throw NotAllowed(reader, gal ? Tags.GALSearchCriterion : Tags.MailBoxSearchCriterion);
            }
        }

        return query ? criterion : throw Malformed("The criterion has no Query", offset);
    }

    /// <summary>Query (depth 4): text (GAL) or FreeText, airsync:Class and airsync:CollectionId (mailbox).</summary>
    private static void ReadQuery(WbxmlReader reader, Criterion criterion)
    {
        long offset = reader.TokenOffset;
        if (reader.IsEmptyElement)
        {
            // An empty mailbox Query asks for every email in scope; an empty GAL Query is refused by the handler.
            return;
        }

        if (!reader.Read())
        {
            throw Malformed("The body ends inside Query", offset);
        }

        if (reader.NodeType is WbxmlNodeType.Text or WbxmlNodeType.Opaque)
        {
            if (!criterion.Gal)
            {
                throw Malformed("A mailbox Query holds elements, not text", offset);
            }

            criterion.Text = ReadText(reader, offset);
            return;
        }

        if (reader.NodeType == WbxmlNodeType.EndElement)
        {
            return;
        }

        do
        {
            if (reader.NodeType != WbxmlNodeType.StartElement)
            {
                throw Malformed("Text appears directly inside a container element", reader.TokenOffset);
            }

            switch (reader.Tag)
            {
                case Tags.FreeText:
                    RequireFirst(criterion.FreeText, reader);
                    criterion.FreeText = ReadString(reader, FindLimits.MaxQueryLength);
                    break;
                case AirSyncTags.Class when !criterion.Gal:
                    RequireFirst(criterion.Class, reader);
                    criterion.Class = ReadString(reader, FindLimits.MaxValueLength);
                    break;
                case AirSyncTags.CollectionId when !criterion.Gal:
                    RequireFirst(criterion.CollectionId, reader);
                    criterion.CollectionId = ReadString(reader, FindLimits.MaxValueLength);
                    break;
                default:
                    throw NotAllowed(reader, Tags.Query);
            }
        }
        while (NextChild(reader, 4));
    }

    private static string ReadText(WbxmlReader reader, long offset)
    {
        var text = new System.Text.StringBuilder();
        do
        {
            if (reader.NodeType == WbxmlNodeType.StartElement)
            {
                throw Malformed("Query holds both text and elements", reader.TokenOffset);
            }

            text.Append(System.Text.Encoding.UTF8.GetString(reader.ValueSpan));
            if (text.Length > FindLimits.MaxQueryLength)
            {
                throw Malformed($"Query is longer than {FindLimits.MaxQueryLength} characters", offset);
            }
        }
        while (reader.Read() && reader.NodeType != WbxmlNodeType.EndElement);

        return text.ToString();
    }

    /// <summary>Options (depth 4): Range, DeepTraversal and Picture.</summary>
    private static void ReadOptions(WbxmlReader reader, Criterion criterion)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }

        while (NextChild(reader, 4))
        {
            switch (reader.Tag)
            {
                case Tags.Range:
                    RequireFirst(criterion.Range, reader);
                    long offset = reader.TokenOffset;
                    criterion.Range = SearchRange.TryParse(ReadString(reader, 32).Trim(), out SearchRange range) && range.Last <= FindLimits.MaxRangeIndex
                        ? range
                        : throw Malformed($"Range is not \"m-n\" with 0 <= m <= n <= {FindLimits.MaxRangeIndex}", offset);
                    break;
                case Tags.DeepTraversal:
                    criterion.DeepTraversal = true;
                    SkipElement(reader);
                    break;
                case Tags.Picture:
                    RequireFirst(criterion.Picture, reader);
                    criterion.Picture = SearchPictureOptions.Read(reader, Tags.MaxSize, Tags.MaxPictures);
                    break;
                default:
                    throw NotAllowed(reader, Tags.Options);
            }
        }
    }

    private sealed class Criterion(bool gal)
    {
        public bool Gal { get; } = gal;

        public string? Text { get; set; }

        public string? FreeText { get; set; }

        public string? Class { get; set; }

        public string? CollectionId { get; set; }

        public SearchRange? Range { get; set; }

        public bool DeepTraversal { get; set; }

        public SearchPictureOptions? Picture { get; set; }
    }
}
