using System.Globalization;
using System.Text;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Protocol.Commands.ItemData;
using Pushbox.Protocol.Commands.Sync;
using Pushbox.Wbxml;

namespace Pushbox.Protocol.Tests.Sync;

/// <summary>
/// A parsed Sync request as one line per node, only what was set, so that a table row can name the line it
/// expects: <c>Collection SyncKey=1 CollectionId=5 GetChanges=True</c>. ApplicationData is printed as a tree:
/// <c>Email:Read="1"</c> for text, <c>=0x…</c> for opaque data, <c>{…}</c> for children, the name alone for an empty element.
/// </summary>
internal static class SyncRequestDump
{
    public static string Of(SyncRequest request) => string.Join('\n', Lines(request));

    public static IReadOnlyList<string> Lines(SyncRequest request)
    {
        var lines = new List<string>();
        var sync = new StringBuilder("Sync");
        Add(sync, "WindowSize", request.WindowSize);
        Add(sync, "Wait", request.Wait);
        Add(sync, "HeartbeatInterval", request.HeartbeatInterval);
        Flag(sync, "Partial", request.Partial);
        Flag(sync, "Empty", request.IsEmpty);
        lines.Add(sync.ToString());
        foreach (SyncCollectionRequest collection in request.Collections)
        {
            var line = new StringBuilder("Collection");
            Add(line, "SyncKey", collection.SyncKey);
            Add(line, "CollectionId", collection.CollectionId);
            Add(line, "Class", collection.Class);
            Add(line, "GetChanges", collection.GetChanges);
            Add(line, "DeletesAsMoves", collection.DeletesAsMoves);
            Add(line, "WindowSize", collection.WindowSize);
            Add(line, "ConversationMode", collection.ConversationMode);
            if (collection.Supported is { } supported)
            {
                line.Append(" Supported=[").AppendJoin(' ', supported.Select(Name)).Append(']');
            }

            lines.Add(line.ToString());
            foreach (SyncOptions options in collection.OptionList)
            {
                var o = new StringBuilder("Options");
                Add(o, "Class", options.Class);
                Add(o, "FilterType", options.FilterType);
                Add(o, "Conflict", options.Conflict);
                Add(o, "MaxItems", options.MaxItems);
                Add(o, "MIMESupport", options.Body.MimeSupport);
                Add(o, "MIMETruncation", options.Body.MimeTruncation);
                Add(o, "Truncation", options.Body.Truncation);
                Flag(o, "RightsManagementSupport", options.Body.RightsManagementSupport);
                lines.Add(o.ToString());
                lines.AddRange(options.Body.BodyPreferences.Select(p => Preference("BodyPreference", p)));
                lines.AddRange(options.Body.BodyPartPreferences.Select(p => Preference("BodyPartPreference", p)));
            }

            foreach (SyncClientCommand command in collection.CommandList)
            {
                var c = new StringBuilder(command.Kind.ToString());
                Add(c, "ClientId", command.ClientId);
                Add(c, "ServerId", command.ServerId);
                Add(c, "Class", command.Class);
                Add(c, "InstanceId", command.InstanceId);
                Flag(c, "Send", command.Send);
                if (command.ApplicationData.Count > 0)
                {
                    c.Append(" ApplicationData: ");
                    Tree(c, command.ApplicationData);
                }

                lines.Add(c.ToString());
            }
        }

        return lines;
    }

    public static string Tree(IReadOnlyList<ItemDataElement> elements)
    {
        var builder = new StringBuilder();
        Tree(builder, elements);
        return builder.ToString();
    }

    private static void Tree(StringBuilder builder, IReadOnlyList<ItemDataElement> elements)
    {
        for (int i = 0; i < elements.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            ItemDataElement element = elements[i];
            builder.Append(Name(element.Tag));
            if (element.Text is not null)
            {
                builder.Append("=\"").Append(element.Text).Append('"');
            }
            else if (element.Opaque is ReadOnlyMemory<byte> opaque)
            {
                builder.Append("=0x").Append(Convert.ToHexString(opaque.Span));
            }
            else if (element.Children.Count > 0)
            {
                builder.Append('{');
                Tree(builder, element.Children);
                builder.Append('}');
            }
        }
    }

    private static string Preference(string name, BodyPreference preference)
    {
        var line = new StringBuilder(name);
        Add(line, "Type", preference.Type);
        Add(line, "TruncationSize", preference.TruncationSize);
        Flag(line, "AllOrNone", preference.AllOrNone);
        Add(line, "Preview", preference.Preview);
        return line.ToString();
    }

    private static string Name(ushort tag) => $"{EasCodePages.GetPageName(EasCodePages.PageOf(tag))}:{EasCodePages.GetName(tag)}";

    private static void Add<T>(StringBuilder line, string name, T? value)
    {
        if (value is not null)
        {
            line.Append(' ').Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }

    private static void Flag(StringBuilder line, string name, bool value)
    {
        if (value)
        {
            line.Append(' ').Append(name);
        }
    }
}
