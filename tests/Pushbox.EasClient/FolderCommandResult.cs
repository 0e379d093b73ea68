using System.Xml.Linq;

namespace Pushbox.Testing.Eas;

/// <summary>A FolderCreate, FolderUpdate or FolderDelete response taken apart.</summary>
public sealed class FolderCommandResult
{
    private FolderCommandResult(EasResponse response, int status, string? syncKey, string? serverId)
    {
        Response = response;
        Status = status;
        SyncKey = syncKey;
        ServerId = serverId;
    }

    /// <summary>The whole response.</summary>
    public EasResponse Response { get; }

    /// <summary>The command's Status (1 success; see MS-ASCMD for the rest).</summary>
    public int Status { get; }

    /// <summary>The new hierarchy sync key; null on failure.</summary>
    public string? SyncKey { get; }

    /// <summary>The new folder's ServerId (FolderCreate only).</summary>
    public string? ServerId { get; }

    /// <summary>Reads a response whose root is <paramref name="command"/> (FolderCreate, FolderUpdate, FolderDelete).</summary>
    /// <exception cref="EasClientException">Not HTTP 200 with that document holding a Status.</exception>
    public static FolderCommandResult From(EasResponse response, string command)
    {
        ArgumentNullException.ThrowIfNull(response);
        XNamespace ns = EasNamespaces.FolderHierarchy;
        XElement root = Documents.Root(response, ns + command);
        return new FolderCommandResult(response, Documents.Status(response, root, ns), root.Element(ns + "SyncKey")?.Value, root.Element(ns + "ServerId")?.Value);
    }
}
