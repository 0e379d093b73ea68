namespace Pushbox.Commands.ItemOperations;

/// <summary>One binary part of a multipart ItemOperations answer (MS-ASCMD 2.2.1.10.1), read only when it is sent.</summary>
/// <param name="Length">The part's exact length in bytes, stated in the part table before any part is sent.</param>
/// <param name="WriteAsync">Writes the part and returns the bytes written, which must be <paramref name="Length"/>.</param>
internal sealed record MultipartPart(long Length, Func<Stream, CancellationToken, Task<long>> WriteAsync);
