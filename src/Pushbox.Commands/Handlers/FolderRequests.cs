using System.Diagnostics.CodeAnalysis;
using Pushbox.Commands.Hierarchy;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>What the folder commands share: parsing with the spec's Status 10 for a malformed body, and mapping hierarchy entries.</summary>
internal static class FolderRequests
{
    /// <summary>
    /// Parses the body; false for a malformed one, which the folder commands answer with their Status 10
    /// (MS-ASCMD: incorrectly formatted request) rather than HTTP 400. A body over the size limit still throws.
    /// </summary>
    public static bool TryParse<T>(ReadOnlyMemory<byte> body, WbxmlLimits limits, Func<ReadOnlyMemory<byte>, WbxmlLimits, T> parse, [NotNullWhen(true)] out T? request)
        where T : class
    {
        try
        {
            request = parse(body, limits);
            return true;
        }
        catch (EasProtocolException e) when (e.Reason == EasProtocolError.MalformedBody)
        {
            request = null;
            return false;
        }
    }

    public static HierarchyFolder ToProtocol(HierarchyEntry entry) =>
        new(entry.ServerId, entry.ParentId, entry.DisplayName, (FolderType)(int)entry.Type);
}
