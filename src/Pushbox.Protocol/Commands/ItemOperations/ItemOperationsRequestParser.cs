using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using AirSyncBaseTags = Pushbox.Wbxml.EasCodePages.AirSyncBaseTags;
using AirSyncTags = Pushbox.Wbxml.EasCodePages.AirSyncTags;
using DocumentLibraryTags = Pushbox.Wbxml.EasCodePages.DocumentLibraryTags;
using RightsManagementTags = Pushbox.Wbxml.EasCodePages.RightsManagementTags;
using SearchTags = Pushbox.Wbxml.EasCodePages.SearchTags;
using Tags = Pushbox.Wbxml.EasCodePages.ItemOperationsTags;

namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// Reads an ItemOperations request body (MS-ASCMD 2.2.1.10, protocol 12.0 and later): <c>ItemOperations</c> holding
/// 1 to <see cref="ItemOperationsLimits.MaxOperations"/> operations in any mix and order: <c>Fetch</c> (Store,
/// airsync:CollectionId, airsync:ServerId, search:LongId, airsyncbase:FileReference, documentlibrary:LinkId, Options
/// with Schema, Range, UserName, Password, airsync:MIMESupport, airsyncbase:BodyPreference, and from 14.1
/// airsyncbase:BodyPartPreference and rm:RightsManagementSupport), <c>EmptyFolderContents</c> (airsync:CollectionId,
/// Options/DeleteSubFolders) and, from 14.0, <c>Move</c> (ConversationId, DstFldId, Options/MoveAlways). Pure:
/// bytes in, request out.
/// </summary>
/// <remarks>
/// Strict, like the Sync parser: an ignored option would fetch the wrong thing. Children are accepted in any
/// order. Malformed: anything the WBXML layer rejects (an undefined tag included); a wrong root; an element the
/// version does not define where it stands (per the version tables of MS-ASCMD 2.2.3, MS-ASAIRS 2.2.2 and
/// MS-ASRM 2.2.2; Preview from 14.1), or any unknown element; no operation, or more than
/// <see cref="ItemOperationsLimits.MaxOperations"/> (counted as they are read); a Fetch without Store, an
/// EmptyFolderContents without CollectionId, a Move without ConversationId or DstFldId; any repeated element other
/// than Schema, BodyPreference and BodyPartPreference (a second FileReference too, for which the spec gives Status 2,
/// MS-ASCMD_R765); an empty or over-long value (except an empty FileReference, kept as "" for the handler to answer
/// with Status 15, MS-ASAIRS_R214); content in DeleteSubFolders or MoveAlways, which are empty tags; a Range that is
/// not "m-n" with m &lt;= n and up to nine digits each; MIMESupport other than 0 to 2; RightsManagementSupport or
/// AllOrNone other than 0 or 1; a BodyPreference without Type, with a Type other than 1 to 4 or with the Type of an
/// earlier one of its kind (MS-ASAIRS_R158); TruncationSize above 4,294,967,295; Preview above 255; a Schema
/// property outside the content classes, or more than <see cref="ItemOperationsLimits.MaxSchemaProperties"/>.
/// Combinations the spec answers with a status (several locators, options that do not fit the locator, an unknown
/// Store, a Move without MoveAlways) are left to the handler, which <see cref="ItemOperationsFetch.Target"/> and
/// <see cref="ItemOperationsFetchOptions.HasOnlyRange"/> help.
/// </remarks>
public static class ItemOperationsRequestParser
{
    /// <summary>The content-class code pages whose top-level properties a Schema may name (MS-ASCMD_R2537, R2538).</summary>
    private static readonly byte[] SchemaPages =
    [
        EasCodePages.ContactsTags.CodePage, EasCodePages.EmailTags.CodePage, EasCodePages.CalendarTags.CodePage,
        EasCodePages.TasksTags.CodePage, EasCodePages.Contacts2Tags.CodePage, EasCodePages.AirSyncBaseTags.CodePage,
        EasCodePages.Email2Tags.CodePage, EasCodePages.NotesTags.CodePage,
    ];

