using System.Globalization;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Protocol.Commands.ItemOperations;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using AirSyncBaseTags = Pushbox.Wbxml.EasCodePages.AirSyncBaseTags;
using AirSyncTags = Pushbox.Wbxml.EasCodePages.AirSyncTags;
using EmailTags = Pushbox.Wbxml.EasCodePages.EmailTags;
using RightsManagementTags = Pushbox.Wbxml.EasCodePages.RightsManagementTags;
using Tags = Pushbox.Wbxml.EasCodePages.SearchTags;

namespace Pushbox.Protocol.Commands.Search;

/// <summary>
/// Reads a Search request body (MS-ASCMD 2.2.1.16): <c>Search/Store</c> with <c>Name</c>, <c>Query</c> and
/// optional <c>Options</c>. Pure: bytes in, request out.
/// </summary>
/// <remarks>
/// Malformed (HTTP 400 through the protocol exception): a wrong root, a Search without exactly one Store, a Store
/// without Name or Query or with a repeated one, an unknown element in Store or Options, a Range that is not
/// "m-n", a BodyPreference as ItemOperations refuses it. Not malformed: a query the spec answers with a status —
/// too complex (R772, R923, R2032, R2086, R3105, R3143, R3220: conditions outside the one And, several And, Or,
/// EqualTo, nested And, a comparison of anything but email:DateReceived) or carrying an unreadable date; those
/// are recorded on <see cref="SearchMailboxQuery"/> for the handler to answer 8 or 2.
/// </remarks>
public static class SearchRequestParser
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", "yyyyMMdd'T'HHmmss'Z'",
    ];

    /// <summary>Parses a Search request body for protocol <paramref name="version"/>.</summary>
    /// <exception cref="EasProtocolException"><see cref="EasProtocolError.MalformedBody"/> or <see cref="EasProtocolError.BodyTooLarge"/>.</exception>
    public static SearchRequest Parse(ReadOnlyMemory<byte> body, EasVersion version, WbxmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Guard(() => ParseCore(body, version, limits));
    }

    private static SearchRequest ParseCore(ReadOnlyMemory<byte> body, EasVersion version, WbxmlLimits limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.Search);
        SearchRequest? request = null;
        while (NextChild(reader, 1))
        {
            if (reader.Tag != Tags.Store)
            {
                throw NotAllowed(reader, Tags.Search);
            }

            RequireFirst(request, reader);
            request = ReadStore(reader, version);
        }

        Finish(reader);
        return request ?? throw Malformed("The Search request has no Store");
    }

    private static SearchRequest ReadStore(WbxmlReader reader, EasVersion version)
    {
        long offset = reader.TokenOffset;
        string? name = null;
        bool hasQuery = false;
        string? queryText = null;
        SearchMailboxQuery? mailboxQuery = null;
        SearchOptions? options = null;
        while (NextChild(reader, 2))
        {
            switch (reader.Tag)
            {
                case Tags.Name:
                    RequireFirst(name, reader);
                    name = ReadString(reader, SearchLimits.MaxQueryLength);
                    break;
                case Tags.Query:
                    if (hasQuery)
                    {
                        throw Malformed("Query appears more than once", reader.TokenOffset);
                    }

                    hasQuery = true;
                    (queryText, mailboxQuery) = ReadQuery(reader);
                    break;
                case Tags.Options:
                    RequireFirst(options, reader);
                    options = ReadOptions(reader, version);
                    break;
                default:
                    throw NotAllowed(reader, Tags.Store);
            }
        }

        if (name is null)
        {
            throw Malformed("Store has no Name", offset);
        }

        return hasQuery ? new SearchRequest(name, queryText, mailboxQuery, options ?? SearchOptions.None) : throw Malformed("Store has no Query", offset);
    }

    /// <summary>Query (depth 3): text (GAL, document library) or elements (Mailbox).</summary>
    private static (string? Text, SearchMailboxQuery? Mailbox) ReadQuery(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        if (reader.IsEmptyElement)
        {
            throw Malformed("Query is empty", offset);
        }

        if (!reader.Read())
        {
            throw Malformed("The body ends inside Query", offset);
        }

        if (reader.NodeType is WbxmlNodeType.Text or WbxmlNodeType.Opaque)
        {
            string text = ReadRestOfText(reader, offset);
            return (text, null);
        }

        if (reader.NodeType == WbxmlNodeType.EndElement)
        {
            throw Malformed("Query is empty", offset);
        }

        var builder = new QueryBuilder();
        int ands = 0;
        do
        {
            if (reader.NodeType != WbxmlNodeType.StartElement)
            {
                throw Malformed("Text appears directly inside a container element", reader.TokenOffset);
            }

            if (reader.Tag == Tags.And)
            {
                ands++;
                if (ands > 1)
                {
                    builder.Complex("more than one And"); // R772
                }

                ReadAnd(reader, builder);
            }
            else
            {
                builder.Complex($"{EasCodePages.Describe(reader.Tag)} outside And");
                SkipElement(reader);
            }
        }
        while (NextChild(reader, 3));

        return (null, builder.Build());
    }

    private static string ReadRestOfText(WbxmlReader reader, long offset)
    {
        var text = new System.Text.StringBuilder();
        do
        {
            if (reader.NodeType == WbxmlNodeType.StartElement)
            {
                throw Malformed("Query holds both text and elements", reader.TokenOffset);
            }

            text.Append(System.Text.Encoding.UTF8.GetString(reader.ValueSpan));
            if (text.Length > SearchLimits.MaxQueryLength)
            {
                throw Malformed($"Query is longer than {SearchLimits.MaxQueryLength} characters", offset);
            }
        }
        while (reader.Read() && reader.NodeType != WbxmlNodeType.EndElement);

        return text.ToString();
    }

    /// <summary>And (depth 4).</summary>
    private static void ReadAnd(WbxmlReader reader, QueryBuilder builder)
    {
        while (NextChild(reader, 4))
        {
            switch (reader.Tag)
            {
                case AirSyncTags.Class:
                    QueryBuilder.Add(builder.Classes, ReadString(reader, SearchLimits.MaxValueLength), reader);
                    break;
                case AirSyncTags.CollectionId:
                    QueryBuilder.Add(builder.CollectionIds, ReadString(reader, SearchLimits.MaxValueLength), reader);
                    break;
                case Tags.FreeText:
                    string text = ReadString(reader, SearchLimits.MaxQueryLength);
                    if (builder.FreeText is not null)
                    {
                        builder.Complex("more than one FreeText");
                    }

                    builder.FreeText = text;
                    break;
                case Tags.ConversationId:
                    if (builder.ConversationId is not null)
                    {
                        builder.Complex("more than one ConversationId");
                    }

                    builder.ConversationId = ReadOpaque(reader);
                    break;
                case Tags.GreaterThan:
                case Tags.LessThan:
                    ReadComparison(reader, builder);
                    break;
                default:
                    builder.Complex($"{EasCodePages.Describe(reader.Tag)} inside And");
                    SkipElement(reader);
                    break;
            }
        }
    }

    /// <summary>GreaterThan or LessThan (depth 5): email:DateReceived and Value.</summary>
    private static void ReadComparison(WbxmlReader reader, QueryBuilder builder)
    {
        bool greater = reader.Tag == Tags.GreaterThan;
        bool dateReceived = false;
        string? value = null;
        while (NextChild(reader, 5))
        {
            if (reader.Tag == EmailTags.DateReceived && !dateReceived)
            {
                dateReceived = true;
                SkipElement(reader);
            }
            else if (reader.Tag == Tags.Value && value is null)
            {
                value = ReadString(reader, SearchLimits.MaxValueLength);
            }
            else
            {
                builder.Complex($"{EasCodePages.Describe(reader.Tag)} in a comparison");
                SkipElement(reader);
            }
        }

        if (!dateReceived || value is null)
        {
            builder.Complex("a comparison without email:DateReceived and Value");
            return;
        }

        if (!DateTimeOffset.TryParseExact(value.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset date))
        {
            builder.Invalid ??= "a comparison Value that is not a date";
            return;
        }

        if (greater ? builder.After is not null : builder.Before is not null)
        {
            builder.Complex("two comparisons of the same direction");
        }

        if (greater)
        {
            builder.After = date;
        }
        else
        {
            builder.Before = date;
        }
    }

    private static byte[] ReadOpaque(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        if (reader.IsEmptyElement)
        {
            throw Malformed("ConversationId is empty", offset);
        }

        var bytes = new List<byte>();
        while (reader.Read() && reader.NodeType != WbxmlNodeType.EndElement)
        {
            if (reader.NodeType == WbxmlNodeType.StartElement)
            {
                throw Malformed("ConversationId holds an element", reader.TokenOffset);
            }

            bytes.AddRange(reader.ValueSpan);
            if (bytes.Count > SearchLimits.MaxConversationIdLength)
            {
                throw Malformed($"ConversationId is longer than {SearchLimits.MaxConversationIdLength} bytes", offset);
            }
        }

        return bytes.Count > 0 ? [.. bytes] : throw Malformed("ConversationId is empty", offset);
    }

    /// <summary>Options (depth 3).</summary>
    private static SearchOptions ReadOptions(WbxmlReader reader, EasVersion version)
    {
        SearchRange? range = null;
        bool deepTraversal = false;
        bool rebuildResults = false;
        bool credentials = false;
        int? mimeSupport = null;
        bool rightsManagement = false;
        SearchPictureOptions? picture = null;
        var bodyPreferences = new List<BodyPreference>();
        var bodyPartPreferences = new List<BodyPreference>();
        while (NextChild(reader, 3))
        {
            switch (reader.Tag)
            {
                case Tags.Range:
                    RequireFirst(range, reader);
                    long offset = reader.TokenOffset;
                    range = SearchRange.TryParse(ReadString(reader, 32).Trim(), out SearchRange parsed)
                        ? parsed
                        : throw Malformed("Range is not \"m-n\" with m <= n", offset);
                    break;
                case Tags.DeepTraversal:
                    deepTraversal = true;
                    SkipElement(reader);
                    break;
                case Tags.RebuildResults:
                    rebuildResults = true;
                    SkipElement(reader);
                    break;
                case Tags.UserName:
                case Tags.Password:
                    credentials = true;
                    _ = ReadString(reader, SearchLimits.MaxCredentialLength);
                    break;
                case AirSyncTags.MIMESupport:
                    RequireFirst(mimeSupport, reader);
                    mimeSupport = ReadUnsigned(reader, 2);
                    break;
                case RightsManagementTags.RightsManagementSupport:
                    rightsManagement = ReadUnsigned(reader, 1) == 1;
                    break;
                case AirSyncBaseTags.BodyPreference:
                    ItemOperationsRequestParser.AddBodyPreference(reader, version, bodyPreferences);
                    break;
                case AirSyncBaseTags.BodyPartPreference:
                    ItemOperationsRequestParser.AddBodyPreference(reader, version, bodyPartPreferences);
                    break;
                case Tags.Picture:
                    if (version < EasVersion.V141)
                    {
                        throw NotAllowed(reader, Tags.Options);
                    }

                    RequireFirst(picture, reader);
                    picture = SearchPictureOptions.Read(reader, Tags.MaxSize, Tags.MaxPictures);
                    break;
                default:
                    throw NotAllowed(reader, Tags.Options);
            }
        }

        var body = new ItemBodyOptions(bodyPreferences, bodyPartPreferences, mimeSupport, RightsManagementSupport: rightsManagement);
        return new SearchOptions(range, deepTraversal, rebuildResults, credentials, body, picture);
    }

    private sealed class QueryBuilder
    {
        public List<string> Classes { get; } = [];

        public List<string> CollectionIds { get; } = [];

        public string? FreeText { get; set; }

        public byte[]? ConversationId { get; set; }

        public DateTimeOffset? After { get; set; }

        public DateTimeOffset? Before { get; set; }

        public string? Invalid { get; set; }

        private string? TooComplex { get; set; }

        public void Complex(string reason) => TooComplex ??= reason;

        public static void Add(List<string> list, string value, WbxmlReader reader)
        {
            if (list.Count == SearchLimits.MaxScopes)
            {
                throw Malformed($"The query holds more than {SearchLimits.MaxScopes} {EasCodePages.Describe(reader.Tag)} elements", reader.TokenOffset);
            }

            list.Add(value);
        }

        public SearchMailboxQuery Build() => new(Classes, CollectionIds, FreeText, ConversationId, After, Before, TooComplex, Invalid);
    }
}
