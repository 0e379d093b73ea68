namespace Pushbox.Protocol.Commands.Sync;

/// <summary>The commands of a Sync collection, in either direction.</summary>
public enum SyncCommandKind
{
    /// <summary>Add: a new item.</summary>
    Add,

    /// <summary>Change: new data for an existing item.</summary>
    Change,

    /// <summary>Delete: the item is gone.</summary>
    Delete,

    /// <summary>SoftDelete (server to client only): the item left the filter window; the client drops it.</summary>
    SoftDelete,

    /// <summary>Fetch (client to server only): send this item's data.</summary>
    Fetch,
}
