namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>items</c> (Dapper fills it; column aliases match the names). Timestamps stay provider values until the dialect reads them.</summary>
internal sealed class ItemRow
{
    /// <summary>The columns, aliased to the property names, of <c>items i</c>.</summary>
    public const string Columns =
        "i.id AS Id, i.user_id AS UserId, i.folder_id AS FolderId, i.item_class AS ItemClass, i.modseq AS ModSeq, " +
        "i.added_modseq AS AddedModSeq, i.size AS Size, i.blob_hash AS BlobHash, i.from_list AS FromList, i.to_list AS ToList, " +
        "i.cc_list AS CcList, i.reply_to AS ReplyTo, " +
        "i.subject AS Subject, i.date_received AS DateReceived, i.importance AS Importance, i.message_class AS MessageClass, " +
        "i.is_read AS IsRead, i.flag AS Flag, i.categories AS Categories, i.has_attachments AS HasAttachments, " +
        "i.conversation_id AS ConversationId, i.message_id AS MessageId, i.thread_topic AS ThreadTopic, " +
        "i.properties AS Properties, i.created_at AS CreatedAt";

    public long Id { get; set; }

    public long UserId { get; set; }

    public long FolderId { get; set; }

    public int ItemClass { get; set; }

    public long ModSeq { get; set; }

    public long AddedModSeq { get; set; }

    public long Size { get; set; }

    public string? BlobHash { get; set; }

    public string? FromList { get; set; }

    public string? ToList { get; set; }

    public string? CcList { get; set; }

    public string? ReplyTo { get; set; }

    public string? Subject { get; set; }

    public object? DateReceived { get; set; }

    public int Importance { get; set; }

    public string? MessageClass { get; set; }

    public bool IsRead { get; set; }

    public string? Flag { get; set; }

    public string? Categories { get; set; }

    public bool HasAttachments { get; set; }

    public byte[]? ConversationId { get; set; }

    public string? MessageId { get; set; }

    public string? ThreadTopic { get; set; }

    public string? Properties { get; set; }

    public object CreatedAt { get; set; } = 0L;

    /// <summary>Not a column: the body text of an email being added, for the search index; null when its writer did not read it.</summary>
    public string? SearchBody { get; set; }
}
