namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>user_aliases</c>.</summary>
internal sealed class AliasRow
{
    public long UserId { get; init; }

    public string Address { get; init; } = string.Empty;
}
