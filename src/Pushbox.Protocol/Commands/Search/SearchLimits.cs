namespace Pushbox.Protocol.Commands.Search;

/// <summary>The bounds a Search request is read within.</summary>
public static class SearchLimits
{
    /// <summary>The longest store name, GAL query text or FreeText, in characters.</summary>
    public const int MaxQueryLength = 1024;

    /// <summary>The longest CollectionId, Class or date value.</summary>
    public const int MaxValueLength = 256;

    /// <summary>The most CollectionId and Class elements one query may hold, each.</summary>
    public const int MaxScopes = 64;

    /// <summary>The longest UserName or Password (document library credentials, which Pushbox never uses).</summary>
    public const int MaxCredentialLength = 256;

    /// <summary>A ConversationId's length in bytes at most.</summary>
    public const int MaxConversationIdLength = 64;

    /// <summary>The most results one response holds (MS-ASCMD: the default range is 0-99): a longer Range is cut.</summary>
    public const int MaxRangeSize = 100;

    /// <summary>The highest result index a Range may reach (0-based); further results are not retrievable (status 12).</summary>
    public const int MaxRetrievable = 10_000;
}
