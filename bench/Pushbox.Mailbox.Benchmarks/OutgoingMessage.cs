using MimeKit;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>A message to send: the MIME, its Message-ID (without brackets) and its size as written with CRLF line ends.</summary>
internal sealed record OutgoingMessage(MimeMessage Message, string MessageId, int Bytes);
