using System.Globalization;
using Microsoft.Extensions.Logging;
using Pushbox.Commands.Email;
using Pushbox.Commands.Gal;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Search;
using Pushbox.Mailbox.Users;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.Search;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// Search (MS-ASCMD 2.2.1.16) of the mailbox (the full-text index, <see cref="IMailboxSearch"/>) and of the
/// global address list (<see cref="IGlobalAddressList"/>). Every search is computed afresh, so RebuildResults
/// changes nothing: there is no cached result set to go stale (MS-ASCMD_R3738 describes one; paging a fresh
/// query gives the same rows unless the mailbox changed between pages).
/// </summary>
/// <remarks>
/// <para>Store statuses:</para>
/// <list type="bullet">
/// <item>2, invalid request: a malformed body (the Search element itself only knows 1 and 3, so the body's fault
/// goes on the Store); a store name other than Mailbox, GAL or DocumentLibrary; UserName or Password with the
/// mailbox or the GAL (they are for document libraries, R3579); a mailbox Query of text, or a GAL Query of
/// elements; a mailbox query with neither FreeText words nor a ConversationId; an unreadable date; a
/// CollectionId that is not a folder id; an unknown airsync:Class.</item>
/// <item>5, access denied: DocumentLibrary; Pushbox has no document libraries (MS-ASDOC is not served).</item>
/// <item>8, too complex: what the parser records as such (R772, R923, R2032, R2086, R3105, R3143, R3220), and a
/// FreeText or GAL query of more than <see cref="SearchText.MaxQueryWords"/> words.</item>
/// <item>11, FolderSync required: a CollectionId that names no folder of the user's (the device's hierarchy is
/// out of date).</item>
/// <item>12, end of retrievable range: a Range of more than <see cref="SearchLimits.MaxRangeSize"/> entries (R3733,
/// R3735, R3736) or starting past <see cref="SearchLimits.MaxRetrievable"/>.</item>
/// </list>
/// <para>
/// Mailbox results are emails only (the index holds emails; an airsync:Class of Calendar, Contacts, Tasks, Notes
/// or SMS finds nothing), newest first, rendered as Sync renders them with the request's body preferences capped by
/// the policy. LongId (the item's ServerId, which ItemOperations, SmartReply and SmartForward take) is written from
/// 14.1 (R6750 to R6752). GAL results carry gal:Picture from 14.1 when Options/Picture asks (R3295 to R3297).
/// </para>
/// </remarks>
internal sealed partial class SearchHandler(
    IMailboxSearch search,
    IGlobalAddressList gal,
    IMailboxStore store,
    EmailItemRenderer renderer,
    WbxmlLimits limits,
    ILogger<SearchHandler> logger) : IEasCommandHandler
{
    private const string MailboxStore = "Mailbox";
    private const string GalStore = "GAL";
    private const string DocumentLibraryStore = "DocumentLibrary";
    private const string EmailClass = "Email";

    private static readonly string[] OtherClasses = ["Calendar", "Contacts", "Tasks", "Notes", "SMS"];

    public EasCommand Command => EasCommand.Search;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Respond(context, SearchResponse.Failure((SearchStatus)status));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        SearchRequest request;
        try
        {
            request = SearchRequestParser.Parse(body, context.Version, limits);
        }
        catch (EasProtocolException e) when (e.Reason == EasProtocolError.MalformedBody)
        {
            LogRefused(context.UserId, SearchStatus.InvalidRequest, e.Message);
            return Respond(context, SearchResponse.StoreFailure(SearchStatus.InvalidRequest));
        }

        SearchResponse response;
        if (request.StoreName.Equals(MailboxStore, StringComparison.OrdinalIgnoreCase))
        {
            response = await SearchMailboxAsync(context, request, cancellationToken).ConfigureAwait(false);
        }
        else if (request.StoreName.Equals(GalStore, StringComparison.OrdinalIgnoreCase))
        {
            response = await SearchGalAsync(context, request, cancellationToken).ConfigureAwait(false);
        }
        else if (request.StoreName.Equals(DocumentLibraryStore, StringComparison.OrdinalIgnoreCase))
        {
            response = Refuse(context, SearchStatus.AccessDenied, "document libraries are not served");
        }
        else
        {
            response = Refuse(context, SearchStatus.InvalidRequest, "unknown store");
        }

        return Respond(context, response);
    }

    private static EasCommandResult Respond(EasRequestContext context, SearchResponse response) =>
        EasCommandResult.Streamed((output, cancellationToken) => SearchResponseWriter.WriteAsync(output, response, context.Version, cancellationToken));

    private async Task<SearchResponse> SearchMailboxAsync(EasRequestContext context, SearchRequest request, CancellationToken cancellationToken)
    {
        SearchOptions options = request.Options;
        if (request.MailboxQuery is not { } query || options.HasCredentials)
        {
            return Refuse(context, SearchStatus.InvalidRequest, "a mailbox query is an And of conditions, without credentials");
        }

        if (query.TooComplex is { } complex)
        {
            return Refuse(context, SearchStatus.TooComplex, complex);
        }

        if (query.Invalid is { } invalid)
        {
            return Refuse(context, SearchStatus.InvalidRequest, invalid);
        }

        IReadOnlyList<string> words = SearchText.Words(query.FreeText);
        if (words.Count > SearchText.MaxQueryWords)
        {
            return Refuse(context, SearchStatus.TooComplex, "too many words");
        }

        if (words.Count == 0 && query.ConversationId is null)
        {
            return Refuse(context, SearchStatus.InvalidRequest, "no FreeText words and no ConversationId");
        }

        if (CheckRange(options.Range) is { } rangeStatus)
        {
            return Refuse(context, rangeStatus, "range beyond the retrievable results");
        }

        bool emails = query.Classes.Count == 0;
        foreach (string @class in query.Classes)
        {
            if (@class.Equals(EmailClass, StringComparison.OrdinalIgnoreCase))
            {
                emails = true;
            }
            else if (!OtherClasses.Contains(@class, StringComparer.OrdinalIgnoreCase))
            {
                return Refuse(context, SearchStatus.InvalidRequest, "unknown class");
            }
        }

        IReadOnlyCollection<long>? folderIds = null;
        if (query.CollectionIds.Count > 0)
        {
            IReadOnlyList<Folder> folders = await store.GetFoldersAsync(context.UserId, cancellationToken).ConfigureAwait(false);
            var scope = new HashSet<long>();
            foreach (string collectionId in query.CollectionIds)
            {
                if (!long.TryParse(collectionId, NumberStyles.None, CultureInfo.InvariantCulture, out long folderId))
                {
                    return Refuse(context, SearchStatus.InvalidRequest, "a CollectionId that is no folder id");
                }

                if (!folders.Any(f => f.Id == folderId))
                {
                    return Refuse(context, SearchStatus.FolderSyncRequired, "a CollectionId that names no folder");
                }

                scope.Add(folderId);
            }

            if (options.DeepTraversal)
            {
                FolderTree.AddSubfolders(folders, scope);
            }

            folderIds = scope;
        }

        SearchRange range = options.Range ?? SearchRange.Default;
        if (!emails)
        {
            return new SearchResponse(SearchStatus.Success, SearchStatus.Success, [], null, 0, EmptyResultWhenNone: true);
        }

        var mailboxQuery = new MailboxQuery(words, folderIds, query.ReceivedAfter, query.ReceivedBefore, query.ConversationId);
        MailboxSearchResult found = await search.SearchAsync(context.UserId, mailboxQuery, range.First, range.Count, cancellationToken).ConfigureAwait(false);
        var body = context.Caps.CapBody(options.Body);
        bool longIds = context.Version >= EasVersion.V141;
        var results = found.Items
            .Select(item => SearchResult.ForItem(
                EmailClass,
                longIds ? item.ServerId : null,
                item.FolderId.ToString(CultureInfo.InvariantCulture),
                renderer.Render(item, body, context.Version)))
            .ToList();
        LogSearched(context.UserId, MailboxStore, found.Total, results.Count);
        return new SearchResponse(
            SearchStatus.Success,
            SearchStatus.Success,
            results,
            results.Count == 0 ? null : new SearchRange(range.First, range.First + results.Count - 1),
            found.Total,
            EmptyResultWhenNone: true);
    }

    private async Task<SearchResponse> SearchGalAsync(EasRequestContext context, SearchRequest request, CancellationToken cancellationToken)
    {
        SearchOptions options = request.Options;
        if (request.QueryText is not { } text || options.HasCredentials)
        {
            return Refuse(context, SearchStatus.InvalidRequest, "a GAL query is text, without credentials");
        }

        if (SearchText.Words(text).Count > SearchText.MaxQueryWords)
        {
            return Refuse(context, SearchStatus.TooComplex, "too many words");
        }

        if (CheckRange(options.Range) is { } rangeStatus)
        {
            return Refuse(context, rangeStatus, "range beyond the retrievable results");
        }

        SearchRange range = options.Range ?? SearchRange.Default;
        GalSearchResult found = await gal.SearchAsync(text, range.First, range.Count, cancellationToken).ConfigureAwait(false);
        SearchPictureOptions? pictures = context.Version >= EasVersion.V141 ? options.Picture : null;
        var results = new List<SearchResult>(found.Entries.Count);
        int pictureCount = 0;
        foreach (GalEntry entry in found.Entries)
        {
            GalPicture? picture = null;
            if (pictures is not null)
            {
                (picture, pictureCount) = await GalAnswers.PictureAsync(gal, entry, pictures, pictureCount, cancellationToken).ConfigureAwait(false);
            }

            results.Add(SearchResult.ForGal(GalAnswers.ToGalProperties(entry, picture)));
        }

        LogSearched(context.UserId, GalStore, found.Total, results.Count);
        return new SearchResponse(
            SearchStatus.Success,
            SearchStatus.Success,
            results,
            results.Count == 0 ? null : new SearchRange(range.First, range.First + results.Count - 1),
            found.Total);
    }

    private static SearchStatus? CheckRange(SearchRange? range) =>
        range is { } r && (r.Count > SearchLimits.MaxRangeSize || r.First >= SearchLimits.MaxRetrievable) ? SearchStatus.EndOfRetrievableRange : null;

    private SearchResponse Refuse(EasRequestContext context, SearchStatus status, string reason)
    {
        LogRefused(context.UserId, status, reason);
        return SearchResponse.StoreFailure(status);
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Search by user {UserId} refused with store status {Status}: {Reason}")]
    private partial void LogRefused(long userId, SearchStatus status, string reason);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Debug, Message = "Search of {Store} by user {UserId}: {Total} match(es), {Returned} returned")]
    private partial void LogSearched(long userId, string store, long total, int returned);
}
