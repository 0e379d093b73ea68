using Pushbox.Wbxml;
using Tags = Pushbox.Wbxml.EasCodePages.AirSyncTags;

namespace Pushbox.Sync.Benchmarks;

/// <summary>What the tool needs of one Sync response, read straight from the WBXML (no XML on the client's clock).</summary>
internal sealed record SyncWindow(int Status, string? SyncKey, int Adds, bool MoreAvailable)
{
    public static SyncWindow Read(byte[] wbxml)
    {
        var reader = new WbxmlReader(wbxml);
        int status = 0, adds = 0;
        string? key = null;
        bool more = false;
        while (reader.Read())
        {
            if (reader.NodeType != WbxmlNodeType.StartElement)
            {
                continue;
            }

            switch (reader.Tag)
            {
                case Tags.SyncKey:
                    key = reader.ReadElementText();
                    break;
                case Tags.Status when status == 0:
                    status = int.Parse(reader.ReadElementText(), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case Tags.Add:
                    adds++;
                    break;
                case Tags.MoreAvailable:
                    more = true;
                    break;
                case Tags.ApplicationData:
                    reader.Skip();
                    break;
            }
        }

        return new SyncWindow(status, key, adds, more);
    }
}
