using Microsoft.Extensions.Logging;
using Pushbox.Commands.Gal;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Users;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.ResolveRecipients;
using Pushbox.Protocol.Commands.Search;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// ResolveRecipients (MS-ASCMD 2.2.1.15, protocol 12.0 and later): each To is resolved against the local users. An
/// address that is a user's primary address or alias resolves to that user; anything else is searched in the GAL as
/// a name (every word a prefix of a word of the name, alias or addresses). One match: resolved (1); several:
/// ambiguous (2), or ambiguous with a partial list (3) when there are more than MaxAmbiguousRecipients (default
/// <see cref="DefaultMaxAmbiguous"/>), with RecipientCount the total; none: unresolved (4).
/// </summary>
/// <remarks>
/// <para>
/// Certificates (CertificateRetrieval 2) are given for resolved recipients only (ambiguous answers have none,
/// MS-ASCMD_R4279): the recipient's stored S/MIME certificates that have not expired (status 1), none (7), or, once
/// MaxCertificates certificates are in the response, none more (8). CertificateRetrieval 3 (mini certificates) is
/// answered with the full certificates: MS-ASCMD 2.2.3.112 calls MiniCertificate only "the mini-certificate BLOB" and
/// no MS-AS* or MS-OX* document defines its layout, so a made-up form would be one no client can read, whereas the
/// full certificate (valid in the same Certificates element per ResolveRecipientsResponse.xsd) is always usable.
/// </para>
/// <para>
/// Availability: Pushbox has no calendars yet, so free/busy cannot be retrieved for anyone: every recipient's
/// Availability has status 163 (free/busy could not be retrieved; the client should not retry, R4298, R4299), never an
/// invented MergedFreeBusy. Picture (14.1+) as in GAL Search: 173, 174, 175 or the bytes.
/// </para>
/// <para>A malformed body or more than 100 To: status 5 (R4269, R4270).</para>
/// </remarks>
internal sealed partial class ResolveRecipientsHandler(IDirectory directory, IGlobalAddressList gal, TimeProvider time, WbxmlLimits limits, ILogger<ResolveRecipientsHandler> logger) : IEasCommandHandler
{
    /// <summary>The suggestions given for an ambiguous To when the client does not say (MaxAmbiguousRecipients).</summary>
    public const int DefaultMaxAmbiguous = 19;

    public EasCommand Command => EasCommand.ResolveRecipients;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Respond(context, ResolveRecipientsResponse.Failure((ResolveRecipientsStatus)status));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ResolveRecipientsRequest request;
        try
        {
            request = ResolveRecipientsRequestParser.Parse(body, context.Version, limits);
        }
        catch (EasProtocolException e) when (e.Reason == EasProtocolError.MalformedBody)
        {
            LogRefused(context.UserId, e.Message);
            return Respond(context, ResolveRecipientsResponse.Failure(ResolveRecipientsStatus.ProtocolError));
        }

        var state = new Budget(request.MaxCertificates);
        var responses = new List<RecipientResponse>(request.To.Count);
        foreach (string to in request.To)
        {
            responses.Add(await ResolveAsync(context, request, to, state, cancellationToken).ConfigureAwait(false));
        }

