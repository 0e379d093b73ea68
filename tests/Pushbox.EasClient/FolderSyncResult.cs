using System.Globalization;
using System.Xml.Linq;

namespace Pushbox.Testing.Eas;

/// <summary>A FolderSync response taken apart.</summary>
public sealed class FolderSyncResult
{
    private FolderSyncResult(EasResponse response, int status, string? syncKey, int? count, IReadOnlyList<HierarchyFolder> adds, IReadOnlyList<HierarchyFolder> updates, IReadOnlyList<string> deletes)
    {
        Response = response;
        Status = status;
        SyncKey = syncKey;
        Count = count;
        Adds = adds;
        Updates = updates;
        Deletes = deletes;
    }

    /// <summary>The whole response.</summary>
    public EasResponse Response { get; }

    /// <summary>The FolderSync Status (1 success, 9 bad sync key, 10 malformed request…).</summary>
    public int Status { get; }

    /// <summary>The new sync key; null on failure.</summary>
    public string? SyncKey { get; }

    /// <summary>Changes/Count; null without Changes.</summary>
    public int? Count { get; }

    /// <summary>Changes/Add, in order.</summary>
    public IReadOnlyList<HierarchyFolder> Adds { get; }

    /// <summary>Changes/Update, in order.</summary>
    public IReadOnlyList<HierarchyFolder> Updates { get; }

    /// <summary>Changes/Delete ServerIds, in order.</summary>
    public IReadOnlyList<string> Deletes { get; }

    /// <summary>Reads a FolderSync response.</summary>
    /// <exception cref="EasClientException">Not HTTP 200 with a FolderSync document holding a Status.</exception>
    public static FolderSyncResult From(EasResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        XNamespace ns = EasNamespaces.FolderHierarchy;
        XElement root = Documents.Root(response, ns + "FolderSync");
        XElement? changes = root.Element(ns + "Changes");
        return new FolderSyncResult(
            response,
            Documents.Status(response, root, ns),
            root.Element(ns + "SyncKey")?.Value,
            changes?.Element(ns + "Count") is { } count ? int.Parse(count.Value, CultureInfo.InvariantCulture) : null,
            [.. (changes?.Elements(ns + "Add") ?? []).Select(e => Folder(e, ns))],
            [.. (changes?.Elements(ns + "Update") ?? []).Select(e => Folder(e, ns))],
            [.. (changes?.Elements(ns + "Delete") ?? []).Select(e => e.Element(ns + "ServerId")?.Value ?? string.Empty)]);
    }

    internal static HierarchyFolder Folder(XElement element, XNamespace ns) => new(
        element.Element(ns + "ServerId")?.Value ?? string.Empty,
        element.Element(ns + "ParentId")?.Value ?? string.Empty,
        element.Element(ns + "DisplayName")?.Value ?? string.Empty,
        element.Element(ns + "Type") is { } type ? int.Parse(type.Value, CultureInfo.InvariantCulture) : 0);
}
