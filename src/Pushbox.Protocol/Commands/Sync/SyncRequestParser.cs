using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Protocol.Commands.ItemData;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Commands.CommandBodyReader;
using BaseTags = Pushbox.Wbxml.EasCodePages.AirSyncBaseTags;
using Email2Tags = Pushbox.Wbxml.EasCodePages.Email2Tags;
using RightsTags = Pushbox.Wbxml.EasCodePages.RightsManagementTags;
using Tags = Pushbox.Wbxml.EasCodePages.AirSyncTags;

namespace Pushbox.Protocol.Commands.Sync;

/// <summary>
/// Reads a Sync request body (MS-ASCMD 2.2.1.21) of protocol 2.5 to 16.1: <c>Collections</c> of
/// <c>Collection</c> (SyncKey, CollectionId, Class, Supported, DeletesAsMoves, GetChanges, WindowSize,
/// ConversationMode, Options, Commands), <c>Wait</c>, <c>HeartbeatInterval</c>, <c>WindowSize</c> and
/// <c>Partial</c>. Pure: bytes in, request out. Whether the request makes sense for the device's state
/// (a SyncKey, an empty or partial request with nothing cached, Wait together with HeartbeatInterval, two
/// Options for one class) is the handler's to answer with a <see cref="SyncStatus"/>.
/// </summary>
/// <remarks>
/// <para>
/// Strict, unlike the folder parsers: the Sync structure is where a misread element loses data, so an
/// element the version does not define there (per the protocol-version tables of MS-ASCMD 2.2.3 and
/// MS-ASAIRS 2.2.2), an unknown or repeated single-valued element, a missing required element (CollectionId;
/// SyncKey outside a Partial request; ClientId, ServerId, ApplicationData, BodyPreference Type), an empty
/// Collections or Commands, a number that is not plain ASCII digits or is outside the spec's values, and
/// anything beyond <see cref="SyncLimits"/> are malformed. Element order inside a container is not checked.
/// WindowSize 0 and above 512 read as 512 (MS-ASCMD_R4768); Wait and HeartbeatInterval are kept as sent.
/// </para>
/// <para>
/// ApplicationData is kept as <see cref="ItemDataElement"/> trees, whatever the code page. An opaque value
/// sent in one piece is a slice of <c>body</c>, not a copy: keep the body alive while the request is used.
/// </para>
/// </remarks>
public static class SyncRequestParser
{
    /// <summary>Parses a Sync request body for protocol <paramref name="version"/>.</summary>
    /// <param name="body">The WBXML request body; empty gives <see cref="SyncRequest.Empty"/> (whether the version allows it is the handler's question).</param>
    /// <param name="version">The request's protocol version, which decides the elements allowed.</param>
    /// <param name="limits">The WBXML limits of the endpoint; null for <see cref="WbxmlLimits.Default"/>.</param>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MalformedBody"/> for anything malformed;
    /// <see cref="EasProtocolError.BodyTooLarge"/> when the body exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is <c>default</c>.</exception>
    public static SyncRequest Parse(ReadOnlyMemory<byte> body, EasVersion version, WbxmlLimits? limits)
    {
        if (version < EasVersion.V25)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "Not a protocol version.");
        }

        return body.IsEmpty ? SyncRequest.Empty : Guard(() => new Session(OpenRoot(body, limits, Tags.Sync), version).ReadSync());
    }

    /// <summary>The state of one parse: the reader, the version, and the counts that span collections.</summary>
    private sealed class Session(WbxmlReader reader, EasVersion version)
    {
        private int _clientCommands;
        private int _itemDataElements;

        public SyncRequest ReadSync()
        {
            List<SyncCollectionRequest>? collections = null;
            int? windowSize = null;
            int? wait = null;
            int? heartbeatInterval = null;
            bool? partial = null;
            long missingSyncKey = -1;
            while (NextChild(reader, 1))
            {
                switch (reader.Tag)
                {
                    case Tags.Collections:
                        RequireFirst(collections, reader);
                        collections = ReadCollections(ref missingSyncKey);
                        break;
                    case Tags.WindowSize:
                        Since(EasVersion.V121, Tags.Sync);
                        RequireFirst(windowSize, reader);
                        windowSize = ReadWindowSize();
                        break;
                    case Tags.Wait:
                        Since(EasVersion.V121, Tags.Sync);
                        RequireFirst(wait, reader);
                        wait = ReadSaturated();
                        break;
                    case Tags.HeartbeatInterval:
                        Since(EasVersion.V140, Tags.Sync);
                        RequireFirst(heartbeatInterval, reader);
                        heartbeatInterval = ReadSaturated();
                        break;
                    case Tags.Partial:
                        Since(EasVersion.V121, Tags.Sync);
                        RequireFirst(partial, reader);
                        ReadEmpty();
                        partial = true;
                        break;
                    default:
                        throw NotAllowed(Tags.Sync);
                }
            }

            Finish(reader);
            if (collections is null && partial is null)
            {
                // MS-ASCMD_R3643: "A Sync command request requires, at least, either a Partial element or a Collections element."
                throw Malformed("The Sync request has neither Collections nor Partial");
            }

            if (collections is null && wait is null && heartbeatInterval is null && windowSize is null)
            {
                // MS-ASCMD_R3642: "The client MUST NOT send a Partial element without any other elements in the Sync request."
                throw Malformed("The Sync request has Partial and nothing else");
            }

            if (missingSyncKey >= 0 && partial is null)
            {
                throw Malformed("Collection has no SyncKey, which only a Partial request may leave out", missingSyncKey);
            }

            return new SyncRequest(collections ?? [], windowSize, wait, heartbeatInterval, partial ?? false);
        }

        private List<SyncCollectionRequest> ReadCollections(ref long missingSyncKey)
        {
            long offset = reader.TokenOffset;
            var collections = new List<SyncCollectionRequest>();
            while (NextChild(reader, 2))
            {
                if (reader.Tag != Tags.Collection)
                {
                    throw NotAllowed(Tags.Collections);
                }

                if (collections.Count == SyncLimits.MaxCollections)
                {
                    throw Malformed($"Collections holds more than {SyncLimits.MaxCollections} Collection elements", reader.TokenOffset);
                }

                long collectionOffset = reader.TokenOffset;
                SyncCollectionRequest collection = ReadCollection();
                if (collection.SyncKey is null && missingSyncKey < 0)
                {
                    missingSyncKey = collectionOffset;
                }

                collections.Add(collection);
            }

            return collections.Count > 0 ? collections : throw Malformed("Collections holds no Collection", offset);
        }

        private SyncCollectionRequest ReadCollection()
        {
            long offset = reader.TokenOffset;
            string? syncKey = null;
            string? collectionId = null;
            string? collectionClass = null;
            bool? getChanges = null;
            bool? deletesAsMoves = null;
            int? windowSize = null;
            bool? conversationMode = null;
            List<SyncOptions>? options = null;
            List<SyncClientCommand>? commands = null;
            List<ushort>? supported = null;
            while (NextChild(reader, 3))
            {
                switch (reader.Tag)
                {
                    case Tags.SyncKey:
                        RequireFirst(syncKey, reader);
                        syncKey = ReadString(reader, SyncLimits.MaxSyncKeyLength);
                        break;
                    case Tags.CollectionId:
                        RequireFirst(collectionId, reader);
                        collectionId = ReadString(reader, SyncLimits.MaxCollectionIdLength);
                        break;
                    case Tags.Class:
                        // A child of Collection up to 12.1 only, of Options and Add from 14.0 (MS-ASCMD_R6290 to R6297).
                        Until(EasVersion.V121, Tags.Collection);
                        RequireFirst(collectionClass, reader);
                        collectionClass = ReadString(reader, SyncLimits.MaxClassLength);
                        break;
                    case Tags.Supported:
                        RequireFirst(supported, reader);
                        supported = ReadSupported();
                        break;
                    case Tags.DeletesAsMoves:
                        RequireFirst(deletesAsMoves, reader);
                        deletesAsMoves = ReadFlag();
                        break;
                    case Tags.GetChanges:
                        RequireFirst(getChanges, reader);
                        getChanges = ReadFlag();
                        break;
                    case Tags.WindowSize:
                        RequireFirst(windowSize, reader);
                        windowSize = ReadWindowSize();
                        break;
                    case Tags.ConversationMode:
                        Since(EasVersion.V140, Tags.Collection);
                        RequireFirst(conversationMode, reader);
                        conversationMode = ReadBoolean();
                        break;
                    case Tags.Options:
                        options ??= [];
                        if (options.Count == SyncLimits.MaxOptionsPerCollection)
                        {
                            throw Malformed($"Collection holds more than {SyncLimits.MaxOptionsPerCollection} Options", reader.TokenOffset);
                        }

                        options.Add(ReadOptions());
                        break;
                    case Tags.Commands:
                        RequireFirst(commands, reader);
                        commands = ReadCommands();
                        break;
                    default:
                        throw NotAllowed(Tags.Collection);
                }
            }

            return new SyncCollectionRequest(
                syncKey,
                collectionId ?? throw Malformed("Collection has no CollectionId", offset),
                collectionClass,
                getChanges,
                deletesAsMoves,
                windowSize,
                conversationMode,
                options,
                commands,
                supported);
        }

        /// <summary>Supported: empty elements of the pages whose properties can be ghosted (AirSync.xsd: calendar, contacts, contacts2 GhostingProps).</summary>
        private List<ushort> ReadSupported()
        {
            var tags = new List<ushort>();
            while (NextChild(reader, 4))
            {
                ushort tag = reader.Tag;
                byte page = EasCodePages.PageOf(tag);
                if (page is not (EasCodePages.ContactsTags.CodePage or EasCodePages.Contacts2Tags.CodePage or EasCodePages.CalendarTags.CodePage))
                {
                    throw NotAllowed(Tags.Supported);
                }

                if (tags.Contains(tag))
                {
                    throw Malformed($"{EasCodePages.Describe(tag)} appears more than once in Supported", reader.TokenOffset);
                }

                ReadEmpty();
                tags.Add(tag);
            }

            return tags;
        }

        private SyncOptions ReadOptions()
        {
            string? optionsClass = null;
            int? filterType = null;
            int? conflict = null;
            int? maxItems = null;
            int? mimeSupport = null;
            int? mimeTruncation = null;
            int? truncation = null;
            bool? rightsManagement = null;
            List<BodyPreference>? bodyPreferences = null;
            List<BodyPreference>? bodyPartPreferences = null;
            while (NextChild(reader, 4))
            {
                switch (reader.Tag)
                {
                    case Tags.Class:
                        Since(EasVersion.V140, Tags.Options);
                        RequireFirst(optionsClass, reader);
                        optionsClass = ReadString(reader, SyncLimits.MaxClassLength);
                        break;
                    case Tags.FilterType:
                        RequireFirst(filterType, reader);
                        filterType = ReadInRange(0, 8); // MS-ASCMD_R2989
                        break;
                    case Tags.Conflict:
                        RequireFirst(conflict, reader);
                        conflict = ReadInRange(0, 1); // MS-ASCMD_R2063
                        break;
                    case Tags.MaxItems:
                        Since(EasVersion.V140, Tags.Options);
                        RequireFirst(maxItems, reader);
                        maxItems = ReadInRange(1, int.MaxValue); // AirSync.xsd: minInclusive 1
                        break;
                    case Tags.MIMESupport:
                        RequireFirst(mimeSupport, reader);
                        mimeSupport = ReadInRange(0, 2); // MS-ASCMD_R3395
                        break;
                    case Tags.MIMETruncation:
                        RequireFirst(mimeTruncation, reader);
                        mimeTruncation = ReadInRange(0, 8); // MS-ASCMD_R3417
                        break;
                    case Tags.Truncation:
                        // The 2.5 body truncation; from 12.0 BodyPreference replaces it (MS-ASCMD_R7366 to R7369).
                        Until(EasVersion.V25, Tags.Options);
                        RequireFirst(truncation, reader);
                        truncation = ReadInRange(0, 9); // MS-ASCMD_R7355
                        break;
                    case BaseTags.BodyPreference:
                        Since(EasVersion.V120, Tags.Options);
                        AddPreference(bodyPreferences ??= [], ReadBodyPreference());
                        break;
                    case BaseTags.BodyPartPreference:
                        Since(EasVersion.V141, Tags.Options); // MS-ASAIRS_R1065 to R1067
                        AddPreference(bodyPartPreferences ??= [], ReadBodyPreference());
                        break;
                    case RightsTags.RightsManagementSupport:
                        Since(EasVersion.V141, Tags.Options);
                        RequireFirst(rightsManagement, reader);
                        rightsManagement = ReadBoolean();
                        break;
                    default:
                        throw NotAllowed(Tags.Options);
                }
            }

            ItemBodyOptions body = bodyPreferences is null && bodyPartPreferences is null && mimeSupport is null
                && mimeTruncation is null && truncation is null && rightsManagement is null
                ? ItemBodyOptions.None
                : new ItemBodyOptions(bodyPreferences ?? [], bodyPartPreferences ?? [], mimeSupport, mimeTruncation, truncation, rightsManagement ?? false);
            return new SyncOptions(optionsClass, filterType, conflict, maxItems, body);
        }

        /// <summary>One preference per Type: "A request MUST NOT contain more than one BodyPreference element for each allowable value of the Type element" (MS-ASAIRS_R158).</summary>
        private static void AddPreference(List<BodyPreference> preferences, (BodyPreference Preference, long Offset) read)
        {
            foreach (BodyPreference existing in preferences)
            {
                if (existing.Type == read.Preference.Type)
                {
                    throw Malformed($"Two body preferences in one Options ask for Type {(int)read.Preference.Type}", read.Offset);
                }
            }

            preferences.Add(read.Preference);
        }

        /// <summary>BodyPreference or BodyPartPreference: Type (required), TruncationSize, AllOrNone, Preview (MS-ASAIRS 2.2.2.11, 2.2.2.12).</summary>
        private (BodyPreference, long) ReadBodyPreference()
        {
            ushort parent = reader.Tag;
            long offset = reader.TokenOffset;
            int? type = null;
            long? truncationSize = null;
            bool? allOrNone = null;
            int? preview = null;
            while (NextChild(reader, 5))
            {
                switch (reader.Tag)
                {
                    case BaseTags.Type:
                        RequireFirst(type, reader);
                        type = ReadInRange((int)BodyType.PlainText, (int)BodyType.Mime);
                        break;
                    case BaseTags.TruncationSize:
                        RequireFirst(truncationSize, reader);
                        truncationSize = ReadNumber(0, SyncLimits.MaxTruncationSize);
                        break;
                    case BaseTags.AllOrNone:
                        RequireFirst(allOrNone, reader);
                        allOrNone = ReadBoolean();
                        break;
                    case BaseTags.Preview:
                        Since(EasVersion.V141, parent); // MS-ASAIRS_R1269 to R1276
                        RequireFirst(preview, reader);
                        preview = ReadInRange(0, SyncLimits.MaxPreview);
                        break;
                    default:
                        throw NotAllowed(parent);
                }
            }

            return type is int value
                ? (new BodyPreference((BodyType)value, truncationSize, allOrNone ?? false, preview), offset)
                : throw Malformed($"{EasCodePages.Describe(parent)} has no Type", offset);
        }

        private List<SyncClientCommand> ReadCommands()
        {
            long offset = reader.TokenOffset;
            var commands = new List<SyncClientCommand>();
            while (NextChild(reader, 4))
            {
                SyncCommandKind kind = reader.Tag switch
                {
                    Tags.Add => SyncCommandKind.Add,
                    Tags.Change => SyncCommandKind.Change,
                    Tags.Delete => SyncCommandKind.Delete,
                    Tags.Fetch => SyncCommandKind.Fetch,
                    _ => throw NotAllowed(Tags.Commands),
                };
                if (++_clientCommands > SyncLimits.MaxClientCommands)
                {
                    throw Malformed($"The request holds more than {SyncLimits.MaxClientCommands} Add, Change, Delete and Fetch commands", reader.TokenOffset);
                }

                commands.Add(ReadClientCommand(kind));
            }

            // MS-ASCMD 2.2.3.32: "If it is present, it MUST include at least one operation."
            return commands.Count > 0 ? commands : throw Malformed("Commands holds no Add, Change, Delete or Fetch", offset);
        }

        /// <summary>
        /// Add: ClientId, Class (14.0+), ApplicationData, email2:Send (16.0+). Change: ServerId, ApplicationData,
        /// airsyncbase:InstanceId and email2:Send (16.0+). Delete: ServerId, InstanceId (16.0+). Fetch: ServerId.
        /// </summary>
        private SyncClientCommand ReadClientCommand(SyncCommandKind kind)
        {
            ushort parent = reader.Tag;
            long offset = reader.TokenOffset;
            string? serverId = null;
            string? clientId = null;
            string? itemClass = null;
            string? instanceId = null;
            bool? send = null;
            List<ItemDataElement>? data = null;
            while (NextChild(reader, 5))
            {
                switch (reader.Tag)
                {
                    case Tags.ClientId when kind == SyncCommandKind.Add:
                        RequireFirst(clientId, reader);
                        clientId = ReadString(reader, SyncLimits.MaxClientIdLength);
                        break;
                    case Tags.ServerId when kind != SyncCommandKind.Add:
                        RequireFirst(serverId, reader);
                        serverId = ReadString(reader, SyncLimits.MaxServerIdLength);
                        break;
                    case Tags.Class when kind == SyncCommandKind.Add:
                        Since(EasVersion.V140, parent);
                        RequireFirst(itemClass, reader);
                        itemClass = ReadString(reader, SyncLimits.MaxClassLength);
                        break;
                    case Tags.ApplicationData when kind is SyncCommandKind.Add or SyncCommandKind.Change:
                        RequireFirst(data, reader);
                        data = ReadItemData();
                        break;
                    case BaseTags.InstanceId when kind is SyncCommandKind.Change or SyncCommandKind.Delete:
                        Since(EasVersion.V160, parent); // MS-ASAIRS_R1181 to R1184
                        RequireFirst(instanceId, reader);
                        instanceId = ReadString(reader, SyncLimits.MaxInstanceIdLength);
                        break;
                    case Email2Tags.Send when kind is SyncCommandKind.Add or SyncCommandKind.Change:
                        Since(EasVersion.V160, parent); // MS-ASEMAIL_R1390, R1391
                        RequireFirst(send, reader);
                        ReadEmpty();
                        send = true;
                        break;
                    default:
                        throw NotAllowed(parent);
                }
            }

            if (kind == SyncCommandKind.Add ? clientId is null : serverId is null)
            {
                throw Malformed($"{EasCodePages.Describe(parent)} has no {(kind == SyncCommandKind.Add ? "ClientId" : "ServerId")}", offset);
            }

            if (data is null && kind is SyncCommandKind.Add or SyncCommandKind.Change)
            {
                // MS-ASCMD_R773: "a required child element of the Change element and the Add element in Sync command requests".
                throw Malformed($"{EasCodePages.Describe(parent)} has no ApplicationData", offset);
            }

            return new SyncClientCommand(kind, serverId, clientId, itemClass, data ?? [], instanceId, send ?? false);
        }

        /// <summary>On ApplicationData (depth 6): its children as trees, within <see cref="SyncLimits"/>.</summary>
        private List<ItemDataElement> ReadItemData()
        {
            int itemElements = 0;
            var children = new List<ItemDataElement>();
            int depth = reader.Depth;
            while (NextChild(reader, depth))
            {
                children.Add(ReadItemDataElement(1, ref itemElements));
            }

            return children;
        }

        private ItemDataElement ReadItemDataElement(int level, ref int itemElements)
        {
            ushort tag = reader.Tag;
            long offset = reader.TokenOffset;
            int depth = reader.Depth;
            if (level > SyncLimits.MaxItemDataDepth)
            {
                throw Malformed($"ApplicationData nests deeper than {SyncLimits.MaxItemDataDepth} levels", offset);
            }

            if (++itemElements > SyncLimits.MaxItemDataElementsPerItem)
            {
                throw Malformed($"An item's ApplicationData holds more than {SyncLimits.MaxItemDataElementsPerItem} elements", offset);
            }

            if (++_itemDataElements > SyncLimits.MaxItemDataElements)
            {
                throw Malformed($"The request's ApplicationData holds more than {SyncLimits.MaxItemDataElements} elements", offset);
            }

            if (reader.IsEmptyElement)
            {
                reader.Read();
                return new ItemDataElement(tag, null, null, []);
            }

            if (!reader.Read())
            {
                throw Malformed("The body ends inside an element");
            }

            switch (reader.NodeType)
            {
                case WbxmlNodeType.EndElement:
                    return new ItemDataElement(tag, null, null, []);
                case WbxmlNodeType.StartElement:
                    var children = new List<ItemDataElement> { ReadItemDataElement(level + 1, ref itemElements) };
                    while (NextChild(reader, depth))
                    {
                        children.Add(ReadItemDataElement(level + 1, ref itemElements));
                    }

                    return new ItemDataElement(tag, null, null, children);
                default:
                    return ReadItemDataLeaf(tag, offset);
            }
        }

        /// <summary>
        /// On the first text or opaque piece of a leaf: reads the rest up to its end. Text stays text (valid
        /// UTF-8 required); any opaque piece makes the whole value opaque, a slice of the body when it came in one piece.
        /// </summary>
        private ItemDataElement ReadItemDataLeaf(ushort tag, long offset)
        {
            ReadOnlyMemory<byte> first = reader.ValueMemory;
            bool opaque = reader.NodeType == WbxmlNodeType.Opaque;
            ArrayBufferWriter<byte>? joined = null;
            while (reader.Read() && reader.NodeType != WbxmlNodeType.EndElement)
            {
                if (reader.NodeType == WbxmlNodeType.StartElement)
                {
                    throw Malformed($"{EasCodePages.Describe(reader.Tag)} follows text inside {EasCodePages.Describe(tag)}", reader.TokenOffset);
                }

                opaque |= reader.NodeType == WbxmlNodeType.Opaque;
                if (joined is null)
                {
                    joined = new ArrayBufferWriter<byte>(first.Length + reader.ValueSpan.Length);
                    joined.Write(first.Span);
                }

                joined.Write(reader.ValueSpan);
            }

            ReadOnlyMemory<byte> value = joined is null ? first : joined.WrittenMemory;
            if (opaque)
            {
                return new ItemDataElement(tag, null, value, []);
            }

            if (!Utf8.IsValid(value.Span))
            {
                throw Malformed($"{EasCodePages.Describe(tag)} is not valid UTF-8", offset);
            }

            return new ItemDataElement(tag, Encoding.UTF8.GetString(value.Span), null, []);
        }

        /// <summary>
        /// GetChanges and DeletesAsMoves: an empty element means 1 (MS-ASCMD_R3127, R2161), as 2.5 clients send
        /// it; otherwise 0 or 1.
        /// </summary>
        private bool ReadFlag()
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return true;
            }

            return ReadBoolean();
        }

        /// <summary>A boolean (MS-ASDTYPE 2.1): the one character 0 or 1.</summary>
        private bool ReadBoolean()
        {
            ushort tag = reader.Tag;
            long offset = reader.TokenOffset;
            return ReadString(reader, 1) switch
            {
                "1" => true,
                "0" => false,
                _ => throw Malformed($"{EasCodePages.Describe(tag)} is not 0 or 1", offset),
            };
        }

        /// <summary>An element that must have no content (Partial, email2:Send, the children of Supported).</summary>
        private void ReadEmpty()
        {
            ushort tag = reader.Tag;
            long offset = reader.TokenOffset;
            bool empty = reader.IsEmptyElement;
            reader.Read();
            if (!empty && reader.NodeType != WbxmlNodeType.EndElement)
            {
                throw Malformed($"{EasCodePages.Describe(tag)} must be empty", offset);
            }
        }

        /// <summary>WindowSize: 0 and values above 512 are read as 512 (MS-ASCMD_R4768).</summary>
        private int ReadWindowSize()
        {
            long value = ReadNumber(0, long.MaxValue);
            return value is 0 or > SyncLimits.MaxWindowSize ? SyncLimits.MaxWindowSize : (int)value;
        }

        /// <summary>Wait and HeartbeatInterval: kept as sent for the handler's Status 14, larger than an int reading as <see cref="int.MaxValue"/>.</summary>
        private int ReadSaturated() => (int)Math.Min(ReadNumber(0, long.MaxValue), int.MaxValue);

        private int ReadInRange(int min, int max) => (int)ReadNumber(min, max);

        /// <summary>
        /// On the start tag of a leaf: an unsigned decimal of 1 to <see cref="SyncLimits.MaxNumberDigits"/> ASCII
        /// digits (no sign, no white space, no other text) from <paramref name="min"/> to <paramref name="max"/>.
        /// </summary>
        private long ReadNumber(long min, long max)
        {
            ushort tag = reader.Tag;
            long offset = reader.TokenOffset;
            string text = ReadString(reader, SyncLimits.MaxNumberDigits);
            if (!text.All(char.IsAsciiDigit)
                || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
                || value < min || value > max)
            {
                throw Malformed(
                    max == long.MaxValue
                        ? $"{EasCodePages.Describe(tag)} is not a number of at most {SyncLimits.MaxNumberDigits} digits"
                        : $"{EasCodePages.Describe(tag)} is not a number from {min} to {max}",
                    offset);
            }

            return value;
        }

        /// <summary>Throws when the current element exists only from protocol <paramref name="first"/>.</summary>
        private void Since(EasVersion first, ushort parent)
        {
            if (version < first)
            {
                throw Malformed($"{EasCodePages.Describe(reader.Tag)} in {EasCodePages.Describe(parent)} exists from protocol {first}, not in {version}", reader.TokenOffset);
            }
        }

        /// <summary>Throws when the current element exists only up to protocol <paramref name="last"/>.</summary>
        private void Until(EasVersion last, ushort parent)
        {
            if (version > last)
            {
                throw Malformed($"{EasCodePages.Describe(reader.Tag)} in {EasCodePages.Describe(parent)} exists up to protocol {last}, not in {version}", reader.TokenOffset);
            }
        }

        private EasProtocolException NotAllowed(ushort parent) =>
            Malformed($"{EasCodePages.Describe(reader.Tag)} is not allowed in {EasCodePages.Describe(parent)}", reader.TokenOffset);
    }
}
