using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;

namespace Pushbox.Protocol.Commands.Search;

/// <summary>A request for contact pictures (14.1+; GAL Search, Find and ResolveRecipients Picture).</summary>
/// <param name="MaxSize">The largest picture wanted, in bytes; null: any size.</param>
/// <param name="MaxPictures">The most pictures in the response; null: no limit.</param>
public sealed record SearchPictureOptions(int? MaxSize, int? MaxPictures)
{
    /// <summary>
    /// On a Picture start tag: reads its optional MaxSize and MaxPictures, each at most once, and leaves the reader on
    /// its end tag. The tags are the command's own code page's (Search, Find and ResolveRecipients each have them).
    /// </summary>
    internal static SearchPictureOptions Read(WbxmlReader reader, ushort maxSizeTag, ushort maxPicturesTag)
    {
        ushort picture = reader.Tag;
        int depth = reader.Depth;
        int? maxSize = null;
        int? maxPictures = null;
        if (reader.IsEmptyElement)
        {
            return new SearchPictureOptions(null, null);
        }

        while (NextChild(reader, depth))
        {
            if (reader.Tag == maxSizeTag)
            {
                RequireFirst(maxSize, reader);
                maxSize = ReadUnsigned(reader, int.MaxValue);
            }
            else if (reader.Tag == maxPicturesTag)
            {
                RequireFirst(maxPictures, reader);
                maxPictures = ReadUnsigned(reader, int.MaxValue);
            }
            else
            {
                throw NotAllowed(reader, picture);
            }
        }

        return new SearchPictureOptions(maxSize, maxPictures);
    }
}
