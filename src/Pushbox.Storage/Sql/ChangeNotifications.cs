using System.Globalization;
using System.Text;
using Pushbox.Mailbox.Changes;

namespace Pushbox.Storage.Sql;

/// <summary>
/// The PostgreSQL NOTIFY payload of committed changes: <c>origin|user:folder;user:h;…</c> (<c>h</c> for the
/// hierarchy), split so that no payload exceeds PostgreSQL's 8,000-byte limit.
/// </summary>
internal static class ChangeNotifications
{
    /// <summary>The channel every Pushbox process listens on.</summary>
    public const string Channel = "pushbox_changes";

    /// <summary>The longest payload written, under PostgreSQL's 8,000 bytes.</summary>
    public const int MaxPayloadLength = 7_000;

    public static IEnumerable<string> Encode(string origin, IReadOnlyCollection<MailboxChange> changes)
    {
        var payload = new StringBuilder(origin).Append('|');
        int start = payload.Length;
        foreach (MailboxChange change in changes)
        {
            if (payload.Length > MaxPayloadLength)
            {
                yield return payload.ToString();
                payload.Length = start;
            }

            if (payload.Length > start)
            {
                payload.Append(';');
            }

            payload.Append(change.UserId.ToString(CultureInfo.InvariantCulture)).Append(':')
                .Append(change.FolderId is { } folder ? folder.ToString(CultureInfo.InvariantCulture) : "h");
        }

        if (payload.Length > start)
        {
            yield return payload.ToString();
        }
    }

    /// <summary>Reads a payload; false for one that is not ours (any other NOTIFY on the channel is ignored).</summary>
    public static bool TryDecode(string payload, out string origin, out List<MailboxChange> changes)
    {
        changes = [];
        int bar = payload.IndexOf('|', StringComparison.Ordinal);
        origin = bar > 0 ? payload[..bar] : string.Empty;
        if (bar <= 0)
        {
            return false;
        }

        foreach (string entry in payload[(bar + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !long.TryParse(entry.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out long user))
            {
                return false;
            }

            string folder = entry[(colon + 1)..];
            if (folder == "h")
            {
                changes.Add(new MailboxChange(user, null));
            }
            else if (long.TryParse(folder, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
            {
                changes.Add(new MailboxChange(user, id));
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
