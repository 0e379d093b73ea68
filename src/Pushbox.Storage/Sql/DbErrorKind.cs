namespace Pushbox.Storage.Sql;

/// <summary>What a provider's exception means to the shared SQL layer.</summary>
internal enum DbErrorKind
{
    /// <summary>Anything else: reported as a <see cref="StorageException"/>.</summary>
    Other,

    /// <summary>A unique constraint or primary key refused a row; the repository says which business rule that is.</summary>
    UniqueViolation,

    /// <summary>A foreign key refused a row: what it refers to was deleted meanwhile.</summary>
    ForeignKeyViolation,

    /// <summary>A lock or serialization conflict with another writer; the transaction is retried.</summary>
    Conflict,
}
