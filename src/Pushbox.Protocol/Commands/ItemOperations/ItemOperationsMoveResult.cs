namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>The result of a conversation Move (protocol 14.0 and later): its status and the conversation, as the client named it.</summary>
public sealed class ItemOperationsMoveResult : ItemOperationsResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="status">The operation's status (e.g. <see cref="ItemOperationsStatus.MoveAlwaysMissing"/>).</param>
    /// <param name="conversationId">The conversation's ID as sent (1 to 64 bytes); copied.</param>
    /// <exception cref="ArgumentException">The status is not positive, or the ID is empty or longer than 64 bytes.</exception>
    public ItemOperationsMoveResult(ItemOperationsStatus status, ReadOnlyMemory<byte> conversationId)
        : base(status)
    {
        if (conversationId.IsEmpty || conversationId.Length > ItemOperationsLimits.MaxConversationIdLength)
        {
            throw new ArgumentException($"A ConversationId has 1 to {ItemOperationsLimits.MaxConversationIdLength} bytes.", nameof(conversationId));
        }

        ConversationId = conversationId.ToArray();
    }

    /// <summary>The conversation's ID, written as opaque data.</summary>
    public ReadOnlyMemory<byte> ConversationId { get; }
}
