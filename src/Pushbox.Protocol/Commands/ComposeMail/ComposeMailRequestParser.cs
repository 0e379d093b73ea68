using Pushbox.Protocol.Query;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using Tags = Pushbox.Wbxml.EasCodePages.ComposeMailTags;

namespace Pushbox.Protocol.Commands.ComposeMail;

/// <summary>
/// Reads SendMail, SmartReply and SmartForward requests (MS-ASCMD 2.2.1.17, 2.2.1.19, 2.2.1.20) in both forms.
/// Pure: bytes and query in, request out; the MIME stays a slice of the body.
/// </summary>
/// <remarks>
/// The 14.0+ body: the command's root holding <c>ClientId</c>, <c>AccountId</c>, <c>SaveInSentItems</c>,
/// <c>ReplaceMime</c> (smart commands), <c>Source</c> (smart commands, required there, refused in SendMail),
/// <c>Mime</c> (required; opaque or inline text, possibly in pieces) and <c>Forwardees</c> (16.0 meeting
/// forwards, skipped), each at most once, in any order. Malformed (HTTP 400): anything the WBXML layer
/// rejects, a wrong root, an unknown or repeated child, a missing Mime or Source, a value over
/// <see cref="ComposeMailLimits"/>. Whether the MIME parses, and whether the IDs name anything, is the
/// handler's to answer with a status.
/// </remarks>
public static class ComposeMailRequestParser
{
    /// <summary>Parses the WBXML body of a 14.0+ request of <paramref name="command"/>.</summary>
    /// <exception cref="EasProtocolException"><see cref="EasProtocolError.MalformedBody"/> or <see cref="EasProtocolError.BodyTooLarge"/>.</exception>
    public static ComposeMailRequest Parse(EasCommand command, ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ushort root = ComposeMailResponseWriter.RootTag(command);
        return Guard(() => ParseCore(command, root, body, limits));
    }

    /// <summary>
    /// The 12.x and earlier form: the body is the MIME message itself; <c>SaveInSent</c> (default F),
    /// <c>CollectionId</c>, <c>ItemId</c>, <c>LongId</c> and <c>Occurrence</c> come from the query (plain or base64).
    /// A smart command needs <c>ItemId</c> or <c>LongId</c>; a missing one is left for the handler to answer.
    /// </summary>
    /// <exception cref="EasProtocolException"><see cref="EasProtocolError.InvalidParameterValue"/> for an over-long ID.</exception>
    public static ComposeMailRequest FromQuery(EasCommand command, EasQuery query, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(query);
        _ = ComposeMailResponseWriter.RootTag(command);
        ComposeMailSource? source = null;
        if (command != EasCommand.SendMail)
        {
            source = new ComposeMailSource(
                Bounded(query.CollectionId, ComposeMailLimits.MaxIdLength, "CollectionId"),
                Bounded(query.ItemId, ComposeMailLimits.MaxIdLength, "ItemId"),
                Bounded(query.LongId, ComposeMailLimits.MaxLongIdLength, "LongId"),
                Bounded(query.Occurrence, ComposeMailLimits.MaxShortValueLength, "Occurrence"));
        }

        // 12.x smart commands always append the original (there is no ReplaceMime before 14.0).
        return new ComposeMailRequest(command, null, null, query.SaveInSent ?? false, false, source, body);
    }

    private static string? Bounded(string? value, int max, string name) =>
        string.IsNullOrEmpty(value) ? null
        : value.Length <= max ? value
        : throw new EasProtocolException(EasProtocolError.InvalidParameterValue, $"The {name} parameter is longer than {max} characters.");

