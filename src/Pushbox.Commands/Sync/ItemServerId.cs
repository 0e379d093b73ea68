using System.Globalization;

namespace Pushbox.Commands.Sync;

/// <summary>The ServerId of an item, <c>folder:item</c> (see <c>StoredItem.ServerId</c>).</summary>
internal static class ItemServerId
{
    /// <summary>Reads a ServerId; false when it is not two positive decimal numbers around a colon.</summary>
    public static bool TryParse(string? text, out long folderId, out long itemId)
    {
        folderId = itemId = 0;
        int colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0
            && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out folderId) && folderId > 0
            && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out itemId) && itemId > 0;
    }

    /// <summary>Formats a ServerId.</summary>
    public static string Format(long folderId, long itemId) => string.Create(CultureInfo.InvariantCulture, $"{folderId}:{itemId}");
}