    /// <summary>Parses an ItemOperations request body for protocol <paramref name="version"/>.</summary>
    /// <param name="body">The WBXML request body.</param>
    /// <param name="version">The request's protocol version (12.0 or later), which decides the elements allowed.</param>
    /// <param name="limits">The WBXML limits of the endpoint; null for <see cref="WbxmlLimits.Default"/>.</param>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MalformedBody"/> for anything malformed;
    /// <see cref="EasProtocolError.BodyTooLarge"/> when the body exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is older than 12.0, which has no ItemOperations (the command catalogue refuses it first).</exception>
    public static ItemOperationsRequest Parse(ReadOnlyMemory<byte> body, EasVersion version, WbxmlLimits? limits)
    {
        if (version < EasVersion.V120)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "ItemOperations exists from protocol 12.0.");
        }

        return Guard(() => ParseCore(body, version, limits));
    }

    private static ItemOperationsRequest ParseCore(ReadOnlyMemory<byte> body, EasVersion version, WbxmlLimits? limits)
    {
        WbxmlReader reader = OpenRoot(body, limits, Tags.ItemOperations);
        var operations = new List<ItemOperation>();
        while (NextChild(reader, 1))
        {
            if (reader.Tag is not (Tags.Fetch or Tags.EmptyFolderContents or Tags.Move))
            {
                throw NotAllowed(reader, Tags.ItemOperations, inThisVersion: true);
            }

            if (reader.Tag == Tags.Move)
            {
                Since(reader, version, EasVersion.V140, Tags.ItemOperations); // MS-ASCMD_R6843
            }

            if (operations.Count == ItemOperationsLimits.MaxOperations)
            {
                throw Malformed($"The ItemOperations request holds more than {ItemOperationsLimits.MaxOperations} operations", reader.TokenOffset);
            }

            operations.Add(reader.Tag switch
            {
                Tags.Fetch => ReadFetch(reader, version),
                Tags.EmptyFolderContents => ReadEmptyFolderContents(reader),
                _ => ReadMove(reader),
            });
        }

        Finish(reader);
        return operations.Count > 0 ? new ItemOperationsRequest(operations) : throw Malformed("The ItemOperations request holds no operation");
    }

    private static ItemOperationsFetch ReadFetch(WbxmlReader reader, EasVersion version)
    {
        long offset = reader.TokenOffset;
        string? store = null;
        string? collectionId = null;
        string? serverId = null;
        string? longId = null;
        string? fileReference = null;
        string? linkId = null;
        ItemOperationsFetchOptions? options = null;
        while (NextChild(reader, 2))
        {
            switch (reader.Tag)
            {
                case Tags.Store:
                    RequireFirst(store, reader);
                    store = ReadString(reader, ItemOperationsLimits.MaxStoreLength);
                    break;
                case AirSyncTags.CollectionId:
                    RequireFirst(collectionId, reader);
                    collectionId = ReadString(reader, ItemOperationsLimits.MaxIdLength);
                    break;
                case AirSyncTags.ServerId:
                    RequireFirst(serverId, reader);
                    serverId = ReadString(reader, ItemOperationsLimits.MaxIdLength);
                    break;
                case SearchTags.LongId:
                    RequireFirst(longId, reader);
                    longId = ReadString(reader, ItemOperationsLimits.MaxLongIdLength);
                    break;
                case AirSyncBaseTags.FileReference:
                    RequireFirst(fileReference, reader);
                    fileReference = ReadPossiblyEmptyString(reader, ItemOperationsLimits.MaxFileReferenceLength);
                    break;
                case DocumentLibraryTags.LinkId:
                    RequireFirst(linkId, reader);
                    linkId = ReadString(reader, ItemOperationsLimits.MaxLinkIdLength);
                    break;
                case Tags.Options:
                    RequireFirst(options, reader);
                    options = ReadFetchOptions(reader, version);
                    break;
                default:
                    throw NotAllowed(reader, Tags.Fetch, inThisVersion: true);
            }
        }

        return store is not null
            ? new ItemOperationsFetch(store, collectionId, serverId, longId, fileReference, linkId, options ?? ItemOperationsFetchOptions.None)
            : throw Malformed("Fetch has no Store", offset);
    }

    private static ItemOperationsFetchOptions ReadFetchOptions(WbxmlReader reader, EasVersion version)
    {
        var schema = new List<ushort>();
        ItemOperationsByteRange? range = null;
        string? userName = null;
        string? password = null;
        int? mimeSupport = null;
        bool? rightsManagementSupport = null;
        var bodyPreferences = new List<BodyPreference>();
        var bodyPartPreferences = new List<BodyPreference>();
        while (NextChild(reader, 3))
        {
            switch (reader.Tag)
            {
                case Tags.Schema:
                    ReadSchema(reader, schema);
                    break;
                case Tags.Range:
                    RequireFirst(range, reader);
                    range = ReadRange(reader);
                    break;
                case Tags.UserName:
                    RequireFirst(userName, reader);
                    userName = ReadString(reader, ItemOperationsLimits.MaxUserNameLength);
                    break;
                case Tags.Password:
                    RequireFirst(password, reader);
                    password = ReadString(reader, ItemOperationsLimits.MaxPasswordLength);
                    break;
                case AirSyncTags.MIMESupport:
                    RequireFirst(mimeSupport, reader);
                    mimeSupport = ReadUnsigned(reader, 2);
                    break;
                case RightsManagementTags.RightsManagementSupport:
                    Since(reader, version, EasVersion.V141, Tags.Options); // MS-ASRM_R1058 to R1061
                    RequireFirst(rightsManagementSupport, reader);
                    rightsManagementSupport = ReadUnsigned(reader, 1) == 1;
                    break;
                case AirSyncBaseTags.BodyPreference:
                    AddBodyPreference(reader, version, bodyPreferences);
                    break;
                case AirSyncBaseTags.BodyPartPreference:
                    Since(reader, version, EasVersion.V141, Tags.Options); // MS-ASAIRS_R1065 to R1068
                    AddBodyPreference(reader, version, bodyPartPreferences);
                    break;
                default:
                    throw NotAllowed(reader, Tags.Options, inThisVersion: true);
            }
        }

        var body = new ItemBodyOptions(bodyPreferences, bodyPartPreferences, mimeSupport, RightsManagementSupport: rightsManagementSupport == true);
        return new ItemOperationsFetchOptions(schema, range, userName, password, body);
    }

    /// <summary>Schema (depth 4): each child names a top-level property of a content class; its content, which the schema says is empty, is skipped.</summary>
    private static void ReadSchema(WbxmlReader reader, List<ushort> schema)
    {
        while (NextChild(reader, 4))
        {
            if (Array.IndexOf(SchemaPages, EasCodePages.PageOf(reader.Tag)) < 0)
            {
                throw NotAllowed(reader, Tags.Schema, inThisVersion: true);
            }

            if (schema.Count == ItemOperationsLimits.MaxSchemaProperties)
            {
                throw Malformed($"Schema names more than {ItemOperationsLimits.MaxSchemaProperties} properties", reader.TokenOffset);
            }

            schema.Add(reader.Tag);
            SkipElement(reader);
        }
    }

    private static ItemOperationsByteRange ReadRange(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        string text = ReadString(reader, 32);
        return ItemOperationsByteRange.TryParse(text, out ItemOperationsByteRange range)
            ? range
            : throw Malformed("Range is not \"m-n\" with m <= n and at most nine digits each", offset);
    }

    /// <summary>A BodyPreference or BodyPartPreference (depth 4), whose Type must differ from the earlier ones of its kind.</summary>
    internal static void AddBodyPreference(WbxmlReader reader, EasVersion version, List<BodyPreference> preferences)
    {
        ushort tag = reader.Tag;
        long offset = reader.TokenOffset;
        int? type = null;
        long? truncationSize = null;
        bool? allOrNone = null;
        int? preview = null;
        while (NextChild(reader, 4))
        {
            switch (reader.Tag)
            {
                case AirSyncBaseTags.Type:
                    RequireFirst(type, reader);
                    long typeOffset = reader.TokenOffset;
                    type = ReadUnsigned(reader, (int)BodyType.Mime);
                    if (type < (int)BodyType.PlainText)
                    {
                        throw Malformed("Type is not a body type from 1 to 4", typeOffset);
                    }

                    break;
                case AirSyncBaseTags.TruncationSize:
                    RequireFirst(truncationSize, reader);
                    truncationSize = ReadUnsignedLong(reader, ItemOperationsLimits.MaxTruncationSize);
                    break;
                case AirSyncBaseTags.AllOrNone:
                    RequireFirst(allOrNone, reader);
                    allOrNone = ReadUnsigned(reader, 1) == 1;
                    break;
                case AirSyncBaseTags.Preview:
                    Since(reader, version, EasVersion.V141, tag); // MS-ASAIRS_R1269 to R1276
                    RequireFirst(preview, reader);
                    preview = ReadUnsigned(reader, ItemOperationsLimits.MaxPreview);
                    break;
                default:
                    throw NotAllowed(reader, tag, inThisVersion: true);
            }
        }

        if (type is not int value)
        {
            throw Malformed($"{EasCodePages.Describe(tag)} has no Type", offset);
        }

        if (preferences.Exists(p => (int)p.Type == value))
        {
            throw Malformed($"Two {EasCodePages.Describe(tag)} elements have the same Type", offset);
        }

        preferences.Add(new BodyPreference((BodyType)value, truncationSize, allOrNone == true, preview));
    }

    private static ItemOperationsEmptyFolderContents ReadEmptyFolderContents(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        string? collectionId = null;
        bool? deleteSubFolders = null;
        while (NextChild(reader, 2))
        {
            switch (reader.Tag)
            {
                case AirSyncTags.CollectionId:
                    RequireFirst(collectionId, reader);
                    collectionId = ReadString(reader, ItemOperationsLimits.MaxIdLength);
                    break;
                case Tags.Options:
                    RequireFirst(deleteSubFolders, reader);
                    deleteSubFolders = ReadFlagOptions(reader, Tags.DeleteSubFolders);
                    break;
                default:
                    throw NotAllowed(reader, Tags.EmptyFolderContents, inThisVersion: true);
            }
        }

        return collectionId is not null
            ? new ItemOperationsEmptyFolderContents(collectionId, deleteSubFolders == true)
            : throw Malformed("EmptyFolderContents has no CollectionId", offset);
    }

    private static ItemOperationsMove ReadMove(WbxmlReader reader)
    {
        long offset = reader.TokenOffset;
        byte[]? conversationId = null;
        string? dstFldId = null;
        bool? moveAlways = null;
        while (NextChild(reader, 2))
        {
            switch (reader.Tag)
            {
                case Tags.ConversationId:
                    RequireFirst(conversationId, reader);
                    conversationId = ReadBytes(reader, ItemOperationsLimits.MaxConversationIdLength);
                    break;
                case Tags.DstFldId:
                    RequireFirst(dstFldId, reader);
                    dstFldId = ReadString(reader, ItemOperationsLimits.MaxDstFldIdLength);
                    break;
                case Tags.Options:
                    RequireFirst(moveAlways, reader);
                    moveAlways = ReadFlagOptions(reader, Tags.MoveAlways);
                    break;
                default:
                    throw NotAllowed(reader, Tags.Move, inThisVersion: true);
            }
        }

        if (conversationId is null || dstFldId is null)
        {
            throw Malformed($"Move has no {(conversationId is null ? "ConversationId" : "DstFldId")}", offset);
        }

        return new ItemOperationsMove(conversationId, dstFldId, moveAlways == true);
    }

    /// <summary>An Options (depth 3) whose one child may be the empty tag <paramref name="flagTag"/>: true when the flag is there.</summary>
    private static bool ReadFlagOptions(WbxmlReader reader, ushort flagTag)
    {
        bool seen = false;
        while (NextChild(reader, 3))
        {
            if (reader.Tag != flagTag)
            {
                throw NotAllowed(reader, Tags.Options, inThisVersion: true);
            }

            if (seen)
            {
                throw Malformed($"{EasCodePages.Describe(flagTag)} appears more than once", reader.TokenOffset);
            }

            if (!reader.IsEmptyElement)
            {
                throw Malformed($"{EasCodePages.Describe(flagTag)} is an empty tag but has content", reader.TokenOffset);
            }

            SkipElement(reader);
            seen = true;
        }

        return seen;
    }

    /// <summary>Throws <see cref="NotAllowed"/> when <paramref name="version"/> is older than <paramref name="since"/>, the first version that defines the element.</summary>
    private static void Since(WbxmlReader reader, EasVersion version, EasVersion since, ushort parent)
    {
        if (version < since)
        {
            throw NotAllowed(reader, parent, inThisVersion: true);
        }
    }

    /// <summary>As <see cref="CommandBodyReader.ReadString"/>, but an empty element (or empty text) is "" rather than malformed.</summary>
    private static string ReadPossiblyEmptyString(WbxmlReader reader, int maxLength)
    {
        ushort tag = reader.Tag;
        long offset = reader.TokenOffset;

        // A scalar value takes at most 4 UTF-8 bytes, so a longer byte run is too long whatever it holds.
        byte[] utf8 = ReadBytes(reader, checked(maxLength * 4), allowEmpty: true);
        if (!Utf8.IsValid(utf8))
        {
            throw Malformed($"{EasCodePages.Describe(tag)} is not valid UTF-8", offset);
        }

        string value = Encoding.UTF8.GetString(utf8);
        return value.EnumerateRunes().Count() <= maxLength
            ? value
            : throw Malformed($"{EasCodePages.Describe(tag)} is longer than {maxLength} characters", offset);
    }

    /// <summary>
    /// On the start tag of a leaf holding opaque data (or text, taken as its UTF-8 bytes): up to
    /// <paramref name="maxBytes"/> bytes, copied; at least one unless <paramref name="allowEmpty"/>.
    /// </summary>
    private static byte[] ReadBytes(WbxmlReader reader, int maxBytes, bool allowEmpty = false)
    {
        ushort tag = reader.Tag;
        long offset = reader.TokenOffset;
        if (reader.IsEmptyElement)
        {
            SkipElement(reader);
            return allowEmpty ? [] : throw Malformed($"{EasCodePages.Describe(tag)} is empty", offset);
        }

        byte[]? buffer = null;
        int total = 0;
        while (reader.Read() && reader.NodeType != WbxmlNodeType.EndElement)
        {
            if (reader.NodeType == WbxmlNodeType.StartElement)
            {
                throw Malformed($"{EasCodePages.Describe(reader.Tag)} appears inside {EasCodePages.Describe(tag)}, which holds only data", reader.TokenOffset);
            }

            ReadOnlySpan<byte> value = reader.ValueSpan;
            if (value.Length > maxBytes - total)
            {
                throw Malformed($"{EasCodePages.Describe(tag)} is longer than {maxBytes} bytes", offset);
            }

            buffer ??= new byte[maxBytes];
            value.CopyTo(buffer.AsSpan(total));
            total += value.Length;
        }

        return total > 0 ? buffer![..total]
            : allowEmpty ? []
            : throw Malformed($"{EasCodePages.Describe(tag)} is empty", offset);
    }

    /// <summary>As <see cref="CommandBodyReader.ReadUnsigned"/>, for values beyond <see cref="int.MaxValue"/>.</summary>
    private static long ReadUnsignedLong(WbxmlReader reader, long max)
    {
        ushort tag = reader.Tag;
        long offset = reader.TokenOffset;
        string text = ReadString(reader, 24).Trim(' ', '\t', '\r', '\n');
        if (text.Length == 0 || !text.All(char.IsAsciiDigit)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value > max)
        {
            throw Malformed($"{EasCodePages.Describe(tag)} is not a number from 0 to {max}", offset);
        }

        return value;
    }
}
