namespace Pushbox.Commands.Sync;

/// <summary>What <see cref="CollectionSync.EstimateAsync"/> found.</summary>
public enum EstimateOutcome
{
    /// <summary>The estimate was counted.</summary>
    Counted,

    /// <summary>The device has not primed the collection with SyncKey 0.</summary>
    NotPrimed,

    /// <summary>The key is not the one the next Sync expects.</summary>
    InvalidKey,
}
