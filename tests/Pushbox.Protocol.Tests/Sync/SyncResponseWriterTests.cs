using System.Buffers;
using System.Text;
using System.Xml.Linq;
using Pushbox.Protocol.Commands;
using Pushbox.Protocol.Commands.ItemData;
using Pushbox.Protocol.Commands.Sync;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;
using BaseTags = Pushbox.Wbxml.EasCodePages.AirSyncBaseTags;
using EmailTags = Pushbox.Wbxml.EasCodePages.EmailTags;
using XsdValidator = Pushbox.Testing.Eas.XsdValidator;

namespace Pushbox.Protocol.Tests.Sync;

public class SyncResponseWriterTests
{
    private static readonly string[] Schemas = Pushbox.Testing.Eas.EasSchemas.Sync;

    public static TheoryData<string> Versions() => AllVersions();

    /// <summary>What a test output saw: the bytes and where each flush happened.</summary>
    private sealed class Recorder
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();

        public Recorder() => Output = new WbxmlResponseOutput(new WbxmlWriter(_buffer), _ =>
        {
            Flushes.Add(_buffer.WrittenCount);
            return ValueTask.CompletedTask;
        });

        public WbxmlResponseOutput Output { get; }

        public List<int> Flushes { get; } = [];

        public byte[] Bytes => _buffer.WrittenSpan.ToArray();
    }

    private static async Task<byte[]> WriteAsync(SyncResponse response, EasVersion version)
    {
        var recorder = new Recorder();
        await SyncResponseWriter.WriteAsync(response, recorder.Output, version, CancellationToken.None);
        Assert.Equal(0, recorder.Output.Writer.Depth);
        return recorder.Bytes;
    }

    /// <summary>
    /// Validates against SyncResponse.xsd. That schema is the 12.0+ one and has no Class in Collection, which
    /// the spec keeps up to 12.1 (MS-ASCMD_R6290); a collection Class is checked by the byte tests instead.
    /// </summary>
    private static void AssertValid(byte[] wbxml)
    {
        (IReadOnlyList<string> errors, XDocument document) = Validate(wbxml);
        Assert.True(errors.Count == 0, $"{string.Join('\n', errors)}\n{document}");
    }

    private static (IReadOnlyList<string> Errors, XDocument Document) Validate(byte[] wbxml)
    {
        XDocument document = XDocument.Parse(WbxmlXml.ToXml(wbxml));
        foreach (XElement element in document.Descendants().ToList())
        {
            string ns = element.Name.NamespaceName;
            element.Name = XName.Get(element.Name.LocalName, ns.EndsWith(':') ? ns[..^1] : ns);
            element.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        }

        document.Descendants(XName.Get("Collection", "AirSync")).Elements(XName.Get("Class", "AirSync")).Remove();
        return (XsdValidator.Validate(document, Schemas), document);
    }

    /// <summary>A test item: an email with a plain-text body, written as a handler would.</summary>
    private static ItemDataWriter Mail(string subject, string body = "Hello") => (output, _) =>
    {
        WbxmlWriter w = output.Writer;
        w.WriteElementString(EmailTags.To, "\"Anna Müller\" <anna@contoso.example>");
        w.WriteElementString(EmailTags.Subject, subject);
        w.WriteElementString(EmailTags.DateReceived, "2026-11-30T10:00:02.000Z");
        w.WriteElementInt(EmailTags.Read, 0);
        w.WriteStartElement(BaseTags.Body);
        w.WriteElementInt(BaseTags.Type, 1);
        w.WriteElementInt(BaseTags.EstimatedDataSize, Encoding.UTF8.GetByteCount(body));
        w.WriteElementString(BaseTags.Data, body);
        w.WriteEndElement();
        w.WriteElementString(EmailTags.MessageClass, "IPM.Note");
        return ValueTask.CompletedTask;
    };

    /// <summary>A change of the read flag only.</summary>
    private static ItemDataWriter Read(bool read) => (output, _) =>
    {
        output.Writer.WriteElementInt(EmailTags.Read, read ? 1 : 0);
        return ValueTask.CompletedTask;
    };

    /// <summary>A body in two parts with a flush between them, as a writer copying a large body does.</summary>
    private static ItemDataWriter LargeBody(string first, string second) => async (output, cancellationToken) =>
    {
        WbxmlWriter w = output.Writer;
        w.WriteStartElement(BaseTags.Body);
        w.WriteElementInt(BaseTags.Type, 1);
        w.WriteStartElement(BaseTags.Data);
        w.WriteString(first);
        await output.FlushAsync(cancellationToken);
        w.WriteString(second);
        w.WriteEndElement();
        w.WriteEndElement();
    };

    /// <summary>The FileReference of a draft's new attachment, as a 16.0 Add or Change response carries it.</summary>
    private static ItemDataWriter Attachment(string clientId, string fileReference) => (output, _) =>
    {
        WbxmlWriter w = output.Writer;
        w.WriteStartElement(BaseTags.Attachments);
        w.WriteStartElement(BaseTags.Attachment);
        w.WriteElementString(BaseTags.ClientId, clientId);
        w.WriteElementString(BaseTags.FileReference, fileReference);
        w.WriteEndElement();
        w.WriteEndElement();
        return ValueTask.CompletedTask;
    };

    private static SyncCollectionResponse Mailbox(EasVersion version) => new(
        "1834759204",
        "5",
        SyncStatus.Success,
        Class: version <= EasVersion.V121 ? "Email" : null,
        MoreAvailable: true,
        Responses:
        [
            new(SyncCommandKind.Add, SyncStatus.Success, ServerId: "5:40", ClientId: "c-1"),
            new(SyncCommandKind.Add, SyncStatus.ConversionError, ClientId: "c-2"),
            new(SyncCommandKind.Change, SyncStatus.Conflict, ServerId: "5:14"),
            new(SyncCommandKind.Delete, SyncStatus.ObjectNotFound, ServerId: "5:99"),
            new(SyncCommandKind.Fetch, SyncStatus.Success, ServerId: "5:17", ApplicationData: Mail("Fwd: office lease")),
            new(SyncCommandKind.Fetch, SyncStatus.ObjectNotFound, ServerId: "5:18"),
        ],
        Commands:
        [
            new(SyncCommandKind.Add, "5:21", ApplicationData: Mail("Q4 planning – agenda & budget")),
            new(SyncCommandKind.Add, "5:22", ApplicationData: LargeBody("first half, ", "second half")),
            new(SyncCommandKind.Change, "5:12", ApplicationData: Read(true)),
            new(SyncCommandKind.Delete, "5:3"),
            new(SyncCommandKind.SoftDelete, "5:1"),
        ]);

    private static IEnumerable<SyncResponse> EveryShape(EasVersion version)
    {
        yield return new SyncResponse(null, [Mailbox(version)]);
        yield return new SyncResponse(null, [new("0", "7", SyncStatus.InvalidSyncKey), new("9", "8", SyncStatus.FolderHierarchyChanged)]);
        yield return new SyncResponse(null, [new("2", "3", SyncStatus.Success, Commands: [], Responses: [])]);
        yield return SyncResponse.Failure(SyncStatus.ProtocolError);
        yield return SyncResponse.Failure(SyncStatus.ServerError);
        yield return SyncResponse.Failure(SyncStatus.Retry);
        if (version >= EasVersion.V121)
        {
            yield return SyncResponse.Failure(SyncStatus.IncompleteRequest);
            yield return SyncResponse.Failure(SyncStatus.InvalidWaitOrHeartbeat, SyncLimits.MaxWait);
            yield return SyncResponse.Failure(SyncStatus.InvalidWaitOrHeartbeat, SyncLimits.MinHeartbeatInterval);
            yield return SyncResponse.Failure(SyncStatus.TooManyCollections, SyncLimits.MaxCollections);
        }

        if (version >= EasVersion.V140)
        {
            yield return SyncResponse.Failure((SyncStatus)142);
            yield return new SyncResponse(null,
            [
                new("14", "5", SyncStatus.Success,
                    Responses: [new(SyncCommandKind.Add, SyncStatus.Success, ServerId: "5:77", ClientId: "sms-1", Class: "SMS")],
                    Commands: [new(SyncCommandKind.Change, "5:78", "SMS", Read(true)), new(SyncCommandKind.Delete, "5:79", "SMS")]),
            ]);
        }

        if (version >= EasVersion.V160)
        {
            yield return new SyncResponse(null,
            [
                new("90178", "16", SyncStatus.Success, Responses:
                [
                    new(SyncCommandKind.Add, SyncStatus.Success, ServerId: "16:9", ClientId: "draft-1", ApplicationData: Attachment("att-1", "16%3a9%3a0")),
                    new(SyncCommandKind.Change, SyncStatus.Success, ServerId: "16:4"),
                    new(SyncCommandKind.Change, SyncStatus.ObjectNotFound, ServerId: "3:95", InstanceId: "20261216T090000Z"),
                    new(SyncCommandKind.Delete, SyncStatus.ObjectNotFound, ServerId: "3:95", InstanceId: "20261209T090000Z"),
                ]),
            ]);
        }
    }

    [Theory]
    [InlineData("""<Sync xmlns="AirSync:"><Status>14</Status><Limit>59</Limit><Collections/></Sync>""")]
    [InlineData("""<Sync xmlns="AirSync:"><Collections><Collection><Responses><Add><ServerId>1</ServerId><Status>1</Status></Add></Responses></Collection></Collections></Sync>""")]
    [InlineData("""<Sync xmlns="AirSync:"><Collections><Collection><Commands><Add><ServerId>1</ServerId></Add></Commands></Collection></Collections></Sync>""")]
    [InlineData("""<Sync xmlns="AirSync:"><Collections><Collection><Commands><Fetch><ServerId>1</ServerId></Fetch></Commands></Collection></Collections></Sync>""")]
    [InlineData("""<Sync xmlns="AirSync:"><Collections><Collection><SyncKey>12345678901234567890123456789012345678901234567890123456789012345</SyncKey></Collection></Collections></Sync>""")]
    [InlineData("""<Sync xmlns="AirSync:"><Collections><Collection><Commands><Change><ServerId>1</ServerId><ApplicationData><Read xmlns="Email:">1</Read><Data xmlns="AirSyncBase:">x</Data></ApplicationData></Change></Commands></Collection></Collections></Sync>""")]
    public void SchemaSet_RefusesWhatSyncResponseXsdForbids(string xml) => Assert.NotEmpty(Validate(Encode(xml)).Errors);

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Write_EveryResponseShape_IsValidAgainstTheSchema(string value)
    {
        EasVersion version = Version(value);
        foreach (SyncResponse response in EveryShape(version))
        {
            AssertValid(await WriteAsync(response, version));
        }
    }

    [Fact]
    public async Task Write_Collection_FollowsTheSchemasOrder()
    {
        byte[] expected = Encode("""
            <Sync xmlns="AirSync:">
              <Collections>
                <Collection>
                  <SyncKey>1834759204</SyncKey>
                  <CollectionId>5</CollectionId>
                  <Status>1</Status>
                  <Commands>
                    <Add><ServerId>5:21</ServerId><ApplicationData>
                      <To xmlns="Email:">"Anna Müller" &lt;anna@contoso.example&gt;</To>
                      <Subject xmlns="Email:">Q4 planning – agenda &amp; budget</Subject>
                      <DateReceived xmlns="Email:">2026-11-30T10:00:02.000Z</DateReceived>
                      <Read xmlns="Email:">0</Read>
                      <Body xmlns="AirSyncBase:"><Type>1</Type><EstimatedDataSize>5</EstimatedDataSize><Data>Hello</Data></Body>
                      <MessageClass xmlns="Email:">IPM.Note</MessageClass>
                    </ApplicationData></Add>
                    <Add><ServerId>5:22</ServerId><ApplicationData>
                      <Body xmlns="AirSyncBase:"><Type>1</Type><Data>first half, second half</Data></Body>
                    </ApplicationData></Add>
                    <Change><ServerId>5:12</ServerId><ApplicationData><Read xmlns="Email:">1</Read></ApplicationData></Change>
                    <Delete><ServerId>5:3</ServerId></Delete>
                    <SoftDelete><ServerId>5:1</ServerId></SoftDelete>
                  </Commands>
                  <Responses>
                    <Add><ClientId>c-1</ClientId><ServerId>5:40</ServerId><Status>1</Status></Add>
                    <Add><ClientId>c-2</ClientId><Status>6</Status></Add>
                    <Change><ServerId>5:14</ServerId><Status>7</Status></Change>
                    <Delete><ServerId>5:99</ServerId><Status>8</Status></Delete>
                    <Fetch><ServerId>5:17</ServerId><Status>1</Status><ApplicationData>
                      <To xmlns="Email:">"Anna Müller" &lt;anna@contoso.example&gt;</To>
                      <Subject xmlns="Email:">Fwd: office lease</Subject>
                      <DateReceived xmlns="Email:">2026-11-30T10:00:02.000Z</DateReceived>
                      <Read xmlns="Email:">0</Read>
                      <Body xmlns="AirSyncBase:"><Type>1</Type><EstimatedDataSize>5</EstimatedDataSize><Data>Hello</Data></Body>
                      <MessageClass xmlns="Email:">IPM.Note</MessageClass>
                    </ApplicationData></Fetch>
                    <Fetch><ServerId>5:18</ServerId><Status>8</Status></Fetch>
                  </Responses>
                  <MoreAvailable/>
                </Collection>
              </Collections>
            </Sync>
            """);

        byte[] actual = await WriteAsync(new SyncResponse(null, [Mailbox(EasVersion.V141)]), EasVersion.V141);

        // The large body's Data is two inline strings on the wire; the expected one has it in one piece.
        Assert.Equal(WbxmlXml.ToXml(expected), WbxmlXml.ToXml(actual));
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("12.0")]
    [InlineData("12.1")]
    public async Task Write_CollectionClassUpTo121_IsTheFirstChild(string value)
    {
        byte[] expected = Encode("""
            <Sync xmlns="AirSync:"><Collections><Collection>
              <Class>Contacts</Class><SyncKey>{0B5D7E19}5</SyncKey><CollectionId>2</CollectionId><Status>1</Status>
              <Commands><Delete><ServerId>2:12</ServerId></Delete></Commands>
            </Collection></Collections></Sync>
            """);

        byte[] actual = await WriteAsync(new SyncResponse(null, [new("{0B5D7E19}5", "2", SyncStatus.Success, "Contacts", Commands: [new(SyncCommandKind.Delete, "2:12")])]), Version(value));

        AssertSameBytes(expected, actual);
    }

    [Fact]
    public async Task Write_ItemClassFrom140_PrecedesServerIdAndClientId()
    {
        byte[] expected = Encode("""
            <Sync xmlns="AirSync:"><Collections><Collection>
              <SyncKey>3</SyncKey><CollectionId>5</CollectionId><Status>1</Status>
              <Commands>
                <Add><Class>SMS</Class><ServerId>5:80</ServerId><ApplicationData><Read xmlns="Email:">0</Read></ApplicationData></Add>
                <Delete><Class>SMS</Class><ServerId>5:79</ServerId></Delete>
              </Commands>
              <Responses>
                <Add><Class>SMS</Class><ClientId>sms-1</ClientId><ServerId>5:77</ServerId><Status>1</Status></Add>
              </Responses>
            </Collection></Collections></Sync>
            """);
        var response = new SyncResponse(null,
        [
            new("3", "5", SyncStatus.Success,
                Responses: [new(SyncCommandKind.Add, SyncStatus.Success, ServerId: "5:77", ClientId: "sms-1", Class: "SMS")],
                Commands: [new(SyncCommandKind.Add, "5:80", "SMS", Read(false)), new(SyncCommandKind.Delete, "5:79", "SMS")]),
        ]);

        AssertSameBytes(expected, await WriteAsync(response, EasVersion.V140));
    }

    [Fact]
    public async Task Write_InstanceIdIn160Responses_FollowsServerId()
    {
        byte[] expected = Encode("""
            <Sync xmlns="AirSync:"><Collections><Collection>
              <SyncKey>4</SyncKey><CollectionId>3</CollectionId><Status>1</Status>
              <Responses>
                <Change><ServerId>3:95</ServerId><InstanceId xmlns="AirSyncBase:">20261216T090000Z</InstanceId><Status>8</Status></Change>
                <Delete><ServerId>3:95</ServerId><InstanceId xmlns="AirSyncBase:">20261209T090000Z</InstanceId><Status>8</Status></Delete>
              </Responses>
            </Collection></Collections></Sync>
            """);
        var response = new SyncResponse(null,
        [
            new("4", "3", SyncStatus.Success, Responses:
            [
                new(SyncCommandKind.Change, SyncStatus.ObjectNotFound, ServerId: "3:95", InstanceId: "20261216T090000Z"),
                new(SyncCommandKind.Delete, SyncStatus.ObjectNotFound, ServerId: "3:95", InstanceId: "20261209T090000Z"),
            ]),
        ]);

        AssertSameBytes(expected, await WriteAsync(response, EasVersion.V160));
    }

    [Theory]
    [InlineData(SyncStatus.InvalidWaitOrHeartbeat, 59, """<Sync xmlns="AirSync:"><Status>14</Status><Limit>59</Limit></Sync>""")]
    [InlineData(SyncStatus.InvalidWaitOrHeartbeat, 3540, """<Sync xmlns="AirSync:"><Status>14</Status><Limit>3540</Limit></Sync>""")]
    [InlineData(SyncStatus.TooManyCollections, 1000, """<Sync xmlns="AirSync:"><Status>15</Status><Limit>1000</Limit></Sync>""")]
    [InlineData(SyncStatus.IncompleteRequest, null, """<Sync xmlns="AirSync:"><Status>13</Status></Sync>""")]
    [InlineData(SyncStatus.ProtocolError, null, """<Sync xmlns="AirSync:"><Status>4</Status></Sync>""")]
    public async Task Write_RequestWideFailure_IsStatusAndLimitAlone(SyncStatus status, int? limit, string xml) =>
        AssertSameBytes(Encode(xml), await WriteAsync(SyncResponse.Failure(status, limit), EasVersion.V141));

    [Fact]
    public async Task Write_Response_DecodesWithLibwbxmlToTheSameDocument()
    {
        // libwbxml's decoder is independent of ours: what it reads is what we meant to write.
        var response = new SyncResponse(null,
        [
            new("1834759206", "5", SyncStatus.Success, MoreAvailable: true,
                Responses: [new(SyncCommandKind.Fetch, SyncStatus.Success, ServerId: "5:17", ApplicationData: Mail("Lease <2027>", "See below – 31 March."))],
                Commands: [new(SyncCommandKind.Add, "5:44", ApplicationData: Mail("Term sheet – Nordlicht")), new(SyncCommandKind.SoftDelete, "5:1")]),
            new("448112098", "3", SyncStatus.Success, Responses: [new(SyncCommandKind.Add, SyncStatus.Success, ServerId: "3:101", ClientId: "c0a8f1e2")]),
            new("0", "9", SyncStatus.InvalidSyncKey),
        ]);
        byte[] ours = await WriteAsync(response, EasVersion.V161);

        string theirs = Libwbxml.Decode(ours);

        Libwbxml.AssertSameXml(WbxmlXml.ToXml(ours), theirs);
        Libwbxml.AssertSameXml(
            """
            <Sync xmlns="AirSync:"><Collections>
              <Collection><SyncKey>1834759206</SyncKey><CollectionId>5</CollectionId><Status>1</Status>
                <Commands>
                  <Add><ServerId>5:44</ServerId><ApplicationData>
                    <To xmlns="Email:">"Anna Müller" &lt;anna@contoso.example&gt;</To><Subject xmlns="Email:">Term sheet – Nordlicht</Subject>
                    <DateReceived xmlns="Email:">2026-11-30T10:00:02.000Z</DateReceived><Read xmlns="Email:">0</Read>
                    <Body xmlns="AirSyncBase:"><Type>1</Type><EstimatedDataSize>5</EstimatedDataSize><Data>Hello</Data></Body>
                    <MessageClass xmlns="Email:">IPM.Note</MessageClass>
                  </ApplicationData></Add>
                  <SoftDelete><ServerId>5:1</ServerId></SoftDelete>
                </Commands>
                <Responses>
                  <Fetch><ServerId>5:17</ServerId><Status>1</Status><ApplicationData>
                    <To xmlns="Email:">"Anna Müller" &lt;anna@contoso.example&gt;</To><Subject xmlns="Email:">Lease &lt;2027&gt;</Subject>
                    <DateReceived xmlns="Email:">2026-11-30T10:00:02.000Z</DateReceived><Read xmlns="Email:">0</Read>
                    <Body xmlns="AirSyncBase:"><Type>1</Type><EstimatedDataSize>23</EstimatedDataSize><Data>See below – 31 March.</Data></Body>
                    <MessageClass xmlns="Email:">IPM.Note</MessageClass>
                  </ApplicationData></Fetch>
                </Responses>
                <MoreAvailable/>
              </Collection>
              <Collection><SyncKey>448112098</SyncKey><CollectionId>3</CollectionId><Status>1</Status>
                <Responses><Add><ClientId>c0a8f1e2</ClientId><ServerId>3:101</ServerId><Status>1</Status></Add></Responses>
              </Collection>
              <Collection><SyncKey>0</SyncKey><CollectionId>9</CollectionId><Status>3</Status></Collection>
            </Collections></Sync>
            """,
            theirs);
    }

    [Fact]
    public async Task Write_EachItemWithApplicationData_IsFlushed()
    {
        var recorder = new Recorder();

        await SyncResponseWriter.WriteAsync(new SyncResponse(null, [Mailbox(EasVersion.V161)]), recorder.Output, EasVersion.V161, CancellationToken.None);

        // Three server commands and one Fetch carry data; the large body flushes once more inside its item.
        Assert.Equal(5, recorder.Flushes.Count);
        Assert.Equal(recorder.Flushes.Order(), recorder.Flushes);
        Assert.True(recorder.Flushes[^1] < recorder.Bytes.Length);
    }

    [Fact]
    public async Task Write_FlushedPrefix_EndsAfterTheItem()
    {
        var recorder = new Recorder();
        var response = new SyncResponse(null, [new("2", "5", SyncStatus.Success, Commands: [new(SyncCommandKind.Add, "5:1", ApplicationData: Read(true))])]);

        await SyncResponseWriter.WriteAsync(response, recorder.Output, EasVersion.V161, CancellationToken.None);

        // What was sent at the flush is the document up to the end of the Add: the rest is four END tokens.
        int flushed = Assert.Single(recorder.Flushes);
        Assert.Equal(new byte[] { 0x01, 0x01, 0x01, 0x01 }, recorder.Bytes[flushed..]);
    }

    [Fact]
    public async Task Write_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await SyncResponseWriter.WriteAsync(new SyncResponse(null, [Mailbox(EasVersion.V161)]), new Recorder().Output, EasVersion.V161, cancelled.Token));
    }

    [Fact]
    public async Task Write_ItemDataWriterThatLeavesAnElementOpen_Throws()
    {
        ItemDataWriter open = (output, _) =>
        {
            output.Writer.WriteStartElement(EmailTags.Flag);
            return ValueTask.CompletedTask;
        };

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await SyncResponseWriter.WriteAsync(new SyncResponse(null, [new("2", "5", SyncStatus.Success, Commands: [new(SyncCommandKind.Change, "5:1", ApplicationData: open)])]), new Recorder().Output, EasVersion.V161, CancellationToken.None));
    }

    // ---- caller bugs: nothing is written ----

    private static ItemDataWriter Nothing => (_, _) => ValueTask.CompletedTask;

    private static SyncResponse One(SyncCollectionResponse collection) => new(null, [collection]);

    private static SyncResponse Commands(params SyncServerCommand[] commands) => One(new("2", "5", SyncStatus.Success, Commands: commands));

    private static SyncResponse Responses(params SyncItemResponse[] responses) => One(new("2", "5", SyncStatus.Success, Responses: responses));

    public static TheoryData<string, string, SyncResponse> CallerBugs() => new()
    {
        { "neither Status nor collections", "16.1", new SyncResponse(null, []) },
        { "Status and collections", "16.1", new SyncResponse(SyncStatus.ServerError, [new("1", "5", SyncStatus.Success)]) },
        { "Limit with collections", "16.1", new SyncResponse(null, [new("1", "5", SyncStatus.Success)], 5) },
        { "Limit with Status 4", "16.1", SyncResponse.Failure(SyncStatus.ProtocolError, 5) },
        { "common status before 14.0", "12.1", SyncResponse.Failure((SyncStatus)142) },
        { "status above a byte", "16.1", SyncResponse.Failure((SyncStatus)300) },
        { "status 0", "16.1", SyncResponse.Failure(0) },
        { "collection Class in 14.0", "14.0", One(new("1", "5", SyncStatus.Success, "Email")) },
        { "empty SyncKey", "16.1", One(new("", "5", SyncStatus.Success)) },
        { "SyncKey of 65", "16.1", One(new(new string('k', 65), "5", SyncStatus.Success)) },
        { "CollectionId of 65", "16.1", One(new("1", new string('c', 65), SyncStatus.Success)) },
        { "Add without ApplicationData", "16.1", Commands(new SyncServerCommand(SyncCommandKind.Add, "5:1")) },
        { "Change without ApplicationData", "16.1", Commands(new SyncServerCommand(SyncCommandKind.Change, "5:1")) },
        { "Delete with ApplicationData", "16.1", Commands(new SyncServerCommand(SyncCommandKind.Delete, "5:1", ApplicationData: Nothing)) },
        { "SoftDelete with ApplicationData", "16.1", Commands(new SyncServerCommand(SyncCommandKind.SoftDelete, "5:1", ApplicationData: Nothing)) },
        { "Fetch as a server command", "16.1", Commands(new SyncServerCommand(SyncCommandKind.Fetch, "5:1")) },
        { "server ServerId of 65", "16.1", Commands(new SyncServerCommand(SyncCommandKind.Delete, new string('s', 65))) },
        { "item Class before 14.0", "12.1", Commands(new SyncServerCommand(SyncCommandKind.Delete, "5:1", "SMS")) },
        { "SoftDelete with Class", "16.1", Commands(new SyncServerCommand(SyncCommandKind.SoftDelete, "5:1", "SMS")) },
        { "SoftDelete response", "16.1", Responses(new SyncItemResponse(SyncCommandKind.SoftDelete, SyncStatus.Success, ServerId: "5:1")) },
        { "Add response without ClientId", "16.1", Responses(new SyncItemResponse(SyncCommandKind.Add, SyncStatus.Success, ServerId: "5:1")) },
        { "Add response ClientId of 65", "16.1", Responses(new SyncItemResponse(SyncCommandKind.Add, SyncStatus.Success, ClientId: new string('c', 65))) },
        { "Change response without ServerId", "16.1", Responses(new SyncItemResponse(SyncCommandKind.Change, SyncStatus.Conflict)) },
        { "Delete response without ServerId", "16.1", Responses(new SyncItemResponse(SyncCommandKind.Delete, SyncStatus.ObjectNotFound)) },
        { "ClientId on a Change response", "16.1", Responses(new SyncItemResponse(SyncCommandKind.Change, SyncStatus.Conflict, ServerId: "5:1", ClientId: "c")) },
        { "Class on a Fetch response", "16.1", Responses(new SyncItemResponse(SyncCommandKind.Fetch, SyncStatus.Success, ServerId: "5:1", Class: "SMS")) },
        { "Class on an Add response before 14.0", "12.1", Responses(new SyncItemResponse(SyncCommandKind.Add, SyncStatus.Success, ServerId: "5:1", ClientId: "c", Class: "SMS")) },
        { "InstanceId before 16.0", "14.1", Responses(new SyncItemResponse(SyncCommandKind.Delete, SyncStatus.ObjectNotFound, ServerId: "3:1", InstanceId: "20261216T090000Z")) },
        { "InstanceId on an Add response", "16.1", Responses(new SyncItemResponse(SyncCommandKind.Add, SyncStatus.Success, ClientId: "c", InstanceId: "20261216T090000Z")) },
        { "Add response ApplicationData before 16.0", "14.1", Responses(new SyncItemResponse(SyncCommandKind.Add, SyncStatus.Success, ServerId: "5:1", ClientId: "c", ApplicationData: Nothing)) },
        { "Delete response ApplicationData", "16.1", Responses(new SyncItemResponse(SyncCommandKind.Delete, SyncStatus.ObjectNotFound, ServerId: "5:1", ApplicationData: Nothing)) },
    };

    [Theory]
    [MemberData(nameof(CallerBugs))]
    public async Task Write_WhatTheVersionOrSpecForbids_ThrowsBeforeWriting(string name, string version, SyncResponse response)
    {
        var recorder = new Recorder();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await SyncResponseWriter.WriteAsync(response, recorder.Output, Version(version), CancellationToken.None));

        Assert.True(recorder.Bytes.Length == 0, name);
        Assert.Empty(recorder.Flushes);
    }

    [Fact]
    public async Task Write_FetchResponseApplicationData_IsAllowedInEveryVersion()
    {
        foreach (EasVersion version in EasVersion.All)
        {
            AssertValid(await WriteAsync(Responses(new SyncItemResponse(SyncCommandKind.Fetch, SyncStatus.Success, ServerId: "5:1", ApplicationData: Read(true))), version));
        }
    }
}
