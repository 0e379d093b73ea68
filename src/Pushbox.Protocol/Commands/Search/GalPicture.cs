namespace Pushbox.Protocol.Commands.Search;

/// <summary>A contact picture in a response: its status and, on success, its bytes.</summary>
public sealed record GalPicture(SearchPictureStatus Status, ReadOnlyMemory<byte>? Data = null);
