namespace Pushbox.Smtp.Sessions;

/// <summary>What <see cref="SessionConnection.TryReadLine"/> found in the input buffer.</summary>
internal enum LineStatus
{
    /// <summary>No complete line yet: fill the buffer.</summary>
    NeedMore,

    /// <summary>A line, without its terminator.</summary>
    Line,

    /// <summary>A line longer than allowed ended; its bytes were discarded as they arrived.</summary>
    TooLong,
}
