namespace Pushbox.Protocol.Commands.ComposeMail;

/// <summary>
/// The message a SmartReply or SmartForward answers (MS-ASCMD 2.2.3.168, <c>Source</c>; for 12.x the
/// <c>CollectionId</c>, <c>ItemId</c>, <c>LongId</c> and <c>Occurrence</c> query parameters): a folder and
/// item, or a Search result's LongId; InstanceId names one occurrence of a recurring meeting.
/// </summary>
/// <param name="FolderId">The folder's CollectionId; null when not given.</param>
/// <param name="ItemId">The item's ServerId; null when not given.</param>
/// <param name="LongId">A Search result reference; null when not given.</param>
/// <param name="InstanceId">The occurrence, as sent; null when not given.</param>
public sealed record ComposeMailSource(string? FolderId, string? ItemId, string? LongId, string? InstanceId);
