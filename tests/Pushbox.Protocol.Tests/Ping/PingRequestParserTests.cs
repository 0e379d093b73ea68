using FsCheck;
using FsCheck.Xunit;
using Pushbox.Protocol.Commands.Ping;
using Pushbox.Protocol.Tests.Commands;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;
using Tags = Pushbox.Wbxml.EasCodePages.PingTags;

namespace Pushbox.Protocol.Tests.Ping;

public class PingRequestParserTests
{
    private static PingRequest Parse(string xml) => PingRequestParser.Parse(Encode(xml), WbxmlLimits.Default);

    private static string Body(string children) => $"""<Ping xmlns="Ping:">{children}</Ping>""";

    private static string Folders(string folders) => $"<Folders>{folders}</Folders>";

    private static string Folder(string id, string @class = "Email") => $"<Folder><Id>{id}</Id><Class>{@class}</Class></Folder>";

    private static string ManyFolders(int count) => Folders(string.Concat(Enumerable.Range(0, count).Select(i => Folder(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

    private const string Heartbeat = "<HeartbeatInterval>480</HeartbeatInterval>";

    [Fact]
    public void Parse_FullRequest_EncodedByLibwbxml_ReadsIntervalAndFoldersInOrder()
    {
        byte[] body = Libwbxml.Encode("""
            <Ping xmlns="Ping:">
              <HeartbeatInterval>480</HeartbeatInterval>
              <Folders>
                <Folder><Id>5</Id><Class>Email</Class></Folder>
                <Folder><Id>2</Id><Class>Calendar</Class></Folder>
                <Folder><Id>3</Id><Class>Contacts</Class></Folder>
                <Folder><Id>7</Id><Class>Tasks</Class></Folder>
                <Folder><Id>{8A7F5C1E-0B2D-4E6F-9A3C-1D2E3F4A5B6C}</Id><Class>Notes</Class></Folder>
              </Folders>
            </Ping>
            """);

        PingRequest request = PingRequestParser.Parse(body, WbxmlLimits.Default);

        Assert.Equal(480, request.HeartbeatInterval);
        Assert.False(request.IsEmpty);
        Assert.Equal(
            [new("5", "Email"), new("2", "Calendar"), new("3", "Contacts"), new("7", "Tasks"), new("{8A7F5C1E-0B2D-4E6F-9A3C-1D2E3F4A5B6C}", "Notes")],
            request.Folders);
    }

    [Fact]
    public void Parse_EmptyBody_IsTheEmptyRequest()
    {
        // MS-ASCMD_R335: "A Ping command can be sent with no body, in which case the cached version is used."
        PingRequest request = PingRequestParser.Parse(ReadOnlyMemory<byte>.Empty, null);

        Assert.Same(PingRequest.Empty, request);
        Assert.True(request.IsEmpty);
        Assert.Null(request.HeartbeatInterval);
        Assert.Null(request.Folders);
    }

    [Fact]
    public void Parse_HeartbeatIntervalAlone_LeavesFoldersToTheCache()
    {
        PingRequest request = Parse(Body(Heartbeat));

        Assert.Equal(new PingRequest(480, null), request);
    }

    [Fact]
    public void Parse_FoldersAlone_LeavesTheIntervalToTheCache()
    {
        PingRequest request = Parse(Body(Folders(Folder("5"))));

        Assert.Null(request.HeartbeatInterval);
        Assert.Equal([new PingFolder("5", "Email")], request.Folders);
        Assert.False(request.IsEmpty);
    }

    [Fact]
    public void Parse_ChildrenInAnyOrder_AreRead()
    {
        PingRequest request = Parse(Body(Folders("<Folder><Class>Calendar</Class><Id>2</Id></Folder>") + Heartbeat));

        Assert.Equal(480, request.HeartbeatInterval);
        Assert.Equal([new PingFolder("2", "Calendar")], request.Folders);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("59", 59)]
    [InlineData("60", 60)]
    [InlineData("3540", 3540)]
    [InlineData("3541", 3541)]
    [InlineData("0480", 480)]
    [InlineData(" 480\r\n", 480)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("2147483648", int.MaxValue)]
    [InlineData("9999999999999999", int.MaxValue)]
    public void Parse_HeartbeatInterval_IsKeptAsSentForTheHandlersStatus5(string text, int expected) =>
        Assert.Equal(expected, Parse(Body($"<HeartbeatInterval>{text}</HeartbeatInterval>")).HeartbeatInterval);

    [Theory]
    [InlineData("Email")]
    [InlineData("Notes")]
    [InlineData("SMS")]
    [InlineData("email")]
    [InlineData("Journal")]
    public void Parse_Class_IsKeptAsSentForTheHandlerToJudge(string @class) =>
        Assert.Equal(@class, Assert.Single(Parse(Body(Folders(Folder("5", @class)))).Folders!).Class);

    [Fact]
    public void Parse_IdsThatDifferOnlyInCase_AreDifferentFolders() =>
        Assert.Equal(2, Parse(Body(Folders(Folder("a") + Folder("A")))).Folders!.Count);

    [Fact]
    public void Parse_MaxFolders_IsAccepted() =>
        Assert.Equal(PingLimits.MaxFolders, Parse(Body(ManyFolders(PingLimits.MaxFolders))).Folders!.Count);

    [Fact]
    public void Parse_OneFolderOverTheLimit_IsMalformedAtThatFolder()
    {
        EasProtocolException e = AssertRejected(() => Parse(Body(ManyFolders(PingLimits.MaxFolders + 1))));

        Assert.Contains("more than 1000", e.Detail, StringComparison.Ordinal);
        Assert.True(e.Offset > 0);
    }

    [Fact]
    public void Parse_ValuesAtTheirLengthLimits_AreAccepted()
    {
        string id = new('i', PingLimits.MaxIdLength);
        string wideId = string.Concat(Enumerable.Repeat("\U0001F4EC", PingLimits.MaxIdLength)); // 64 characters, 256 UTF-8 bytes
        string @class = new('c', PingLimits.MaxClassLength);
        string interval = new('9', PingLimits.MaxHeartbeatIntervalLength);

        PingRequest request = Parse(Body($"<HeartbeatInterval>{interval}</HeartbeatInterval>" + Folders(Folder(id, @class) + Folder(wideId))));

        Assert.Equal(int.MaxValue, request.HeartbeatInterval);
        Assert.Equal([new PingFolder(id, @class), new PingFolder(wideId, "Email")], request.Folders);
    }

    [Fact]
    public void Parse_DuplicateId_IsMalformedAtTheSecondFolder()
    {
        // MS-ASCMD_R6699: the same Id for two folders is Status 4, a syntax error.
        string xml = Body(Folders(Folder("5") + Folder("6") + Folder("5", "Calendar")));

        EasProtocolException e = AssertRejected(() => Parse(xml));

        Assert.Contains("same Id", e.Detail, StringComparison.Ordinal);
        Assert.True(e.Offset > 0);
    }

    public static TheoryData<string, string> MalformedXml() => new()
    {
        { "wrong root", """<FolderSync xmlns="FolderHierarchy:"><SyncKey>0</SyncKey></FolderSync>""" },
        { "Ping with neither HeartbeatInterval nor Folders (MS-ASCMD_R323)", """<Ping xmlns="Ping:"/>""" },
        { "repeated HeartbeatInterval", Body(Heartbeat + Heartbeat) },
        { "repeated Folders", Body(Folders(Folder("1")) + Folders(Folder("2"))) },
        { "response Status in the request", Body(Heartbeat + "<Status>1</Status>") },
        { "response MaxFolders in the request", Body(Heartbeat + "<MaxFolders>5</MaxFolders>") },
        { "pre-2.5 AutdState", Body(Heartbeat + "<AutdState>1</AutdState>") },
        { "Folder directly in Ping", Body(Folder("5")) },
        { "element of another code page in Ping", Body(Heartbeat + """<SyncKey xmlns="AirSync:">1</SyncKey>""") },
        { "empty Folders (Folder is 1...N, MS-ASCMD_R1674)", Body(Heartbeat + "<Folders/>") },
        { "Id directly in Folders", Body(Folders("<Id>5</Id>")) },
        { "unknown element in Folders", Body(Folders(Folder("5") + "<HeartbeatInterval>60</HeartbeatInterval>")) },
        { "empty Folder", Body(Folders("<Folder/>")) },
        { "Folder without Id", Body(Folders("<Folder><Class>Email</Class></Folder>")) },
        { "Folder without Class", Body(Folders("<Folder><Id>5</Id></Folder>")) },
        { "repeated Id", Body(Folders("<Folder><Id>5</Id><Id>6</Id><Class>Email</Class></Folder>")) },
        { "repeated Class", Body(Folders("<Folder><Id>5</Id><Class>Email</Class><Class>Email</Class></Folder>")) },
        { "unknown element in Folder", Body(Folders("<Folder><Id>5</Id><Class>Email</Class><Status>1</Status></Folder>")) },
        { "two folders with one Id (MS-ASCMD_R6699)", Body(Folders(Folder("5") + Folder("5"))) },
        { "two folders with one Id and different classes", Body(Folders(Folder("5", "Email") + Folder("5", "Tasks"))) },
        { "empty Id", Body(Folders("<Folder><Id/><Class>Email</Class></Folder>")) },
        { "empty Class", Body(Folders("<Folder><Id>5</Id><Class/></Folder>")) },
        { "Id of 65 characters", Body(Folders(Folder(new string('i', 65)))) },
        { "huge Id", Body(Folders(Folder(new string('i', 1_000_000)))) },
        { "Class of 33 characters", Body(Folders(Folder("5", new string('c', 33)))) },
        { "empty HeartbeatInterval", Body("<HeartbeatInterval/>") },
        { "HeartbeatInterval of white space", Body("<HeartbeatInterval>  </HeartbeatInterval>") },
        { "negative HeartbeatInterval", Body("<HeartbeatInterval>-60</HeartbeatInterval>") },
        { "HeartbeatInterval with a sign", Body("<HeartbeatInterval>+60</HeartbeatInterval>") },
        { "HeartbeatInterval with a fraction", Body("<HeartbeatInterval>60.5</HeartbeatInterval>") },
        { "HeartbeatInterval in words", Body("<HeartbeatInterval>sixty</HeartbeatInterval>") },
        { "HeartbeatInterval in other digits", Body("<HeartbeatInterval>٦٠</HeartbeatInterval>") },
        { "HeartbeatInterval with digits inside white space", Body("<HeartbeatInterval>4 80</HeartbeatInterval>") },
        { "HeartbeatInterval of 17 characters", Body($"<HeartbeatInterval>{new string('9', 17)}</HeartbeatInterval>") },
        { "text in Ping", Body("480") },
        { "text in Folders", Body(Folders("5")) },
        { "text in Folder", Body(Folders("<Folder>5</Folder>")) },
        { "element inside Id", Body(Folders("<Folder><Id><Class>Email</Class></Id><Class>Email</Class></Folder>")) },
        { "element inside HeartbeatInterval", Body("<HeartbeatInterval><Id>5</Id></HeartbeatInterval>") },
    };

    [Theory]
    [MemberData(nameof(MalformedXml))]
    public void Parse_MalformedBody_IsRefused(string why, string xml)
    {
        Assert.NotNull(why);
        AssertRejected(() => Parse(xml));
    }

    [Fact]
    public void Parse_TagUndefinedInTheCodePage_IsMalformed()
    {
        // Header, SWITCH_PAGE 13, Ping with content, token 0x3F (not defined on page 13), END.
        byte[] body = [0x03, 0x01, 0x6A, 0x00, 0x00, 0x0D, 0x45, 0x3F, 0x01];

        AssertRejected(() => PingRequestParser.Parse(body, WbxmlLimits.Default));
    }

    [Fact]
    public void Parse_NotWbxml_IsMalformed() =>
        AssertRejected(() => PingRequestParser.Parse("<Ping/>"u8.ToArray(), null));

    [Fact]
    public void Parse_BodyOverTheDocumentLimit_IsBodyTooLarge()
    {
        byte[] body = Encode(Body(Heartbeat + Folders(Folder("5"))));
        var limits = new WbxmlLimits { MaxDocumentSize = body.Length - 1 };

        AssertRejected(() => PingRequestParser.Parse(body, limits), EasProtocolError.BodyTooLarge);
    }

    [Fact]
    public void Parse_EveryTruncation_IsMalformed()
    {
        // Length 0 is the empty request; every other prefix is a broken document.
        byte[] body = Encode(Body(Heartbeat + Folders(Folder("5") + Folder("6", "Calendar"))));
        for (int length = 1; length < body.Length; length++)
        {
            AssertRejected(() => PingRequestParser.Parse(body.AsMemory(0, length), WbxmlLimits.Default));
        }
    }

    [Property(MaxTest = 300)]
    public bool Parse_AnyValidRequest_RoundTrips(NonEmptyArray<NonEmptyString> ids, NonEmptyString @class, NonNegativeInt heartbeatInterval)
    {
        static string Clean(string s, int max) => new(s.Where(c => c != '\0' && !char.IsSurrogate(c)).Take(max).ToArray());
        var folders = ids.Get.Select(id => Clean(id.Get, PingLimits.MaxIdLength)).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)
            .Select(id => new PingFolder(id, Clean(@class.Get, PingLimits.MaxClassLength))).ToList();
        if (folders.Count == 0 || folders[0].Class.Length == 0)
        {
            return true;
        }

        byte[] body = WbxmlTestHelpers.Write(w =>
        {
            w.WriteStartElement(Tags.Ping);
            w.WriteElementInt(Tags.HeartbeatInterval, heartbeatInterval.Get);
            w.WriteStartElement(Tags.Folders);
            foreach (PingFolder folder in folders)
            {
                w.WriteStartElement(Tags.Folder);
                w.WriteElementString(Tags.Id, folder.Id);
                w.WriteElementString(Tags.Class, folder.Class);
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });

        PingRequest request = PingRequestParser.Parse(body, WbxmlLimits.Default);
        return request.HeartbeatInterval == heartbeatInterval.Get && request.Folders!.SequenceEqual(folders) && !request.IsEmpty;
    }

    [Property(MaxTest = 1000)]
    public bool Parse_RandomBytesAfterAPingHeader_AreReadOrRefusedWithEasProtocolException(byte[] rest)
    {
        try
        {
            byte[] body = [0x03, 0x01, 0x6A, 0x00, 0x00, 0x0D, 0x45, .. rest];
            PingRequestParser.Parse(body, WbxmlLimits.Default);
        }
        catch (EasProtocolException)
        {
        }

        return true;
    }
}
