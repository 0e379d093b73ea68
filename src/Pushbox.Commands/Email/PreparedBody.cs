namespace Pushbox.Commands.Email;

/// <summary>The body decided for one item: what to announce (length, truncation, preview) and how much data to send.</summary>
/// <param name="Request">The body type and the client's limits for it.</param>
/// <param name="Measured">Its length and retained start; disposed with this.</param>
/// <param name="Preview">The plain-text preview to send, or null.</param>
internal sealed record PreparedBody(BodyRequest Request, MeasuredBody Measured, string? Preview) : IDisposable
{
    /// <summary>
    /// The full length in bytes of the body of this type (EstimatedDataSize, BodySize, MIMESize): exact
    /// when the body was read whole, else an estimate above the limit (see <see cref="MeasuredBody"/>).
    /// </summary>
    public long Length => Measured.Length;

    /// <summary>More body exists than is sent (MS-ASAIRS Truncated), including an AllOrNone body that did not fit; always exact.</summary>
    public bool Truncated => Request.Limit is { } limit && Length > limit;

    /// <summary>Bytes of data to send at most: none for an AllOrNone body that does not fit, else up to the limit.</summary>
    public long SendLength => Request.AllOrNone && Truncated ? 0 : Math.Min(Length, Request.Limit ?? long.MaxValue);

    /// <summary>Whether the data element is written: when there is data to send, or the whole (empty) body is sent.</summary>
    public bool HasData => SendLength > 0 || !Truncated;

    public void Dispose() => Measured.Dispose();
}
