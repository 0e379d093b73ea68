namespace Pushbox.Push.Benchmarks;

/// <summary>How one Ping ended.</summary>
/// <param name="Answered">When the answer (or the failure) arrived, a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</param>
/// <param name="HttpStatus">The HTTP status; 0 when the request failed.</param>
/// <param name="Status">The Ping Status of the body, when there was one.</param>
/// <param name="Failure">Why the request failed, when it did.</param>
internal sealed record PingOutcome(long Answered, int HttpStatus, int? Status, string? Failure);
