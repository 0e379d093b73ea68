namespace Pushbox.Smtp.Sessions;

/// <summary>What became of a message body in the blob store.</summary>
internal enum StoreOutcome
{
    /// <summary>Stored whole; delivery may follow.</summary>
    Stored,

    /// <summary>Longer than the limit; read to its end and dropped (552 5.3.4).</summary>
    TooLarge,

    /// <summary>The store failed; read to its end and dropped (451 4.3.0).</summary>
    Failed,
}
