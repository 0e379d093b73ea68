namespace Pushbox.Protocol.Commands.Find;

/// <summary>The bounds a Find request is read and answered within.</summary>
public static class FindLimits
{
    /// <summary>The longest SearchId (a GUID is 36 characters; braces and such are allowed up to this).</summary>
    public const int MaxSearchIdLength = 64;

    /// <summary>The longest FreeText (KQL) or GAL Query, in characters.</summary>
    public const int MaxQueryLength = 1024;

    /// <summary>The longest CollectionId or Class.</summary>
    public const int MaxValueLength = 256;

    /// <summary>The highest index a Range may name (MS-ASCMD_R37071812: 0 &lt;= m &lt;= n &lt;= 999).</summary>
    public const int MaxRangeIndex = 999;

    /// <summary>The most results one response holds: a longer Range is answered with fewer (R37071816) and the Range says how many.</summary>
    public const int MaxResults = 100;

    /// <summary>The length of a Preview in characters (MS-ASCMD_R6978101702: up to 255).</summary>
    public const int PreviewLength = 255;
}
