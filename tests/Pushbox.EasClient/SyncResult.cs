using System.Globalization;
using System.Xml.Linq;

namespace Pushbox.Testing.Eas;

/// <summary>A Sync response taken apart.</summary>
/// <param name="Response">The whole response.</param>
/// <param name="Status">The top-level Status, when present.</param>
/// <param name="Collections">The collections in order.</param>
public sealed record SyncResult(EasResponse Response, int? Status, IReadOnlyList<SyncCollectionResult> Collections)
{
    /// <summary>The only collection (most tests sync one).</summary>
    public SyncCollectionResult Collection => Collections.Count == 1
        ? Collections[0]
        : throw new EasClientException($"Expected one collection, got {Collections.Count}", Response);

    /// <summary>Reads a Sync response.</summary>
    /// <exception cref="EasClientException">Not HTTP 200 with a Sync document.</exception>
    public static SyncResult From(EasResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        XNamespace ns = EasNamespaces.AirSync;
        XElement root = Documents.Root(response, ns + "Sync");
        var collections = root.Element(ns + "Collections")?.Elements(ns + "Collection").Select(c => new SyncCollectionResult(
            c.Element(ns + "SyncKey")?.Value,
            c.Element(ns + "CollectionId")?.Value,
            Number(c.Element(ns + "Status")) ?? throw new EasClientException("A Collection has no Status", response),
            c.Element(ns + "MoreAvailable") is not null,
            [.. (c.Element(ns + "Commands")?.Elements() ?? []).Select(Item)],
            [.. (c.Element(ns + "Responses")?.Elements() ?? []).Select(Item)])).ToList() ?? [];
        return new SyncResult(response, Number(root.Element(ns + "Status")), collections);
    }

    private static SyncItem Item(XElement element)
    {
        XNamespace ns = EasNamespaces.AirSync;
        return new SyncItem(
            element.Name.LocalName,
            element.Element(ns + "ServerId")?.Value,
            Number(element.Element(ns + "Status")),
            element.Element(ns + "ClientId")?.Value,
            element.Element(ns + "ApplicationData"));
    }

    private static int? Number(XElement? element) =>
        element is not null && int.TryParse(element.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;
}
