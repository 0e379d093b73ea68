namespace Pushbox.Testing.Eas;

/// <summary>A message an <see cref="SmtpSink"/> accepted: the envelope and the data as received (dot-unstuffed).</summary>
/// <param name="ReversePath">MAIL FROM, without angle brackets; empty for the null reverse-path.</param>
/// <param name="Recipients">The RCPT TO addresses the sink accepted.</param>
/// <param name="Data">The message bytes.</param>
/// <param name="ReceivedAt">When the sink replied 250 to it.</param>
public sealed record SmtpSinkMessage(string ReversePath, IReadOnlyList<string> Recipients, byte[] Data, DateTimeOffset ReceivedAt)
{
    /// <summary>The data as text (UTF-8).</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Data);
}
