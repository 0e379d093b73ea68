using Pushbox.Mailbox;
using Pushbox.Mailbox.Users;
using Pushbox.Protocol.Commands.Search;

namespace Pushbox.Commands.Gal;

/// <summary>How a directory entry is answered wherever a device asks for it: GAL Search, Find and ResolveRecipients.</summary>
internal static class GalAnswers
{
    /// <summary>A GAL entry as gal: properties.</summary>
    public static GalProperties ToGalProperties(GalEntry entry, GalPicture? picture)
    {
        UserProfile p = entry.Profile;
        string displayName = entry.DisplayName.Length > 0 ? entry.DisplayName : entry.Address;
        return new GalProperties(displayName, entry.Address, p.Phone, p.Office, p.Title, p.Company, p.Alias, p.FirstName, p.LastName, p.HomePhone, p.MobilePhone, picture);
    }

    /// <summary>
    /// The picture answer for one entry, given how many pictures the response holds already (MS-ASCMD_R3295 to R3297):
    /// none stored: 173; larger than MaxSize: 174; MaxPictures reached: 175; otherwise the bytes.
    /// </summary>
    public static async Task<(GalPicture Picture, int Count)> PictureAsync(IGlobalAddressList gal, GalEntry entry, SearchPictureOptions options, int count, CancellationToken cancellationToken)
    {
        if (entry.PictureSize is not { } size)
        {
            return (new GalPicture(SearchPictureStatus.NoPicture), count);
        }

        if (options.MaxSize is { } maxSize && size > maxSize)
        {
            return (new GalPicture(SearchPictureStatus.PictureTooLarge), count);
        }

        if (options.MaxPictures is { } maxPictures && count >= maxPictures)
        {
            return (new GalPicture(SearchPictureStatus.PictureLimitReached), count);
        }

        UserPicture? stored = await gal.GetPictureAsync(entry.UserId, cancellationToken).ConfigureAwait(false);
        return stored is null
            ? (new GalPicture(SearchPictureStatus.NoPicture), count)
            : (new GalPicture(SearchPictureStatus.Success, stored.Data), count + 1);
    }
}
