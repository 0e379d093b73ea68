using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Pushbox.Mailbox.Items;

namespace Pushbox.Commands.Email;

/// <summary>
/// Names one attachment of a stored email: <c>{folderId}:{itemId}:{partIndex}</c>, the item's ServerId
/// followed by the attachment's position among the message's body parts. It is the
/// <c>airsyncbase:FileReference</c> (12.0+) and the <c>email:AttName</c> (2.5) the renderer writes, and
/// what ItemOperations Fetch and GetAttachment receive back.
/// </summary>
/// <param name="FolderId">The folder the item was in when the reference was made.</param>
/// <param name="ItemId">The item.</param>
/// <param name="PartIndex">The attachment's position among the body parts (see <see cref="EmailItemRenderer.OpenAttachmentAsync"/>).</param>
public readonly record struct EmailFileReference(long FolderId, long ItemId, int PartIndex)
{
    /// <summary>The longest text <see cref="TryParse"/> considers (two 19-digit ids, a 10-digit index, two colons).</summary>
    public const int MaxLength = 50;

    /// <summary>The item's ServerId, <c>{folderId}:{itemId}</c>.</summary>
    public string ServerId => string.Create(CultureInfo.InvariantCulture, $"{FolderId}:{ItemId}");

    /// <summary>The reference to attachment <paramref name="partIndex"/> of <paramref name="item"/>.</summary>
    public static EmailFileReference For(StoredItem item, int partIndex)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentOutOfRangeException.ThrowIfNegative(partIndex);
        return new EmailFileReference(item.FolderId, item.Id, partIndex);
    }

    /// <summary>
    /// Reads a reference written by <see cref="ToString"/>: three colon-separated decimal numbers, none
    /// negative, no signs, spaces or leading plus; anything else (including an over-long value) is false.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out EmailFileReference reference)
    {
        reference = default;
        if (value is null || value.Length > MaxLength)
        {
            return false;
        }

        ReadOnlySpan<char> rest = value;
        if (!TryTake(ref rest, out long folderId) || !TryTake(ref rest, out long itemId))
        {
            return false;
        }

        if (!IsDigits(rest) || !int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out int partIndex))
        {
            return false;
        }

        reference = new EmailFileReference(folderId, itemId, partIndex);
        return true;
    }

    /// <summary>The reference as <c>{folderId}:{itemId}:{partIndex}</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FolderId}:{ItemId}:{PartIndex}");

    private static bool TryTake(ref ReadOnlySpan<char> rest, out long number)
    {
        number = 0;
        int colon = rest.IndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        ReadOnlySpan<char> digits = rest[..colon];
        rest = rest[(colon + 1)..];
        return IsDigits(digits) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    private static bool IsDigits(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExceptInRange('0', '9');
}
