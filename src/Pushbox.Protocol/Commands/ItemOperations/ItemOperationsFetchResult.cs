using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Protocol.Commands.ItemData;

namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// The result of a Fetch (MS-ASCMD 2.2.3.67.1): its status, the locator the client sent echoed back, and on
/// success the <c>Properties</c>: either a mailbox item's data (<see cref="Properties"/>, written by the item's
/// class) or an attachment's or document's bytes (<see cref="Data"/>). <see cref="For"/> echoes a request's
/// locator. Every value is checked as it is set; the writer checks the combination.
/// </summary>
public sealed class ItemOperationsFetchResult : ItemOperationsResult
{
    private readonly string? _collectionId;
    private readonly string? _serverId;
    private readonly string? _longId;
    private readonly string? _class;
    private readonly string? _linkId;
    private readonly string? _fileReference;

    /// <summary>Creates a result with <paramref name="status"/> and nothing else; set the rest with the init properties.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The status is not positive.</exception>
    public ItemOperationsFetchResult(ItemOperationsStatus status)
        : base(status)
    {
    }

    /// <summary>airsync:CollectionId of a mailbox item (1 to 64 characters); null to leave it out.</summary>
    public string? CollectionId
    {
        get => _collectionId;
        init => _collectionId = Optional(value, ItemOperationsLimits.MaxIdLength);
    }

    /// <summary>airsync:ServerId of a mailbox item (1 to 64 characters); null to leave it out.</summary>
    public string? ServerId
    {
        get => _serverId;
        init => _serverId = Optional(value, ItemOperationsLimits.MaxIdLength);
    }

    /// <summary>search:LongId of a search result (1 to 256 characters); null to leave it out.</summary>
    public string? LongId
    {
        get => _longId;
        init => _longId = Optional(value, ItemOperationsLimits.MaxLongIdLength);
    }

    /// <summary>airsync:Class of the fetched item (Email, Calendar, Contacts, Tasks; Notes and SMS from 14.0); null to leave it out.</summary>
    public string? Class
    {
        get => _class;
        init => _class = Optional(value, ItemOperationsLimits.MaxClassLength);
    }

    /// <summary>documentlibrary:LinkId of a document library item (1 to 2,048 characters); null to leave it out.</summary>
    public string? LinkId
    {
        get => _linkId;
        init => _linkId = Optional(value, ItemOperationsLimits.MaxLinkIdLength);
    }

    /// <summary>airsyncbase:FileReference of an attachment (1 to 1,024 characters); null to leave it out.</summary>
    public string? FileReference
    {
        get => _fileReference;
        init => _fileReference = Optional(value, ItemOperationsLimits.MaxFileReferenceLength);
    }

    /// <summary>
    /// Writes a mailbox item's properties (email:Subject, airsyncbase:Body …) inside <c>Properties</c>; null when
    /// there are none. Only with <see cref="ItemOperationsStatus.Success"/> or <see cref="ItemOperationsStatus.PartialSuccess"/>,
    /// and not together with <see cref="Data"/>.
    /// </summary>
    public ItemDataWriter? Properties { get; init; }

    /// <summary>
    /// An attachment's or document's bytes, size and range inside <c>Properties</c>; null when there are none.
    /// Only with <see cref="ItemOperationsStatus.Success"/> or <see cref="ItemOperationsStatus.PartialSuccess"/>,
    /// and not together with <see cref="Properties"/>.
    /// </summary>
    public ItemOperationsFetchData? Data { get; init; }

    /// <summary>
    /// A result with <paramref name="status"/> that echoes the locator of <paramref name="fetch"/> (CollectionId,
    /// ServerId, LongId, LinkId and FileReference, each when sent and non-empty), with the item's class and
    /// properties or data when given.
    /// </summary>
    public static ItemOperationsFetchResult For(ItemOperationsFetch fetch, ItemOperationsStatus status, ItemDataWriter? properties = null, ItemOperationsFetchData? data = null, string? @class = null)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        return new ItemOperationsFetchResult(status)
        {
            CollectionId = fetch.CollectionId,
            ServerId = fetch.ServerId,
            LongId = fetch.LongId,
            LinkId = fetch.LinkId,
            FileReference = string.IsNullOrEmpty(fetch.FileReference) ? null : fetch.FileReference,
            Class = @class,
            Properties = properties,
            Data = data,
        };
    }

    private static string? Optional(string? value, int maxLength) =>
        value is null ? null : FolderValues.Require(value, maxLength, nameof(value));
}
