namespace Pushbox.Protocol.Commands.Search;

/// <summary>The status of a contact picture in a GAL result or a resolved recipient (MS-ASCMD 2.2.3.177.12, 2.2.3.177.13).</summary>
public enum SearchPictureStatus
{
    /// <summary>1: the picture is in the response.</summary>
    Success = 1,

    /// <summary>173: the contact has no picture.</summary>
    NoPicture = 173,

    /// <summary>174: the picture is larger than MaxSize.</summary>
    PictureTooLarge = 174,

    /// <summary>175: MaxPictures pictures were returned already.</summary>
    PictureLimitReached = 175,
}