    private static ComposeMailRequest ParseCore(EasCommand command, ushort root, ReadOnlyMemory<byte> body, WbxmlLimits limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, root);
        bool smart = command != EasCommand.SendMail;
        string? clientId = null;
        string? accountId = null;
        bool? saveInSent = null;
        bool? replaceMime = null;
        ComposeMailSource? source = null;
        ReadOnlyMemory<byte>? mime = null;
        bool forwardees = false;
        while (NextChild(reader, 1))
        {
            switch (reader.Tag)
            {
                case Tags.ClientId:
                    RequireFirst(clientId, reader);
                    clientId = ReadString(reader, ComposeMailLimits.MaxClientIdLength);
                    break;
                case Tags.AccountId:
                    RequireFirst(accountId, reader);
                    accountId = ReadString(reader, ComposeMailLimits.MaxShortValueLength);
                    break;
                case Tags.SaveInSentItems:
                    RequireFirst(saveInSent, reader);
                    saveInSent = ReadFlag(reader);
                    break;
                case Tags.ReplaceMime when smart:
                    RequireFirst(replaceMime, reader);
                    replaceMime = ReadFlag(reader);
                    break;
                case Tags.Source when smart:
                    RequireFirst(source, reader);
                    source = ReadSource(reader);
                    break;
                case Tags.Mime:
                    RequireFirst(mime, reader);
                    mime = ReadBytes(reader);
                    break;
                case Tags.Forwardees when command == EasCommand.SmartForward && !forwardees:
                    forwardees = true;
                    SkipElement(reader);
                    break;
                default:
                    throw Malformed($"{EasCodePages.Describe(reader.Tag)} is not allowed in {EasCodePages.Describe(root)}", reader.TokenOffset);
            }
        }

        Finish(reader);
        if (mime is null)
        {
            throw Malformed($"The {EasCodePages.GetName(root)} request has no Mime");
        }

        if (smart && source is null)
        {
            throw Malformed($"The {EasCodePages.GetName(root)} request has no Source");
        }

        return new ComposeMailRequest(command, clientId, accountId, saveInSent ?? false, replaceMime ?? false, source, mime.Value);
    }

    /// <summary>An empty-tag flag (airsyncbase:EmptyTag): present means true; some clients write it with text, which is ignored.</summary>
    private static bool ReadFlag(WbxmlReader reader)
    {
        reader.Skip();
        return true;
    }

    private static ComposeMailSource ReadSource(WbxmlReader reader)
    {
        string? folderId = null;
        string? itemId = null;
        string? longId = null;
        string? instanceId = null;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return new ComposeMailSource(null, null, null, null);
        }

        while (NextChild(reader, 2))
        {
            switch (reader.Tag)
            {
                case Tags.FolderId:
                    RequireFirst(folderId, reader);
                    folderId = ReadString(reader, ComposeMailLimits.MaxIdLength);
                    break;
                case Tags.ItemId:
                    RequireFirst(itemId, reader);
                    itemId = ReadString(reader, ComposeMailLimits.MaxIdLength);
                    break;
                case Tags.LongId:
                    RequireFirst(longId, reader);
                    longId = ReadString(reader, ComposeMailLimits.MaxLongIdLength);
                    break;
                case Tags.InstanceId:
                    RequireFirst(instanceId, reader);
                    instanceId = ReadString(reader, ComposeMailLimits.MaxShortValueLength);
                    break;
                default:
                    throw Malformed($"{EasCodePages.Describe(reader.Tag)} is not allowed in Source", reader.TokenOffset);
            }
        }

        return new ComposeMailSource(folderId, itemId, longId, instanceId);
    }

    /// <summary>
    /// The bytes of a leaf (opaque, or inline text as some clients send the MIME): one piece is returned as a
    /// slice of the body; several are joined (their total is bounded by the document size, already checked).
    /// Leaves the reader on the end tag.
    /// </summary>
    private static ReadOnlyMemory<byte> ReadBytes(WbxmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return ReadOnlyMemory<byte>.Empty;
        }

        ushort tag = reader.Tag;
        ReadOnlyMemory<byte> first = default;
        List<ReadOnlyMemory<byte>>? pieces = null;
        while (reader.Read() && reader.NodeType != WbxmlNodeType.EndElement)
        {
            if (reader.NodeType is not (WbxmlNodeType.Text or WbxmlNodeType.Opaque))
            {
                throw Malformed($"{EasCodePages.Describe(reader.Tag)} appears inside {EasCodePages.Describe(tag)}, which holds only data", reader.TokenOffset);
            }

            if (pieces is null && first.IsEmpty)
            {
                first = reader.ValueMemory;
            }
            else
            {
                pieces ??= [first];
                pieces.Add(reader.ValueMemory);
            }
        }

        if (pieces is null)
        {
            return first;
        }

        byte[] joined = new byte[pieces.Sum(p => p.Length)];
        int at = 0;
        foreach (ReadOnlyMemory<byte> piece in pieces)
        {
            piece.Span.CopyTo(joined.AsSpan(at));
            at += piece.Length;
        }

        return joined;
    }
}
