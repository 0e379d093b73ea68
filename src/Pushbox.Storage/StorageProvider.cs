namespace Pushbox.Storage;

/// <summary>The database that holds users, mailboxes, devices and sync state.</summary>
public enum StorageProvider
{
    /// <summary>The embedded default: one file, <c>pushbox.db</c>, in the data folder. One machine; the server and the admin CLI may share it.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL database named by a connection string; several Pushbox nodes may share it.</summary>
    Postgres = 1,
}
