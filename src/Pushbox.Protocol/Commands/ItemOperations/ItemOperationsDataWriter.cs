namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// Writes the content of an inline <c>itemoperations:Data</c> element as the response is sent: the base64
/// encoding of the fetched bytes (MS-ASCMD_R2130), as text. It may flush <paramref name="output"/> as it goes so
/// that a large attachment never sits whole in memory; writing the text as one inline string in chunks
/// (<c>WbxmlWriter.WriteInlineStringStart</c>, <c>WriteInlineStringChunk</c>, <c>WriteInlineStringEnd</c>) keeps
/// it a single string for clients that read only one. It must not start or end elements.
/// <see cref="ItemOperationsData"/> makes one from bytes or a stream.
/// </summary>
public delegate ValueTask ItemOperationsDataWriter(WbxmlResponseOutput output, CancellationToken cancellationToken);
