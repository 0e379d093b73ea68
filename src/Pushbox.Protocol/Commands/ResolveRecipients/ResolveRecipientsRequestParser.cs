using System.Globalization;
using Pushbox.Protocol.Commands.Search;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using Tags = Pushbox.Wbxml.EasCodePages.ResolveRecipientsTags;

namespace Pushbox.Protocol.Commands.ResolveRecipients;

/// <summary>
/// Reads a ResolveRecipients request body (MS-ASCMD 2.2.1.15): 1 to <see cref="ResolveRecipientsLimits.MaxTo"/> To,
/// then optional Options with CertificateRetrieval (1 to 3), MaxCertificates, MaxAmbiguousRecipients, Availability
/// (StartTime, EndTime; 14.0+) and Picture (MaxSize, MaxPictures; 14.1+). Pure. Anything else, a repeated option, an
/// out-of-range number, an Availability whose end is not after its start: malformed.
/// </summary>
public static class ResolveRecipientsRequestParser
{
    /// <summary>Parses a request body for protocol <paramref name="version"/>.</summary>
    /// <exception cref="EasProtocolException"><see cref="EasProtocolError.MalformedBody"/> or <see cref="EasProtocolError.BodyTooLarge"/>.</exception>
    public static ResolveRecipientsRequest Parse(ReadOnlyMemory<byte> body, EasVersion version, WbxmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Guard(() => ParseCore(body, version, limits));
    }

    private static ResolveRecipientsRequest ParseCore(ReadOnlyMemory<byte> body, EasVersion version, WbxmlLimits limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.ResolveRecipients);
        var to = new List<string>();
        int? retrieval = null;
        int? maxCertificates = null;
        int? maxAmbiguous = null;
        (DateTimeOffset, DateTimeOffset)? availability = null;
        SearchPictureOptions? picture = null;
        bool options = false;
        while (NextChild(reader, 1))
        {
            switch (reader.Tag)
            {
                case Tags.To:
                    if (to.Count == ResolveRecipientsLimits.MaxTo)
                    {
                        throw Malformed($"More than {ResolveRecipientsLimits.MaxTo} To", reader.TokenOffset);
                    }

                    to.Add(ReadString(reader, ResolveRecipientsLimits.MaxToLength));
                    break;
                case Tags.Options:
                    if (options)
                    {
                        throw Malformed("Options appears more than once", reader.TokenOffset);
                    }

                    options = true;
                    while (NextChild(reader, 2))
                    {
                        switch (reader.Tag)
                        {
                            case Tags.CertificateRetrieval:
                                RequireFirst(retrieval, reader);
                                long offset = reader.TokenOffset;
                                retrieval = ReadUnsigned(reader, 3);
                                if (retrieval == 0)
                                {
                                    throw Malformed("CertificateRetrieval is not 1, 2 or 3", offset);
                                }

                                break;
                            case Tags.MaxCertificates:
                                RequireFirst(maxCertificates, reader);
                                maxCertificates = ReadUnsigned(reader, ResolveRecipientsLimits.MaxCertificates);
                                break;
                            case Tags.MaxAmbiguousRecipients:
                                RequireFirst(maxAmbiguous, reader);
                                maxAmbiguous = ReadUnsigned(reader, ResolveRecipientsLimits.MaxAmbiguousRecipients);
                                break;
                            case Tags.Availability when version >= EasVersion.V140:
                                RequireFirst(availability, reader);
                                availability = ReadAvailability(reader);
                                break;
                            case Tags.Picture when version >= EasVersion.V141:
                                RequireFirst(picture, reader);
                                picture = SearchPictureOptions.Read(reader, Tags.MaxSize, Tags.MaxPictures);
                                break;
                            default:
                                throw NotAllowed(reader, Tags.Options);
                        }
                    }

                    break;
                default:
                    throw NotAllowed(reader, Tags.ResolveRecipients);
            }
        }

        Finish(reader);
        if (to.Count == 0)
        {
            throw Malformed("The ResolveRecipients request has no To");
        }

        return new ResolveRecipientsRequest(to, (CertificateRetrieval)(retrieval ?? 1), maxCertificates, maxAmbiguous, availability, picture);
    }

    private static (DateTimeOffset, DateTimeOffset) ReadAvailability(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        DateTimeOffset? start = null;
        DateTimeOffset? end = null;
        while (NextChild(reader, 3))
        {
            switch (reader.Tag)
            {
                case Tags.StartTime:
                    RequireFirst(start, reader);
                    start = ReadDate(reader);
                    break;
                case Tags.EndTime:
                    RequireFirst(end, reader);
                    end = ReadDate(reader);
                    break;
                default:
                    throw NotAllowed(reader, Tags.Availability);
            }
        }

        return start is { } s && end is { } e && e > s ? (s, e) : throw Malformed("Availability needs a StartTime before its EndTime", offset);
    }

    private static DateTimeOffset ReadDate(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        string text = ReadString(reader, 64).Trim();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset date)
            ? date
            : throw Malformed($"{EasCodePages.Describe(reader.Tag)} is not a date", offset);
    }
}
