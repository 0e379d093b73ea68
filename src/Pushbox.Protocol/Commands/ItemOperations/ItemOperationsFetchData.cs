using Pushbox.Protocol.Commands.FolderHierarchy;

namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// The <c>Properties</c> of a fetched attachment or document library item (MS-ASCMD 2.2.3.139.2): its size, the
/// range sent, and the bytes themselves, either inline as base64 <c>Data</c> or, in a multipart response (the
/// client sent <c>MS-ASAcceptMultiPart: T</c> or the AcceptMultiPart query option), as a <c>Part</c> index of
/// the multipart body (MS-ASCMD 2.2.1.10.1). Build one with <see cref="Inline"/> or <see cref="InPart"/>, and add
/// the optional parts with <c>with</c>: <c>ItemOperationsFetchData.Inline(total, data) with { ContentType = "image/png" }</c>.
/// </summary>
public sealed record ItemOperationsFetchData
{
    private readonly string? _contentType;
    private readonly ItemOperationsByteRange? _range;

    private ItemOperationsFetchData(long total, ItemOperationsDataWriter? data, int? part)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        Total = total;
        Data = data;
        Part = part;
    }

    /// <summary>Total: the item's whole size in bytes on the server (MS-ASCMD_R4631).</summary>
    public long Total { get; }

    /// <summary>Writes the Data element's base64 text; null when the bytes travel as a <see cref="Part"/>.</summary>
    public ItemOperationsDataWriter? Data { get; }

    /// <summary>The index of the bytes' part in the multipart response (1 or more; part 0 is the WBXML); null for inline data.</summary>
    public int? Part { get; }

    /// <summary>
    /// airsyncbase:ContentType: the MIME type of an attachment's bytes (12.1+, MS-ASAIRS 2.2.2.18.2), up to
    /// <see cref="ItemOperationsLimits.MaxContentTypeLength"/> characters; null to leave it out.
    /// </summary>
    /// <exception cref="ArgumentException">The value is empty, too long, or holds a control character.</exception>
    public string? ContentType
    {
        get => _contentType;
        init => _contentType = value is null ? null : RequireContentType(value);
    }

    /// <summary>
    /// Range: the bytes Data (or the part) holds, authoritative for the client (MS-ASCMD_R3715); null when it is
    /// the whole item. It must lie within <see cref="Total"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range ends at or beyond <see cref="Total"/>.</exception>
    public ItemOperationsByteRange? Range
    {
        get => _range;
        init => _range = value is { } range && range.Last >= Total
            ? throw new ArgumentOutOfRangeException(nameof(value), range, "The range ends beyond the item.")
            : value;
    }

    /// <summary>Version: when a document library item was last modified (MS-ASCMD_R5272); null to leave it out, always for attachments.</summary>
    public DateTimeOffset? Version { get; init; }

    /// <summary>Bytes sent inline, as base64 text in Data.</summary>
    /// <param name="total">The item's whole size in bytes.</param>
    /// <param name="data">Writes the base64 text; <see cref="ItemOperationsData"/> makes one.</param>
    public static ItemOperationsFetchData Inline(long total, ItemOperationsDataWriter data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ItemOperationsFetchData(total, data, null);
    }

    /// <summary>Bytes sent as part <paramref name="part"/> of a multipart response; the WBXML carries Part instead of Data.</summary>
    /// <param name="total">The item's whole size in bytes.</param>
    /// <param name="part">The part's index, 1 or more (part 0 is the WBXML document itself).</param>
    public static ItemOperationsFetchData InPart(long total, int part)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(part);
        return new ItemOperationsFetchData(total, null, part);
    }

    private static string RequireContentType(string value)
    {
        FolderValues.Require(value, ItemOperationsLimits.MaxContentTypeLength, nameof(value));
        if (value.Any(char.IsControl))
        {
            throw new ArgumentException("A content type holds no control characters.", nameof(value));
        }

        return value;
    }
}