        return Respond(context, new ResolveRecipientsResponse(ResolveRecipientsStatus.Success, responses));
    }

    private static EasCommandResult Respond(EasRequestContext context, ResolveRecipientsResponse response) =>
        EasCommandResult.Ok(writer => ResolveRecipientsResponseWriter.Write(writer, response, context.Version));

    private async Task<RecipientResponse> ResolveAsync(EasRequestContext context, ResolveRecipientsRequest request, string to, Budget budget, CancellationToken cancellationToken)
    {
        string trimmed = to.Trim();
        if (EmailAddress.TryNormalize(trimmed, out string address)
            && await directory.FindUserAsync(address, cancellationToken).ConfigureAwait(false) is { Enabled: true } user
            && await gal.GetEntryAsync(user.Id, cancellationToken).ConfigureAwait(false) is { } exact)
        {
            return new RecipientResponse(to, ResolveRecipientsStatus.Success, 1, [await RecipientAsync(request, exact, certificates: true, budget, cancellationToken).ConfigureAwait(false)]);
        }

        int max = request.MaxAmbiguousRecipients ?? DefaultMaxAmbiguous;
        GalSearchResult found = await gal.SearchAsync(trimmed, 0, Math.Max(max, 1), cancellationToken).ConfigureAwait(false);
        if (found.Total == 0)
        {
            return new RecipientResponse(to, ResolveRecipientsStatus.Unresolved, 0, []);
        }

        if (found.Total == 1)
        {
            return new RecipientResponse(to, ResolveRecipientsStatus.Success, 1, [await RecipientAsync(request, found.Entries[0], certificates: true, budget, cancellationToken).ConfigureAwait(false)]);
        }

        var suggestions = new List<ResolvedRecipient>();
        foreach (GalEntry entry in found.Entries.Take(max))
        {
            suggestions.Add(await RecipientAsync(request, entry, certificates: false, budget, cancellationToken).ConfigureAwait(false));
        }

        LogAmbiguous(context.UserId, found.Total);
        ResolveRecipientsStatus status = found.Total > max ? ResolveRecipientsStatus.AmbiguousPartial : ResolveRecipientsStatus.Ambiguous;
        return new RecipientResponse(to, status, (int)Math.Min(found.Total, int.MaxValue), suggestions);
    }

    private async Task<ResolvedRecipient> RecipientAsync(ResolveRecipientsRequest request, GalEntry entry, bool certificates, Budget budget, CancellationToken cancellationToken)
    {
        RecipientCertificates? answer = null;
        if (certificates && request.CertificateRetrieval != CertificateRetrieval.None)
        {
            DateTimeOffset now = time.GetUtcNow();
            List<byte[]> valid = [.. (await gal.GetCertificatesAsync(entry.UserId, cancellationToken).ConfigureAwait(false)).Where(c => c.NotAfter > now).Select(c => c.Data)];
            if (valid.Count == 0)
            {
                answer = new RecipientCertificates(ResolveRecipientsStatus.NoValidCertificate, 0, []);
            }
            else if (budget.Certificates is { } left && left < valid.Count)
            {
                answer = new RecipientCertificates(ResolveRecipientsStatus.CertificateLimitReached, valid.Count, []);
            }
            else
            {
                budget.Certificates -= valid.Count;
                answer = new RecipientCertificates(ResolveRecipientsStatus.Success, valid.Count, valid);
            }
        }

        GalPicture? picture = null;
        if (request.Picture is { } pictureOptions)
        {
            (picture, budget.PicturesReturned) = await GalAnswers.PictureAsync(gal, entry, pictureOptions, budget.PicturesReturned, cancellationToken).ConfigureAwait(false);
        }

        string displayName = entry.DisplayName.Length > 0 ? entry.DisplayName : entry.Address;
        ResolveRecipientsStatus? availability = request.Availability is null ? null : ResolveRecipientsStatus.AvailabilityNotRetrievable;
        return new ResolvedRecipient(displayName, entry.Address, availability, answer, picture);
    }

    [LoggerMessage(EventId = 2611, Level = LogLevel.Information, Message = "ResolveRecipients by user {UserId} refused with status 5: {Reason}")]
    private partial void LogRefused(long userId, string reason);

    [LoggerMessage(EventId = 2612, Level = LogLevel.Debug, Message = "ResolveRecipients by user {UserId}: a To matched {Count} users")]
    private partial void LogAmbiguous(long userId, long count);

    /// <summary>What is left of the response-wide limits as recipients are answered.</summary>
    private sealed class Budget(int? certificates)
    {
        public int? Certificates { get; set; } = certificates;

        public int PicturesReturned { get; set; }
    }
}
