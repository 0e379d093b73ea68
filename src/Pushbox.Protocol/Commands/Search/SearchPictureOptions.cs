namespace Pushbox.Protocol.Commands.Search;

/// <summary>A request for contact pictures (14.1+; GAL Search and ResolveRecipients Picture).</summary>
/// <param name="MaxSize">The largest picture wanted, in bytes; null: any size.</param>
/// <param name="MaxPictures">The most pictures in the response; null: no limit.</param>
public sealed record SearchPictureOptions(int? MaxSize, int? MaxPictures);
