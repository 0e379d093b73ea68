using System.Xml.Linq;

namespace Pushbox.Testing.Eas;

/// <summary>One server command of a Sync collection (Add, Change, Delete, SoftDelete) or one entry of its Responses.</summary>
/// <param name="Kind">The element name: Add, Change, Delete, SoftDelete, Fetch.</param>
/// <param name="ServerId">The ServerId, when present.</param>
/// <param name="Status">The Status of a Responses entry; null for a server command.</param>
/// <param name="ClientId">The ClientId of an Add response.</param>
/// <param name="ApplicationData">The ApplicationData element, when present.</param>
public sealed record SyncItem(string Kind, string? ServerId, int? Status, string? ClientId, XElement? ApplicationData)
{
    /// <summary>An Email-namespace value of the item's data (Subject, Read, …), or null.</summary>
    public string? Email(string name) => ApplicationData?.Element(EasNamespaces.Email + name)?.Value;

    /// <summary>The airsyncbase:Body element, or null.</summary>
    public XElement? Body => ApplicationData?.Element(EasNamespaces.AirSyncBase + "Body");
}
