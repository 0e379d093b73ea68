using Pushbox.Wbxml;

namespace Pushbox.Protocol.Commands;

/// <summary>
/// A response document being written straight to the client: the <see cref="Writer"/> and a way to send
/// what it has written so far, so that a response of many or large items never sits whole in memory.
/// </summary>
/// <param name="writer">The document's writer.</param>
/// <param name="flush">Sends the bytes written so far; completes when the transport can take more.</param>
public sealed class WbxmlResponseOutput(WbxmlWriter writer, Func<CancellationToken, ValueTask> flush)
{
    /// <summary>For a document built in memory (tests, the protocol log): flushing does nothing.</summary>
    public WbxmlResponseOutput(WbxmlWriter writer)
        : this(writer, static _ => ValueTask.CompletedTask)
    {
    }

    /// <summary>The document's writer.</summary>
    public WbxmlWriter Writer { get; } = writer ?? throw new ArgumentNullException(nameof(writer));

    /// <summary>Sends what has been written so far.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken) => flush(cancellationToken);
}
