namespace Pushbox.Commands.Compose;

/// <summary>
/// Limits of SendMail, SmartReply and SmartForward (configuration section <c>ActiveSync:Send</c>). The request
/// body is bounded first by the WBXML document limit (<c>ActiveSync:Wbxml:MaxDocumentSize</c>, HTTP 413 beyond
/// it); this bounds the message actually sent, after a smart command has added the original.
/// </summary>
public sealed class SendOptions
{
    /// <summary>Default <see cref="MaxMessageSize"/>: 25 MiB, what common relays accept.</summary>
    public const long DefaultMaxMessageSize = 25L * 1024 * 1024;

    /// <summary>The largest message (MIME bytes) a device may send; a larger one is refused with status 115 (HTTP 413 before 14.0).</summary>
    public long MaxMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>The problems with these settings; empty when valid.</summary>
    public IReadOnlyList<string> Validate() =>
        MaxMessageSize is < 1024 or > int.MaxValue
            ? [$"ActiveSync:Send:MaxMessageSize must be 1024 to {int.MaxValue} bytes (was {MaxMessageSize})."]
            : [];
}
