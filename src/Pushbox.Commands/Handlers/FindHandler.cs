using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Pushbox.Commands.Email;
using Pushbox.Commands.Gal;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Search;
using Pushbox.Mailbox.Users;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.Find;
using Pushbox.Protocol.Commands.Search;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// Find (MS-ASCMD 2.2.1.2, protocol 16.1) of the mailbox, with a KQL FreeText (<see cref="KqlParser"/>) over the
/// full-text index (<see cref="IMailboxSearch"/>), and of the global address list (<see cref="IGlobalAddressList"/>,
/// answered as Search answers it).
/// </summary>
/// <remarks>
/// <para>Statuses:</para>
/// <list type="bullet">
/// <item>Find 2: a malformed body (<see cref="FindRequestParser"/>).</item>
/// <item>Find 3, FolderSync required: a CollectionId that names no folder of the user's.</item>
/// <item>Response 2, invalid request: an airsync:Class other than Email (R901100613); a CollectionId that is not
/// a folder id; a FreeText KQL cannot answer (<see cref="KqlParser.TryParse"/>: a bad date or flag, too many
/// words, too deep); DeepTraversal in a GAL search (R6399100710); an empty GAL Query, or one of more than
/// <see cref="SearchText.MaxQueryWords"/> words.</item>
/// <item>Response 4, StartWithRangeZero: a Range not starting at 0 for a SearchId this device has not started
/// with a Range from 0 (R3707101814, R72172517). The device's last <see cref="RememberedSearches"/> SearchIds are
/// kept with its sync state (<see cref="SearchStateName"/>), so paging works on any node.</item>
/// </list>
/// <para>
/// A Range may reach 999 (R37071812); a response holds at most <see cref="FindLimits.MaxResults"/> results and its
/// Range says which (R37071816); Total counts every match. Without a Range the first
/// <see cref="FindLimits.MaxResults"/> are returned. Every search is computed afresh: pages of one SearchId are
/// the same rows unless the mailbox changed between them.
/// </para>
/// <para>
/// A mailbox Query without FreeText (or with one that names no word) finds every email in scope. Mailbox results
/// are emails, newest first, with the Properties of MS-ASCMD 2.2.3.139.1: DisplayBcc is never
/// written (the store keeps no Bcc), IsDraft is true in the Drafts folder, and the Preview is the first
/// <see cref="FindLimits.PreviewLength"/> characters of the body as plain text (R6978101702). The Accept-Language
/// header (R10031992) changes nothing: words are normalised the same way in every language.
/// </para>
/// </remarks>
internal sealed partial class FindHandler(
    IMailboxSearch search,
    IGlobalAddressList gal,
    IMailboxStore store,
    IDeviceStore devices,
    EmailItemRenderer renderer,
    TimeProvider time,
    WbxmlLimits limits,
    ILogger<FindHandler> logger) : IEasCommandHandler
{
    /// <summary>The name under which a device's recent SearchIds are kept in its sync state.</summary>
    public const string SearchStateName = "find";

    /// <summary>How many SearchIds of one device are remembered for paging.</summary>
    public const int RememberedSearches = 16;

    private const string MailboxStore = "Mailbox";
    private const string GalStore = "GAL";
    private const string EmailClass = "Email";

    public EasCommand Command => EasCommand.Find;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Respond(FindResponse.Failure((FindStatus)status));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        FindRequest request;
        try
        {
            request = FindRequestParser.Parse(body, limits);
        }
        catch (EasProtocolException e) when (e.Reason == EasProtocolError.MalformedBody)
        {
            LogRefused(context.UserId, FindStatus.InvalidRequest, e.Message);
            return Respond(FindResponse.Failure(FindStatus.InvalidRequest));
        }

        string storeName = request.Gal is null ? MailboxStore : GalStore;
        SearchRange? range = request.Mailbox?.Range ?? request.Gal?.Range;
        FindResponse response;
        if (!await CheckSearchIdAsync(context, request.SearchId, range, cancellationToken).ConfigureAwait(false))
        {
            response = Refuse(context, FindResponse.ResponseFailure(storeName, FindStatus.StartWithRangeZero), "a range not from 0 for a new SearchId");
        }
        else if (request.Mailbox is { } mailbox)
        {
            response = await FindInMailboxAsync(context, mailbox, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            response = await FindInGalAsync(context, request.Gal!, cancellationToken).ConfigureAwait(false);
        }

        return Respond(response);
    }

    private static EasCommandResult Respond(FindResponse response) =>
        EasCommandResult.Ok(writer => FindResponseWriter.Write(writer, response));

    /// <summary>The page of <paramref name="range"/> this response holds: at most <see cref="FindLimits.MaxResults"/> from its start.</summary>
    private static SearchRange Page(SearchRange? range)
    {
        SearchRange wanted = range ?? new SearchRange(0, FindLimits.MaxResults - 1);
        return wanted.Count > FindLimits.MaxResults ? new SearchRange(wanted.First, wanted.First + FindLimits.MaxResults - 1) : wanted;
    }

    private static SearchRange? Returned(SearchRange page, int count) => count == 0 ? null : new SearchRange(page.First, page.First + count - 1);

    private async Task<FindResponse> FindInMailboxAsync(EasRequestContext context, FindMailboxCriterion criterion, CancellationToken cancellationToken)
    {
        if (criterion.Class is { } @class && !@class.Equals(EmailClass, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(context, FindResponse.ResponseFailure(MailboxStore, FindStatus.InvalidRequest), "a class other than Email");
        }

        DateOnly today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!KqlParser.TryParse(criterion.FreeText, today, out SearchCondition? condition, out string? error))
        {
            return Refuse(context, FindResponse.ResponseFailure(MailboxStore, FindStatus.InvalidRequest), $"FreeText: {error}");
        }

        IReadOnlyList<Folder> folders = await store.GetFoldersAsync(context.UserId, cancellationToken).ConfigureAwait(false);
        IReadOnlyCollection<long>? scope = null;
        if (criterion.CollectionId is { } collectionId)
        {
            if (!long.TryParse(collectionId, NumberStyles.None, CultureInfo.InvariantCulture, out long folderId))
            {
                return Refuse(context, FindResponse.ResponseFailure(MailboxStore, FindStatus.InvalidRequest), "a CollectionId that is no folder id");
            }

            if (!folders.Any(f => f.Id == folderId))
            {
                return Refuse(context, FindResponse.Failure(FindStatus.FolderSyncRequired), "a CollectionId that names no folder");
            }

            var folderIds = new HashSet<long> { folderId };
            if (criterion.DeepTraversal)
            {
                FolderTree.AddSubfolders(folders, folderIds);
            }

            scope = folderIds;
        }

        SearchRange page = Page(criterion.Range);
        var query = new MailboxQuery([], scope, Condition: condition);
        MailboxSearchResult found = await search.SearchAsync(context.UserId, query, page.First, page.Count, cancellationToken).ConfigureAwait(false);
        var drafts = folders.Where(f => f.Type == FolderType.Drafts).Select(f => f.Id).ToHashSet();
        var results = new List<FindResult>(found.Items.Count);
        foreach (StoredItem item in found.Items)
        {
            EmailSummary email = item.Email!;
            string preview = await renderer.PreviewAsync(item, FindLimits.PreviewLength, cancellationToken).ConfigureAwait(false);
            var properties = new FindEmailProperties(
                email.Subject,
                email.DateReceived,
                EmailItemRenderer.DisplayNames(email.To),
                EmailItemRenderer.DisplayNames(email.Cc),
                null,
                (int)email.Importance,
                email.Read,
                drafts.Contains(item.FolderId),
                preview,
                email.HasAttachments,
                email.From);
            results.Add(FindResult.ForEmail(item.ServerId, item.FolderId.ToString(CultureInfo.InvariantCulture), properties));
        }

        LogFound(context.UserId, MailboxStore, found.Total, results.Count);
        return new FindResponse(FindStatus.Success, FindStatus.Success, MailboxStore, results, Returned(page, results.Count), found.Total);
    }

    private async Task<FindResponse> FindInGalAsync(EasRequestContext context, FindGalCriterion criterion, CancellationToken cancellationToken)
    {
        if (criterion.DeepTraversal)
        {
            return Refuse(context, FindResponse.ResponseFailure(GalStore, FindStatus.InvalidRequest), "DeepTraversal in a GAL search");
        }

        int words = SearchText.Words(criterion.Query).Count;
        if (words == 0 || words > SearchText.MaxQueryWords)
        {
            return Refuse(context, FindResponse.ResponseFailure(GalStore, FindStatus.InvalidRequest), "a GAL query of no words or too many");
        }

        SearchRange page = Page(criterion.Range);
        GalSearchResult found = await gal.SearchAsync(criterion.Query, page.First, page.Count, cancellationToken).ConfigureAwait(false);
        var results = new List<FindResult>(found.Entries.Count);
        int pictureCount = 0;
        foreach (GalEntry entry in found.Entries)
        {
            GalPicture? picture = null;
            if (criterion.Picture is { } pictures)
            {
                (picture, pictureCount) = await GalAnswers.PictureAsync(gal, entry, pictures, pictureCount, cancellationToken).ConfigureAwait(false);
            }

            results.Add(FindResult.ForGal(GalAnswers.ToGalProperties(entry, picture)));
        }

        LogFound(context.UserId, GalStore, found.Total, results.Count);
        return new FindResponse(FindStatus.Success, FindStatus.Success, GalStore, results, Returned(page, results.Count), found.Total);
    }

    /// <summary>
    /// A search starting at 0 is remembered for the device; one starting later must page a remembered SearchId.
    /// Two requests of one device racing to remember do not fail the search: the loser's id may be forgotten.
    /// </summary>
    private async Task<bool> CheckSearchIdAsync(EasRequestContext context, string searchId, SearchRange? range, CancellationToken cancellationToken)
    {
        long deviceId = context.Device.Id;
        SyncStateRecord? state = await devices.GetSyncStateAsync(deviceId, SearchStateName, cancellationToken).ConfigureAwait(false);
        List<string> known = state is { FormatVersion: 1 }
            ? [.. Encoding.UTF8.GetString(state.Data).Split('\n', StringSplitOptions.RemoveEmptyEntries)]
            : [];
        int index = known.FindIndex(id => id.Equals(searchId, StringComparison.OrdinalIgnoreCase));
        if (range is { First: > 0 })
        {
            return index >= 0;
        }

        if (index == known.Count - 1 && index >= 0)
        {
            return true;
        }

        if (index >= 0)
        {
            known.RemoveAt(index);
        }

        known.Add(searchId);
        if (known.Count > RememberedSearches)
        {
            known.RemoveRange(0, known.Count - RememberedSearches);
        }

        byte[] data = Encoding.UTF8.GetBytes(string.Join('\n', known));
        _ = await devices.TrySaveSyncStateAsync(deviceId, SearchStateName, state?.Version ?? 0, 1, data, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private FindResponse Refuse(EasRequestContext context, FindResponse response, string reason)
    {
        LogRefused(context.UserId, response.ResponseStatus ?? response.Status, reason);
        return response;
    }

    [LoggerMessage(EventId = 2631, Level = LogLevel.Information, Message = "Find by user {UserId} refused with status {Status}: {Reason}")]
    private partial void LogRefused(long userId, FindStatus status, string reason);

    [LoggerMessage(EventId = 2632, Level = LogLevel.Debug, Message = "Find in {Store} by user {UserId}: {Total} match(es), {Returned} returned")]
    private partial void LogFound(long userId, string store, long total, int returned);
}
