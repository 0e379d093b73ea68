namespace Pushbox.Protocol.Commands.ComposeMail;

/// <summary>
/// A SendMail, SmartReply or SmartForward request in either form: the 14.0+ WBXML body
/// (<see cref="ComposeMailRequestParser.Parse"/>) or the 12.x and earlier raw MIME body with its query
/// parameters (<see cref="ComposeMailRequestParser.FromQuery"/>).
/// </summary>
/// <param name="Command">SendMail, SmartReply or SmartForward.</param>
/// <param name="ClientId">The client's identifier of this message (14.0+); null in the 12.x form.</param>
/// <param name="AccountId">The account to send from (14.1+); null when not given.</param>
/// <param name="SaveInSentItems">Whether to keep a copy in Sent Items.</param>
/// <param name="ReplaceMime">Whether the MIME is the whole message, the original not to be appended (smart commands).</param>
/// <param name="Source">The original message of a smart command; null for SendMail.</param>
/// <param name="Mime">The MIME message as the client sent it: a slice of the request body, not a copy.</param>
public sealed record ComposeMailRequest(
    EasCommand Command,
    string? ClientId,
    string? AccountId,
    bool SaveInSentItems,
    bool ReplaceMime,
    ComposeMailSource? Source,
    ReadOnlyMemory<byte> Mime);
