using System.Runtime.InteropServices;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Protocol.Commands.ItemData;
using Pushbox.Protocol.Commands.Sync;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;

namespace Pushbox.Protocol.Tests.Sync;

public class SyncRequestParserTests
{
    private const string Key = "<SyncKey>1</SyncKey><CollectionId>5</CollectionId>";

    public static TheoryData<string> Versions() => AllVersions();

    private static SyncRequest Parse(byte[] body, EasVersion version) => SyncRequestParser.Parse(body, version, WbxmlLimits.Default);

    private static SyncRequest Parse(string xml, string version = "16.1") => Parse(Encode(xml), Version(version));

    private static IReadOnlyList<string> Lines(string xml, string version = "16.1") => SyncRequestDump.Lines(Parse(xml, version));

    private static EasProtocolException Rejected(string xml, string version = "16.1") => AssertRejected(() => Parse(xml, version));

    private static string Sync(string inner) => $"""<Sync xmlns="AirSync:">{inner}</Sync>""";

    private static string Collection(string inner) => Sync($"<Collections><Collection>{inner}</Collection></Collections>");

    /// <summary>A collection with SyncKey 1 and CollectionId 5 and <paramref name="inner"/> after them.</summary>
    private static string Minimal(string inner = "") => Collection(Key + inner);

    /// <summary>The minimal collection, with <paramref name="syncLevel"/> after Collections.</summary>
    private static string WithSync(string syncLevel) => Sync($"<Collections><Collection>{Key}</Collection></Collections>{syncLevel}");

    private static string Options(string inner) => Minimal($"<Options>{inner}</Options>");

    private static string Preference(string inner) => Options($"""<BodyPreference xmlns="AirSyncBase:">{inner}</BodyPreference>""");

    private static string Commands(string inner) => Minimal($"<Commands>{inner}</Commands>");

    private static string Repeat(string xml, int count) => string.Concat(Enumerable.Repeat(xml, count));

    // ---- every element, read ----

    public static TheoryData<string, string, string> Elements() => new()
    {
        // (version, body, the line of the dump it must produce)
        { "16.1", WithSync("<WindowSize>100</WindowSize>"), "Sync WindowSize=100" },
        { "16.1", WithSync("<Wait>15</Wait>"), "Sync Wait=15" },
        { "16.1", WithSync("<HeartbeatInterval>480</HeartbeatInterval>"), "Sync HeartbeatInterval=480" },
        { "16.1", WithSync("<Partial/>"), "Sync Partial" },
        { "16.1", WithSync("<Partial></Partial>"), "Sync Partial" },
        { "16.1", Minimal(), "Collection SyncKey=1 CollectionId=5" },
        { "16.1", Collection("<SyncKey>0</SyncKey><CollectionId>RI</CollectionId>"), "Collection SyncKey=0 CollectionId=RI" },
        { "16.1", Collection("<CollectionId>5</CollectionId><SyncKey>7</SyncKey>"), "Collection SyncKey=7 CollectionId=5" },
        { "2.5", Minimal("<Class>Email</Class>"), "Collection SyncKey=1 CollectionId=5 Class=Email" },
        { "12.1", Minimal("<Class>Contacts</Class>"), "Collection SyncKey=1 CollectionId=5 Class=Contacts" },
        { "16.1", Minimal("<GetChanges/>"), "Collection SyncKey=1 CollectionId=5 GetChanges=True" },
        { "16.1", Minimal("<GetChanges>1</GetChanges>"), "Collection SyncKey=1 CollectionId=5 GetChanges=True" },
        { "16.1", Minimal("<GetChanges>0</GetChanges>"), "Collection SyncKey=1 CollectionId=5 GetChanges=False" },
        { "16.1", Minimal("<DeletesAsMoves/>"), "Collection SyncKey=1 CollectionId=5 DeletesAsMoves=True" },
        { "16.1", Minimal("<DeletesAsMoves>1</DeletesAsMoves>"), "Collection SyncKey=1 CollectionId=5 DeletesAsMoves=True" },
        { "16.1", Minimal("<DeletesAsMoves>0</DeletesAsMoves>"), "Collection SyncKey=1 CollectionId=5 DeletesAsMoves=False" },
        { "16.1", Minimal("<WindowSize>25</WindowSize>"), "Collection SyncKey=1 CollectionId=5 WindowSize=25" },
        { "16.1", Minimal("<ConversationMode>1</ConversationMode>"), "Collection SyncKey=1 CollectionId=5 ConversationMode=True" },
        { "16.1", Minimal("<ConversationMode>0</ConversationMode>"), "Collection SyncKey=1 CollectionId=5 ConversationMode=False" },
        { "16.1", Minimal("<Supported/>"), "Collection SyncKey=1 CollectionId=5 Supported=[]" },
        {
            "14.1",
            Minimal("""<Supported><FirstName xmlns="Contacts:"/><NickName xmlns="Contacts2:"/><DtStamp xmlns="Calendar:"></DtStamp></Supported>"""),
            "Collection SyncKey=1 CollectionId=5 Supported=[Contacts:FirstName Contacts2:NickName Calendar:DtStamp]"
        },
        { "16.1", Options(""), "Options" },
        { "16.1", Options("<Class>SMS</Class>"), "Options Class=SMS" },
        { "16.1", Options("<FilterType>0</FilterType>"), "Options FilterType=0" },
        { "16.1", Options("<FilterType>8</FilterType>"), "Options FilterType=8" },
        { "16.1", Options("<Conflict>0</Conflict>"), "Options Conflict=0" },
        { "16.1", Options("<Conflict>1</Conflict>"), "Options Conflict=1" },
        { "16.1", Options("<MaxItems>200</MaxItems>"), "Options MaxItems=200" },
        { "16.1", Options("<MIMESupport>2</MIMESupport>"), "Options MIMESupport=2" },
        { "16.1", Options("<MIMETruncation>8</MIMETruncation>"), "Options MIMETruncation=8" },
        { "2.5", Options("<Truncation>9</Truncation>"), "Options Truncation=9" },
        { "2.5", Options("<Truncation>0</Truncation>"), "Options Truncation=0" },
        { "16.1", Options("""<RightsManagementSupport xmlns="RightsManagement:">1</RightsManagementSupport>"""), "Options RightsManagementSupport" },
        { "16.1", Options("""<RightsManagementSupport xmlns="RightsManagement:">0</RightsManagementSupport>"""), "Options" },
        { "12.0", Preference("<Type>1</Type>"), "BodyPreference Type=PlainText" },
        { "16.1", Preference("<Type>4</Type><TruncationSize>0</TruncationSize>"), "BodyPreference Type=Mime TruncationSize=0" },
        { "16.1", Preference("<Type>2</Type><TruncationSize>4294967295</TruncationSize>"), "BodyPreference Type=Html TruncationSize=4294967295" },
        { "16.1", Preference("<Type>3</Type><TruncationSize>50</TruncationSize><AllOrNone>1</AllOrNone>"), "BodyPreference Type=Rtf TruncationSize=50 AllOrNone" },
        { "16.1", Preference("<AllOrNone>1</AllOrNone><TruncationSize>50</TruncationSize><Type>2</Type>"), "BodyPreference Type=Html TruncationSize=50 AllOrNone" },
        { "16.1", Preference("<Type>2</Type><AllOrNone>0</AllOrNone>"), "BodyPreference Type=Html" },
        { "14.1", Preference("<Type>2</Type><Preview>255</Preview>"), "BodyPreference Type=Html Preview=255" },
        { "14.1", Preference("<Type>2</Type><Preview>0</Preview>"), "BodyPreference Type=Html Preview=0" },
        {
            "14.1",
            Options("""<BodyPartPreference xmlns="AirSyncBase:"><Type>2</Type><TruncationSize>32768</TruncationSize><AllOrNone>1</AllOrNone><Preview>200</Preview></BodyPartPreference>"""),
            "BodyPartPreference Type=Html TruncationSize=32768 AllOrNone Preview=200"
        },
        { "16.1", Commands("<Add><ClientId>c1</ClientId><ApplicationData/></Add>"), "Add ClientId=c1" },
        { "16.1", Commands("<Add><Class>SMS</Class><ClientId>c1</ClientId><ApplicationData/></Add>"), "Add ClientId=c1 Class=SMS" },
        { "16.1", Commands("""<Add><ClientId>d1</ClientId><ApplicationData/><Send xmlns="Email2:"/></Add>"""), "Add ClientId=d1 Send" },
        { "16.1", Commands("<Change><ServerId>5:1</ServerId><ApplicationData/></Change>"), "Change ServerId=5:1" },
        { "16.1", Commands("""<Change><ServerId>5:1</ServerId><ApplicationData/><Send xmlns="Email2:"/></Change>"""), "Change ServerId=5:1 Send" },
        {
            "16.0",
            Commands("""<Change><ServerId>3:95</ServerId><InstanceId xmlns="AirSyncBase:">20261216T090000Z</InstanceId><ApplicationData/></Change>"""),
            "Change ServerId=3:95 InstanceId=20261216T090000Z"
        },
        { "16.1", Commands("<Delete><ServerId>5:9</ServerId></Delete>"), "Delete ServerId=5:9" },
        {
            "16.1",
            Commands("""<Delete><ServerId>3:95</ServerId><InstanceId xmlns="AirSyncBase:">20261216T090000Z</InstanceId></Delete>"""),
            "Delete ServerId=3:95 InstanceId=20261216T090000Z"
        },
        { "2.5", Commands("<Fetch><ServerId>5:17</ServerId></Fetch>"), "Fetch ServerId=5:17" },
        {
            "16.1",
            Commands("""<Change><ServerId>5:12</ServerId><ApplicationData><Read xmlns="Email:">1</Read></ApplicationData></Change>"""),
            "Change ServerId=5:12 ApplicationData: Email:Read=\"1\""
        },
        {
            "16.1",
            Commands("""<Change><ServerId>5:14</ServerId><ApplicationData><Flag xmlns="Email:"/><Categories xmlns="Email:"></Categories></ApplicationData></Change>"""),
            "Change ServerId=5:14 ApplicationData: Email:Flag Email:Categories"
        },
        {
            "16.1",
            Commands("""<Change><ServerId>5:12</ServerId><ApplicationData><Flag xmlns="Email:"><FlagType>Follow up</FlagType><StartDate xmlns="Tasks:">2026-12-01T00:00:00.000Z</StartDate></Flag><Categories xmlns="Email:"><Category>Budget &amp; Finance</Category><Category>Équipe Paris</Category></Categories></ApplicationData></Change>"""),
            "Change ServerId=5:12 ApplicationData: Email:Flag{Email:FlagType=\"Follow up\" Tasks:StartDate=\"2026-12-01T00:00:00.000Z\"} Email:Categories{Email:Category=\"Budget & Finance\" Email:Category=\"Équipe Paris\"}"
        },
        {
            "16.1",
            Commands("""<Add><ClientId>p1</ClientId><ApplicationData><Picture xmlns="Contacts:" encoding="opaque">AAEC/w==</Picture></ApplicationData></Add>"""),
            "Add ClientId=p1 ApplicationData: Contacts:Picture=0x000102FF"
        },
    };

    [Theory]
    [MemberData(nameof(Elements))]
    public void Parse_Element_IsRead(string version, string xml, string expectedLine)
    {
        IReadOnlyList<string> lines = Lines(xml, version);

        Assert.Contains(expectedLine, lines);
    }

    // ---- the version table ----

    public static TheoryData<string, string, string, string> VersionedElements() => new()
    {
        // (element, body, first version, last version): MS-ASCMD 2.2.3 and MS-ASAIRS 2.2.2 protocol version tables.
        { "Sync/WindowSize", WithSync("<WindowSize>10</WindowSize>"), "12.1", "16.1" },
        { "Sync/Wait", WithSync("<Wait>5</Wait>"), "12.1", "16.1" },
        { "Sync/HeartbeatInterval", WithSync("<HeartbeatInterval>300</HeartbeatInterval>"), "14.0", "16.1" },
        { "Sync/Partial", WithSync("<Partial/>"), "12.1", "16.1" },
        { "Collection/Class", Minimal("<Class>Email</Class>"), "2.5", "12.1" },
        { "Collection/Supported", Minimal("""<Supported><FirstName xmlns="Contacts:"/></Supported>"""), "2.5", "16.1" },
        { "Collection/GetChanges", Minimal("<GetChanges/>"), "2.5", "16.1" },
        { "Collection/DeletesAsMoves", Minimal("<DeletesAsMoves/>"), "2.5", "16.1" },
        { "Collection/WindowSize", Minimal("<WindowSize>10</WindowSize>"), "2.5", "16.1" },
        { "Collection/ConversationMode", Minimal("<ConversationMode>1</ConversationMode>"), "14.0", "16.1" },
        { "Options/FilterType", Options("<FilterType>3</FilterType>"), "2.5", "16.1" },
        { "Options/Conflict", Options("<Conflict>1</Conflict>"), "2.5", "16.1" },
        { "Options/MIMESupport", Options("<MIMESupport>1</MIMESupport>"), "2.5", "16.1" },
        { "Options/MIMETruncation", Options("<MIMETruncation>1</MIMETruncation>"), "2.5", "16.1" },
        { "Options/Truncation", Options("<Truncation>4</Truncation>"), "2.5", "2.5" },
        { "Options/Class", Options("<Class>SMS</Class>"), "14.0", "16.1" },
        { "Options/MaxItems", Options("<MaxItems>100</MaxItems>"), "14.0", "16.1" },
        { "Options/BodyPreference", Preference("<Type>1</Type>"), "12.0", "16.1" },
        { "BodyPreference/Preview", Preference("<Type>1</Type><Preview>100</Preview>"), "14.1", "16.1" },
        { "Options/BodyPartPreference", Options("""<BodyPartPreference xmlns="AirSyncBase:"><Type>2</Type></BodyPartPreference>"""), "14.1", "16.1" },
        { "Options/RightsManagementSupport", Options("""<RightsManagementSupport xmlns="RightsManagement:">1</RightsManagementSupport>"""), "14.1", "16.1" },
        { "Commands/Add", Commands("<Add><ClientId>1</ClientId><ApplicationData/></Add>"), "2.5", "16.1" },
        { "Commands/Change", Commands("<Change><ServerId>1</ServerId><ApplicationData/></Change>"), "2.5", "16.1" },
        { "Commands/Delete", Commands("<Delete><ServerId>1</ServerId></Delete>"), "2.5", "16.1" },
        { "Commands/Fetch", Commands("<Fetch><ServerId>1</ServerId></Fetch>"), "2.5", "16.1" },
        { "Add/Class", Commands("<Add><ClientId>1</ClientId><Class>SMS</Class><ApplicationData/></Add>"), "14.0", "16.1" },
        { "Add/Send", Commands("""<Add><ClientId>1</ClientId><ApplicationData/><Send xmlns="Email2:"/></Add>"""), "16.0", "16.1" },
        { "Change/Send", Commands("""<Change><ServerId>1</ServerId><ApplicationData/><Send xmlns="Email2:"/></Change>"""), "16.0", "16.1" },
        { "Change/InstanceId", Commands("""<Change><ServerId>1</ServerId><InstanceId xmlns="AirSyncBase:">20261216T090000Z</InstanceId><ApplicationData/></Change>"""), "16.0", "16.1" },
        { "Delete/InstanceId", Commands("""<Delete><ServerId>1</ServerId><InstanceId xmlns="AirSyncBase:">20261216T090000Z</InstanceId></Delete>"""), "16.0", "16.1" },
    };

    [Theory]
    [MemberData(nameof(VersionedElements))]
    public void Parse_ElementInEachVersion_IsReadWhereTheSpecDefinesItAndMalformedElsewhere(string element, string xml, string first, string last)
    {
        byte[] body = Encode(xml);
        var wrong = new List<string>();
        foreach (EasVersion version in EasVersion.All)
        {
            bool defined = version >= Version(first) && version <= Version(last);
            try
            {
                _ = Parse(body, version);
                if (!defined)
                {
                    wrong.Add($"{version} read it");
                }
            }
            catch (EasProtocolException e) when (e.Reason == EasProtocolError.MalformedBody)
            {
                if (defined || !e.Detail.EndsWith($"not in {version}", StringComparison.Ordinal))
                {
                    wrong.Add($"{version} refused it: {e.Detail}");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{element}: {string.Join("; ", wrong)}");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Parse_EmptyBody_IsTheEmptyRequestInEveryVersion(string version)
    {
        SyncRequest request = SyncRequestParser.Parse(ReadOnlyMemory<byte>.Empty, Version(version), null);

        Assert.Same(SyncRequest.Empty, request);
        Assert.True(request.IsEmpty);
        Assert.Empty(request.Collections);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Parse_MinimalCollection_IsReadInEveryVersion(string version)
    {
        SyncRequest request = Parse(Minimal(), version);

        SyncCollectionRequest collection = Assert.Single(request.Collections);
        Assert.Equal(new SyncCollectionRequest("1", "5"), collection);
        Assert.Empty(collection.OptionList);
        Assert.Empty(collection.CommandList);
        Assert.Null(collection.Supported);
        Assert.False(request.Partial);
        Assert.False(request.IsEmpty);
    }

    // ---- numbers ----

    public static TheoryData<string, string, int?> WindowSizes() => new()
    {
        // MS-ASCMD_R4768: "The server interprets the value 0 (zero) and values above 512 as 512."
        { "0", "Collection", 512 },
        { "1", "Collection", 1 },
        { "100", "Collection", 100 },
        { "512", "Collection", 512 },
        { "513", "Collection", 512 },
        { "0000000100", "Collection", 100 },
        { "9999999999", "Collection", 512 },
        { "0", "Sync", 512 },
        { "512", "Sync", 512 },
        { "1000", "Sync", 512 },
    };

    [Theory]
    [MemberData(nameof(WindowSizes))]
    public void Parse_WindowSize_ZeroAndAbove512ReadAs512(string text, string level, int? expected)
    {
        if (level == "Sync")
        {
            Assert.Equal(expected, Parse(WithSync($"<WindowSize>{text}</WindowSize>")).WindowSize);
        }
        else
        {
            Assert.Equal(expected, Parse(Minimal($"<WindowSize>{text}</WindowSize>")).Collections[0].WindowSize);
        }
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("59", 59)]
    [InlineData("60", 60)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("9999999999", int.MaxValue)]
    public void Parse_WaitOutOfRange_IsKeptForStatus14(string text, int expected)
    {
        // MS-ASCMD_R4746: a Wait outside 1..59 is answered with Status 14 and Limit, not refused.
        Assert.Equal(expected, Parse(WithSync($"<Wait>{text}</Wait>")).Wait);
        Assert.Equal(expected, Parse(WithSync($"<HeartbeatInterval>{text}</HeartbeatInterval>")).HeartbeatInterval);
    }

    [Fact]
    public void Parse_WaitAndHeartbeatInterval_AreBothKeptForStatus4()
    {
        // MS-ASCMD_R4748: both together is answered with Status 4 by the handler.
        SyncRequest request = Parse(WithSync("<Wait>5</Wait><HeartbeatInterval>300</HeartbeatInterval>"));

        Assert.Equal(5, request.Wait);
        Assert.Equal(300, request.HeartbeatInterval);
    }

    public static TheoryData<string, string> BadNumbers()
    {
        string[] placements =
        [
            "<WindowSize>{0}</WindowSize>",
            "<Options><FilterType>{0}</FilterType></Options>",
            """<Options><BodyPreference xmlns="AirSyncBase:"><Type>1</Type><TruncationSize>{0}</TruncationSize></BodyPreference></Options>""",
        ];
        string[] texts = ["", "+5", "-1", " 5", "5 ", "\t5", "5\n", "1e3", "0x1", "5.0", "1,0", "five", "\u0665", "\uFF15", "12345678901"];
        var data = new TheoryData<string, string>();
        foreach (string placement in placements)
        {
            foreach (string text in texts)
            {
                data.Add(placement, text);
            }
        }

        data.Add("SyncLevel:<Wait>{0}</Wait>", "-5");
        data.Add("SyncLevel:<Wait>{0}</Wait>", "99999999999");
        data.Add("SyncLevel:<HeartbeatInterval>{0}</HeartbeatInterval>", "+300");
        return data;
    }

    [Theory]
    [MemberData(nameof(BadNumbers))]
    public void Parse_NumberThatIsNotPlainDigits_IsMalformed(string placement, string text)
    {
        string escaped = System.Security.SecurityElement.Escape(text);
        string xml = placement.StartsWith("SyncLevel:", StringComparison.Ordinal)
            ? WithSync(string.Format(System.Globalization.CultureInfo.InvariantCulture, placement["SyncLevel:".Length..], escaped))
            : Minimal(string.Format(System.Globalization.CultureInfo.InvariantCulture, placement, escaped));

        Rejected(xml);
    }

    public static TheoryData<string, string> OutOfRange() => new()
    {
        { "FilterType 9", Options("<FilterType>9</FilterType>") },
        { "Conflict 2", Options("<Conflict>2</Conflict>") },
        { "MIMESupport 3", Options("<MIMESupport>3</MIMESupport>") },
        { "MIMETruncation 9", Options("<MIMETruncation>9</MIMETruncation>") },
        { "MaxItems 0", Options("<MaxItems>0</MaxItems>") },
        { "MaxItems above int", Options("<MaxItems>2147483648</MaxItems>") },
        { "Type 0", Preference("<Type>0</Type>") },
        { "Type 5", Preference("<Type>5</Type>") },
        { "TruncationSize 2^32", Preference("<Type>1</Type><TruncationSize>4294967296</TruncationSize>") },
        { "Preview 256", Preference("<Type>1</Type><Preview>256</Preview>") },
        { "AllOrNone 2", Preference("<Type>1</Type><AllOrNone>2</AllOrNone>") },
        { "AllOrNone empty", Preference("<Type>1</Type><AllOrNone/>") },
        { "GetChanges 2", Minimal("<GetChanges>2</GetChanges>") },
        { "GetChanges true", Minimal("<GetChanges>true</GetChanges>") },
        { "DeletesAsMoves 01", Minimal("<DeletesAsMoves>01</DeletesAsMoves>") },
        { "ConversationMode empty", Minimal("<ConversationMode/>") },
        { "RightsManagementSupport 2", Options("""<RightsManagementSupport xmlns="RightsManagement:">2</RightsManagementSupport>""") },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Parse_ValueOutsideTheSpecsValues_IsMalformed(string name, string xml)
    {
        Assert.NotEmpty(name);
        Rejected(xml);
    }

    [Fact]
    public void Parse_Truncation_IsReadFrom0To9In25()
    {
        Assert.Equal(9, Parse(Options("<Truncation>9</Truncation>"), "2.5").Collections[0].OptionList[0].Body.Truncation);
        Rejected(Options("<Truncation>10</Truncation>"), "2.5");
    }

    // ---- malformed structure ----

    public static TheoryData<string, string, string> Malformed() => new()
    {
        // (case, version, body)
        { "wrong root", "16.1", """<FolderSync xmlns="FolderHierarchy:"><SyncKey>0</SyncKey></FolderSync>""" },
        { "wrong root on AirSync page", "16.1", """<Collections xmlns="AirSync:"><Collection>""" + Key + "</Collection></Collections>" },
        { "neither Collections nor Partial", "16.1", Sync("") },
        { "Wait without Collections or Partial", "16.1", Sync("<Wait>5</Wait>") },
        { "Partial alone", "16.1", Sync("<Partial/>") },
        { "Partial with content", "16.1", WithSync("<Partial>1</Partial>") },
        { "empty Collections", "16.1", Sync("<Collections/>") },
        { "missing CollectionId", "16.1", Collection("<SyncKey>1</SyncKey>") },
        { "missing CollectionId in Partial", "16.1", Sync("<Collections><Collection><SyncKey>1</SyncKey></Collection></Collections><Partial/>") },
        { "missing SyncKey", "16.1", Collection("<CollectionId>5</CollectionId>") },
        { "missing SyncKey in second collection", "16.1", Sync($"<Collections><Collection>{Key}</Collection><Collection><CollectionId>6</CollectionId></Collection></Collections>") },
        { "empty SyncKey", "16.1", Collection("<SyncKey/><CollectionId>5</CollectionId>") },
        { "empty CollectionId", "16.1", Collection("<SyncKey>1</SyncKey><CollectionId></CollectionId>") },
        { "empty Commands", "16.1", Minimal("<Commands/>") },
        { "Add without ClientId", "16.1", Commands("<Add><ApplicationData/></Add>") },
        { "Add without ApplicationData", "16.1", Commands("<Add><ClientId>1</ClientId></Add>") },
        { "Change without ServerId", "16.1", Commands("<Change><ApplicationData/></Change>") },
        { "Change without ApplicationData", "16.1", Commands("<Change><ServerId>1</ServerId></Change>") },
        { "Delete without ServerId", "16.1", Commands("<Delete/>") },
        { "Fetch without ServerId", "16.1", Commands("<Fetch></Fetch>") },
        { "BodyPreference without Type", "16.1", Preference("<TruncationSize>5</TruncationSize>") },
        { "BodyPartPreference without Type", "16.1", Options("""<BodyPartPreference xmlns="AirSyncBase:"/>""") },

        // Unknown elements: known tags in the wrong place, other pages, retired AirSync tags.
        { "Status in Sync", "16.1", WithSync("<Status>1</Status>") },
        { "Limit in Sync", "16.1", WithSync("<Limit>1</Limit>") },
        { "SyncKey in Collections", "16.1", Sync("<Collections><SyncKey>1</SyncKey></Collections>") },
        { "MoreAvailable in Collection", "16.1", Minimal("<MoreAvailable/>") },
        { "Responses in Collection", "16.1", Minimal("<Responses><Fetch><ServerId>1</ServerId></Fetch></Responses>") },
        { "Status in Collection", "16.1", Minimal("<Status>1</Status>") },
        { "other page in Collection", "16.1", Minimal("""<Subject xmlns="Email:">x</Subject>""") },
        { "WindowSize in Options", "16.1", Options("<WindowSize>5</WindowSize>") },
        { "retired RTFTruncation in Options", "2.5", Options("<RTFTruncation>1</RTFTruncation>") },
        { "Body in Options", "16.1", Options("""<Body xmlns="AirSyncBase:"><Type>1</Type></Body>""") },
        { "Data in BodyPreference", "16.1", Preference("<Type>1</Type><Data>x</Data>") },
        { "SoftDelete in Commands", "16.1", Commands("<SoftDelete><ServerId>1</ServerId></SoftDelete>") },
        { "ServerId in Commands", "16.1", Commands("<ServerId>1</ServerId>") },
        { "ServerId in Add", "16.1", Commands("<Add><ClientId>1</ClientId><ServerId>2</ServerId><ApplicationData/></Add>") },
        { "ClientId in Change", "16.1", Commands("<Change><ServerId>1</ServerId><ClientId>2</ClientId><ApplicationData/></Change>") },
        { "Class in Change", "16.1", Commands("<Change><ServerId>1</ServerId><Class>SMS</Class><ApplicationData/></Change>") },
        { "ApplicationData in Delete", "16.1", Commands("<Delete><ServerId>1</ServerId><ApplicationData/></Delete>") },
        { "ApplicationData in Fetch", "16.1", Commands("<Fetch><ServerId>1</ServerId><ApplicationData/></Fetch>") },
        { "Status in Fetch", "16.1", Commands("<Fetch><ServerId>1</ServerId><Status>1</Status></Fetch>") },
        { "InstanceId in Add", "16.1", Commands("""<Add><ClientId>1</ClientId><InstanceId xmlns="AirSyncBase:">20261216T090000Z</InstanceId><ApplicationData/></Add>""") },
        { "Send in Delete", "16.1", Commands("""<Delete><ServerId>1</ServerId><Send xmlns="Email2:"/></Delete>""") },
        { "Email page in Supported", "16.1", Minimal("""<Supported><Subject xmlns="Email:"/></Supported>""") },
        { "AirSync page in Supported", "16.1", Minimal("<Supported><Class/></Supported>") },

        // Duplicates of single-valued elements.
        { "two Collections", "16.1", Sync($"<Collections><Collection>{Key}</Collection></Collections><Collections><Collection>{Key}</Collection></Collections>") },
        { "two Sync WindowSize", "16.1", WithSync("<WindowSize>1</WindowSize><WindowSize>2</WindowSize>") },
        { "two Wait", "16.1", WithSync("<Wait>1</Wait><Wait>2</Wait>") },
        { "two HeartbeatInterval", "16.1", WithSync("<HeartbeatInterval>60</HeartbeatInterval><HeartbeatInterval>60</HeartbeatInterval>") },
        { "two Partial", "16.1", WithSync("<Partial/><Partial/>") },
        { "two SyncKey", "16.1", Minimal("<SyncKey>2</SyncKey>") },
        { "two CollectionId", "16.1", Minimal("<CollectionId>6</CollectionId>") },
        { "two Class", "12.1", Minimal("<Class>Email</Class><Class>Email</Class>") },
        { "two GetChanges", "16.1", Minimal("<GetChanges/><GetChanges>0</GetChanges>") },
        { "two DeletesAsMoves", "16.1", Minimal("<DeletesAsMoves>0</DeletesAsMoves><DeletesAsMoves>1</DeletesAsMoves>") },
        { "two Collection WindowSize", "16.1", Minimal("<WindowSize>5</WindowSize><WindowSize>5</WindowSize>") },
        { "two ConversationMode", "16.1", Minimal("<ConversationMode>1</ConversationMode><ConversationMode>1</ConversationMode>") },
        { "two Supported", "16.1", Minimal("<Supported/><Supported/>") },
        { "Supported child twice", "16.1", Minimal("""<Supported><FirstName xmlns="Contacts:"/><FirstName xmlns="Contacts:"/></Supported>""") },
        { "two Commands", "16.1", Minimal("<Commands><Fetch><ServerId>1</ServerId></Fetch></Commands><Commands><Fetch><ServerId>2</ServerId></Fetch></Commands>") },
        { "two Options Class", "16.1", Options("<Class>SMS</Class><Class>Email</Class>") },
        { "two FilterType", "16.1", Options("<FilterType>1</FilterType><FilterType>1</FilterType>") },
        { "two Conflict", "16.1", Options("<Conflict>1</Conflict><Conflict>0</Conflict>") },
        { "two MaxItems", "16.1", Options("<MaxItems>1</MaxItems><MaxItems>1</MaxItems>") },
        { "two MIMESupport", "16.1", Options("<MIMESupport>1</MIMESupport><MIMESupport>1</MIMESupport>") },
        { "two MIMETruncation", "16.1", Options("<MIMETruncation>1</MIMETruncation><MIMETruncation>1</MIMETruncation>") },
        { "two Truncation", "2.5", Options("<Truncation>1</Truncation><Truncation>1</Truncation>") },
        { "two RightsManagementSupport", "16.1", Options("""<RightsManagementSupport xmlns="RightsManagement:">1</RightsManagementSupport><RightsManagementSupport xmlns="RightsManagement:">1</RightsManagementSupport>""") },
        { "two BodyPreference of one Type", "16.1", Options("""<BodyPreference xmlns="AirSyncBase:"><Type>2</Type></BodyPreference><BodyPreference xmlns="AirSyncBase:"><Type>2</Type><TruncationSize>5</TruncationSize></BodyPreference>""") },
        { "two BodyPartPreference of one Type", "16.1", Options("""<BodyPartPreference xmlns="AirSyncBase:"><Type>2</Type></BodyPartPreference><BodyPartPreference xmlns="AirSyncBase:"><Type>2</Type></BodyPartPreference>""") },
        { "two Type", "16.1", Preference("<Type>1</Type><Type>2</Type>") },
        { "two TruncationSize", "16.1", Preference("<Type>1</Type><TruncationSize>1</TruncationSize><TruncationSize>1</TruncationSize>") },
        { "two AllOrNone", "16.1", Preference("<Type>1</Type><AllOrNone>1</AllOrNone><AllOrNone>1</AllOrNone>") },
        { "two Preview", "16.1", Preference("<Type>1</Type><Preview>1</Preview><Preview>1</Preview>") },
        { "two ClientId", "16.1", Commands("<Add><ClientId>1</ClientId><ClientId>2</ClientId><ApplicationData/></Add>") },
        { "two Add Class", "16.1", Commands("<Add><ClientId>1</ClientId><Class>SMS</Class><Class>SMS</Class><ApplicationData/></Add>") },
        { "two ApplicationData", "16.1", Commands("<Add><ClientId>1</ClientId><ApplicationData/><ApplicationData/></Add>") },
        { "two ServerId", "16.1", Commands("<Delete><ServerId>1</ServerId><ServerId>1</ServerId></Delete>") },
        { "two InstanceId", "16.1", Commands("""<Delete><ServerId>1</ServerId><InstanceId xmlns="AirSyncBase:">20261216T090000Z</InstanceId><InstanceId xmlns="AirSyncBase:">20261216T090000Z</InstanceId></Delete>""") },
        { "two Send", "16.1", Commands("""<Add><ClientId>1</ClientId><ApplicationData/><Send xmlns="Email2:"/><Send xmlns="Email2:"/></Add>""") },

        // Content where there must be none, text where there must be elements.
        { "Send with content", "16.1", Commands("""<Add><ClientId>1</ClientId><ApplicationData/><Send xmlns="Email2:">1</Send></Add>""") },
        { "Supported child with content", "16.1", Minimal("""<Supported><FirstName xmlns="Contacts:">x</FirstName></Supported>""") },
        { "text in Collection", "16.1", Minimal("x") },
        { "text in Commands", "16.1", Minimal("<Commands>x</Commands>") },
        { "text in ApplicationData", "16.1", Commands("<Add><ClientId>1</ClientId><ApplicationData>x</ApplicationData></Add>") },
        { "element in SyncKey", "16.1", Collection("<SyncKey><CollectionId>5</CollectionId></SyncKey><CollectionId>5</CollectionId>") },
        { "element after text in item data", "16.1", Commands("""<Add><ClientId>1</ClientId><ApplicationData><Subject xmlns="Email:">a<Read>1</Read></Subject></ApplicationData></Add>""") },
        { "text after element in item data", "16.1", Commands("""<Add><ClientId>1</ClientId><ApplicationData><Flag xmlns="Email:"><FlagType>a</FlagType>b</Flag></ApplicationData></Add>""") },
        { "invalid UTF-8 in item data", "16.1", Commands("""<Add><ClientId>1</ClientId><ApplicationData><Subject xmlns="Email:" encoding="string-base64">/w==</Subject></ApplicationData></Add>""") },
        { "invalid UTF-8 in SyncKey", "16.1", Collection("""<SyncKey encoding="string-base64">gA==</SyncKey><CollectionId>5</CollectionId>""") },

        // Lengths (MS-ASCMD_R4604, R2036, R3931, R959).
        { "SyncKey of 65", "16.1", Collection($"<SyncKey>{new string('k', 65)}</SyncKey><CollectionId>5</CollectionId>") },
        { "CollectionId of 65", "16.1", Collection($"<SyncKey>1</SyncKey><CollectionId>{new string('c', 65)}</CollectionId>") },
        { "ServerId of 65", "16.1", Commands($"<Fetch><ServerId>{new string('s', 65)}</ServerId></Fetch>") },
        { "ClientId of 65", "16.1", Commands($"<Add><ClientId>{new string('c', 65)}</ClientId><ApplicationData/></Add>") },
        { "Class of 33", "12.1", Minimal($"<Class>{new string('c', 33)}</Class>") },
        { "InstanceId of 33", "16.1", Commands($"""<Delete><ServerId>1</ServerId><InstanceId xmlns="AirSyncBase:">{new string('i', 33)}</InstanceId></Delete>""") },
        { "three Options", "16.1", Minimal("<Options/><Options/><Options/>") },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_MalformedBody_IsRefused(string name, string version, string xml)
    {
        EasProtocolException e = Rejected(xml, version);

        Assert.False(string.IsNullOrEmpty(e.Detail), name);
    }

    [Fact]
    public void Parse_NotWbxml_IsMalformed() =>
        AssertRejected(() => SyncRequestParser.Parse("<Sync/>"u8.ToArray(), EasVersion.V161, null));

    [Fact]
    public void Parse_ContentAfterTheRoot_IsMalformed()
    {
        byte[] body = [.. Encode(Minimal()), 0x45];

        AssertRejected(() => Parse(body, EasVersion.V161));
    }

    [Fact]
    public void Parse_BodyBeyondTheDocumentLimit_IsTooLarge()
    {
        byte[] body = Encode(Minimal());

        AssertRejected(() => SyncRequestParser.Parse(body, EasVersion.V161, new WbxmlLimits { MaxDocumentSize = body.Length - 1 }), EasProtocolError.BodyTooLarge);
    }

    [Fact]
    public void Parse_DefaultVersion_IsACallerBug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SyncRequestParser.Parse(Encode(Minimal()), default, null));

    [Fact]
    public void Parse_MalformedDetail_NamesTagsButNoContent()
    {
        EasProtocolException e = Rejected(Collection($"<SyncKey>{new string('z', 65)}</SyncKey><CollectionId>secret-folder</CollectionId>"));

        Assert.Contains("SyncKey", e.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("zzz", e.Detail, StringComparison.Ordinal);
        Assert.True(e.Offset > 0);
    }

    // ---- lengths and limits at their boundaries ----

    [Fact]
    public void Parse_IdsOf64Characters_AreRead()
    {
        string key = string.Concat(Enumerable.Repeat("😀", 64)); // 64 characters, 256 UTF-8 bytes
        string id = new('c', 64);
        SyncRequest request = Parse(Collection($"<SyncKey>{key}</SyncKey><CollectionId>{id}</CollectionId><Commands><Add><ClientId>{id}</ClientId><ApplicationData/></Add><Fetch><ServerId>{id}</ServerId></Fetch></Commands>"));

        SyncCollectionRequest collection = request.Collections[0];
        Assert.Equal(key, collection.SyncKey);
        Assert.Equal(id, collection.CollectionId);
        Assert.Equal(id, collection.CommandList[0].ClientId);
        Assert.Equal(id, collection.CommandList[1].ServerId);
    }

    [Fact]
    public void Parse_MaxCollections_IsReadAndOneMoreIsMalformed()
    {
        string Request(int count) => Sync("<Collections>" + string.Concat(Enumerable.Range(0, count).Select(i => $"<Collection><SyncKey>1</SyncKey><CollectionId>{i}</CollectionId></Collection>")) + "</Collections>");

        Assert.Equal(SyncLimits.MaxCollections, Parse(Request(SyncLimits.MaxCollections)).Collections.Count);
        EasProtocolException e = Rejected(Request(SyncLimits.MaxCollections + 1));
        Assert.Contains("1000", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MaxClientCommandsAcrossCollections_IsReadAndOneMoreIsMalformed()
    {
        // MS-ASCMD_R5657, R5658: the Add, Change, Delete and Fetch elements of the whole request.
        string Request(int second) => Sync(
            $"<Collections><Collection>{Key}<Commands>{Repeat("<Delete><ServerId>1</ServerId></Delete>", 150)}</Commands></Collection>"
            + $"<Collection><SyncKey>1</SyncKey><CollectionId>6</CollectionId><Commands>{Repeat("<Fetch><ServerId>2</ServerId></Fetch>", second)}</Commands></Collection></Collections>");

        SyncRequest request = Parse(Request(SyncLimits.MaxClientCommands - 150));
        Assert.Equal(SyncLimits.MaxClientCommands, request.Collections.Sum(c => c.CommandList.Count));
        Rejected(Request(SyncLimits.MaxClientCommands - 149));
    }

    [Fact]
    public void Parse_TwoOptions_AreReadInOrder()
    {
        IReadOnlyList<string> lines = Lines(Minimal("""
            <Options><FilterType>3</FilterType><BodyPreference xmlns="AirSyncBase:"><Type>2</Type></BodyPreference></Options>
            <Options><Class>SMS</Class><FilterType>1</FilterType><BodyPreference xmlns="AirSyncBase:"><Type>1</Type><TruncationSize>160</TruncationSize></BodyPreference></Options>
            """));

        Assert.Equal(["Options FilterType=3", "BodyPreference Type=Html", "Options Class=SMS FilterType=1", "BodyPreference Type=PlainText TruncationSize=160"], lines.Skip(2));
    }

    [Fact]
    public void Parse_OptionsWithNothingForTheBody_ShareTheNoneBodyOptions() =>
        Assert.Same(ItemBodyOptions.None, Parse(Options("<FilterType>3</FilterType>")).Collections[0].OptionList[0].Body);

    [Fact]
    public void Parse_ItemDataAtMaxDepth_IsReadAndOneLevelMoreIsMalformed()
    {
        // Any tags do: the parser keeps ApplicationData generically.
        string Nested(int levels) => Commands("<Add><ClientId>1</ClientId><ApplicationData>"
            + Repeat("""<Flag xmlns="Email:">""", levels - 1) + """<Read xmlns="Email:">1</Read>""" + Repeat("</Flag>", levels - 1)
            + "</ApplicationData></Add>");

        ItemDataElement element = Parse(Nested(SyncLimits.MaxItemDataDepth)).Collections[0].CommandList[0].ApplicationData[0];
        for (int level = 1; level < SyncLimits.MaxItemDataDepth; level++)
        {
            element = Assert.Single(element.Children);
        }

        Assert.Equal("1", element.Text);
        Rejected(Nested(SyncLimits.MaxItemDataDepth + 1));
    }

    [Fact]
    public void Parse_ItemDataAtMaxElements_IsReadAndOneMoreIsMalformed()
    {
        string Item(int elements) => Commands("<Add><ClientId>1</ClientId><ApplicationData>"
            + """<Categories xmlns="Email:">""" + Repeat("<Category>c</Category>", elements - 1) + "</Categories>"
            + "</ApplicationData></Add>");

        Assert.Equal(SyncLimits.MaxItemDataElementsPerItem - 1, Parse(Item(SyncLimits.MaxItemDataElementsPerItem)).Collections[0].CommandList[0].ApplicationData[0].Children.Count);
        EasProtocolException e = Rejected(Item(SyncLimits.MaxItemDataElementsPerItem + 1));
        Assert.Contains("5000", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ItemDataBeyondTheRequestBudget_IsMalformed()
    {
        // 21 items of 5,000 elements each: every item is within its own limit, the request is not.
        int items = (SyncLimits.MaxItemDataElements / SyncLimits.MaxItemDataElementsPerItem) + 1;
        string item = "<Add><ClientId>1</ClientId><ApplicationData>" + Repeat("""<Read xmlns="Email:"/>""", SyncLimits.MaxItemDataElementsPerItem) + "</ApplicationData></Add>";

        EasProtocolException e = Rejected(Commands(Repeat(item, items)));

        Assert.Contains("100000", e.Detail, StringComparison.Ordinal);
    }

    // ---- ApplicationData ----

    [Fact]
    public void Parse_ItemData_KeepsTextOpaqueEmptyAndContainersOfAnyPage()
    {
        SyncClientCommand add = Parse(Commands("""
            <Add>
              <ClientId>c0a8f1e2-4b7d-4a51-9e2f-6d3c8b1a0f77</ClientId>
              <ApplicationData>
                <Subject xmlns="Calendar:">Dentist – Dr. Okafor</Subject>
                <Body xmlns="AirSyncBase:"><Type>1</Type><Data>Bring the card &lt;now&gt;.</Data></Body>
                <Location xmlns="AirSyncBase:"><DisplayName>Cabinet</DisplayName><City>Lyon</City></Location>
                <Categories xmlns="Calendar:"/>
                <Timezone xmlns="Calendar:" encoding="opaque">xP///w==</Timezone>
              </ApplicationData>
            </Add>
            """)).Collections[0].CommandList[0];

        Assert.Equal(
            "Calendar:Subject=\"Dentist – Dr. Okafor\" AirSyncBase:Body{AirSyncBase:Type=\"1\" AirSyncBase:Data=\"Bring the card <now>.\"} "
            + "AirSyncBase:Location{AirSyncBase:DisplayName=\"Cabinet\" AirSyncBase:City=\"Lyon\"} Calendar:Categories Calendar:Timezone=0xC4FFFFFF",
            SyncRequestDump.Tree(add.ApplicationData));
        ItemDataElement categories = add.ApplicationData[3];
        Assert.Null(categories.Text);
        Assert.Null(categories.Opaque);
        Assert.Empty(categories.Children);
    }

    [Fact]
    public void Parse_OpaqueItemData_IsASliceOfTheBodyNotACopy()
    {
        byte[] body = Encode(Commands("""<Add><ClientId>1</ClientId><ApplicationData><Picture xmlns="Contacts:" encoding="opaque">AAECAwQFBgc=</Picture></ApplicationData></Add>"""));

        ReadOnlyMemory<byte> opaque = Parse(body, EasVersion.V161).Collections[0].CommandList[0].ApplicationData[0].Opaque!.Value;

        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7 }, opaque.ToArray());
        Assert.True(MemoryMarshal.TryGetArray(opaque, out ArraySegment<byte> segment));
        Assert.Same(body, segment.Array);
    }

    [Fact]
    public void Parse_TextInPieces_IsJoined()
    {
        // libwbxml and some devices split a string; here an inline string followed by opaque data.
        byte[] prefix = Encode(Commands("""<Add><ClientId>1</ClientId><ApplicationData><Subject xmlns="Email:">ab</Subject></ApplicationData></Add>"""));
        int at = prefix.AsSpan().IndexOf("ab\0"u8) + 3; // after STR_I "ab"
        byte[] body = [.. prefix[..at], 0xC3, 0x02, (byte)'c', (byte)'d', .. prefix[at..]]; // OPAQUE "cd"

        ItemDataElement subject = Parse(body, EasVersion.V161).Collections[0].CommandList[0].ApplicationData[0];

        Assert.Null(subject.Text);
        Assert.Equal("abcd"u8.ToArray(), subject.Opaque!.Value.ToArray());
    }

    [Fact]
    public void Parse_CommandsInDocumentOrder_AreKeptInOrder()
    {
        SyncRequest request = Parse(Commands("""
            <Change><ServerId>5:12</ServerId><ApplicationData><Read xmlns="Email:">1</Read></ApplicationData></Change>
            <Delete><ServerId>5:9</ServerId></Delete>
            <Fetch><ServerId>5:17</ServerId></Fetch>
            <Add><ClientId>7</ClientId><ApplicationData/></Add>
            """));

        Assert.Equal(
            [SyncCommandKind.Change, SyncCommandKind.Delete, SyncCommandKind.Fetch, SyncCommandKind.Add],
            request.Collections[0].CommandList.Select(c => c.Kind));
        Assert.All(request.Collections[0].CommandList.Where(c => c.Kind is SyncCommandKind.Delete or SyncCommandKind.Fetch), c => Assert.Empty(c.ApplicationData));
    }

    // ---- Partial ----

    [Fact]
    public void Parse_PartialRequest_MayLeaveOutSyncKey()
    {
        SyncRequest request = Parse(Sync("<Collections><Collection><CollectionId>12</CollectionId><Options><FilterType>2</FilterType></Options></Collection></Collections><Wait>15</Wait><Partial/>"));

        Assert.True(request.Partial);
        Assert.Null(request.Collections[0].SyncKey);
        Assert.Equal("12", request.Collections[0].CollectionId);
    }

    [Theory]
    [InlineData("<Wait>5</Wait><Partial/>")]
    [InlineData("<HeartbeatInterval>300</HeartbeatInterval><Partial/>")]
    [InlineData("<Partial/><WindowSize>50</WindowSize>")]
    public void Parse_PartialWithoutCollections_IsRead(string inner)
    {
        // MS-ASCMD_R3643: Partial with Wait or HeartbeatInterval, WindowSize, Collections, or any combination.
        SyncRequest request = Parse(Sync(inner));

        Assert.True(request.Partial);
        Assert.Empty(request.Collections);
    }

    // ---- round trips through libwbxml ----

    public static TheoryData<string, string, string> Documents() => new()
    {
        {
            "14.1",
            """
            <Sync xmlns="AirSync:">
              <Collections>
                <Collection>
                  <SyncKey>1834759203</SyncKey>
                  <CollectionId>5</CollectionId>
                  <DeletesAsMoves>1</DeletesAsMoves>
                  <GetChanges>1</GetChanges>
                  <WindowSize>25</WindowSize>
                  <ConversationMode>1</ConversationMode>
                  <Options>
                    <FilterType>3</FilterType>
                    <Conflict>1</Conflict>
                    <MIMESupport>0</MIMESupport>
                    <MIMETruncation>8</MIMETruncation>
                    <BodyPreference xmlns="AirSyncBase:"><Type>2</Type><TruncationSize>51200</TruncationSize><AllOrNone>0</AllOrNone><Preview>255</Preview></BodyPreference>
                    <BodyPartPreference xmlns="AirSyncBase:"><Type>2</Type><TruncationSize>32768</TruncationSize><AllOrNone>1</AllOrNone><Preview>200</Preview></BodyPartPreference>
                    <RightsManagementSupport xmlns="RightsManagement:">1</RightsManagementSupport>
                  </Options>
                  <Options>
                    <Class>SMS</Class>
                    <FilterType>1</FilterType>
                    <BodyPreference xmlns="AirSyncBase:"><Type>1</Type><TruncationSize>160</TruncationSize></BodyPreference>
                  </Options>
                  <Commands>
                    <Change>
                      <ServerId>5:12</ServerId>
                      <ApplicationData>
                        <Read xmlns="Email:">1</Read>
                        <Flag xmlns="Email:"><FlagType>Follow up</FlagType><StartDate xmlns="Tasks:">2026-12-01T00:00:00.000Z</StartDate></Flag>
                        <Categories xmlns="Email:"><Category>Budget &amp; Finance</Category></Categories>
                      </ApplicationData>
                    </Change>
                    <Delete><ServerId>5:9</ServerId></Delete>
                    <Fetch><ServerId>5:17</ServerId></Fetch>
                  </Commands>
                </Collection>
                <Collection>
                  <SyncKey>0</SyncKey>
                  <CollectionId>RI</CollectionId>
                  <Options><MaxItems>200</MaxItems></Options>
                </Collection>
              </Collections>
              <HeartbeatInterval>480</HeartbeatInterval>
              <WindowSize>100</WindowSize>
            </Sync>
            """,
            """
            Sync WindowSize=100 HeartbeatInterval=480
            Collection SyncKey=1834759203 CollectionId=5 GetChanges=True DeletesAsMoves=True WindowSize=25 ConversationMode=True
            Options FilterType=3 Conflict=1 MIMESupport=0 MIMETruncation=8 RightsManagementSupport
            BodyPreference Type=Html TruncationSize=51200 Preview=255
            BodyPartPreference Type=Html TruncationSize=32768 AllOrNone Preview=200
            Options Class=SMS FilterType=1
            BodyPreference Type=PlainText TruncationSize=160
            Change ServerId=5:12 ApplicationData: Email:Read="1" Email:Flag{Email:FlagType="Follow up" Tasks:StartDate="2026-12-01T00:00:00.000Z"} Email:Categories{Email:Category="Budget & Finance"}
            Delete ServerId=5:9
            Fetch ServerId=5:17
            Collection SyncKey=0 CollectionId=RI
            Options MaxItems=200
            """
        },
        {
            "2.5",
            """
            <Sync xmlns="AirSync:">
              <Collections>
                <Collection>
                  <Class>Email</Class>
                  <SyncKey>{6F2B1C84-3D0E-4A9B-8C11-5E7D2A90F431}1</SyncKey>
                  <CollectionId>5</CollectionId>
                  <DeletesAsMoves/>
                  <GetChanges/>
                  <WindowSize>10</WindowSize>
                  <Options>
                    <FilterType>2</FilterType>
                    <Truncation>4</Truncation>
                    <MIMESupport>2</MIMESupport>
                    <MIMETruncation>7</MIMETruncation>
                    <Conflict>1</Conflict>
                  </Options>
                </Collection>
                <Collection>
                  <Class>Contacts</Class>
                  <SyncKey>0</SyncKey>
                  <CollectionId>2</CollectionId>
                  <Supported><FirstName xmlns="Contacts:"/><LastName xmlns="Contacts:"/><NickName xmlns="Contacts2:"/></Supported>
                </Collection>
              </Collections>
            </Sync>
            """,
            """
            Sync
            Collection SyncKey={6F2B1C84-3D0E-4A9B-8C11-5E7D2A90F431}1 CollectionId=5 Class=Email GetChanges=True DeletesAsMoves=True WindowSize=10
            Options FilterType=2 Conflict=1 MIMESupport=2 MIMETruncation=7 Truncation=4
            Collection SyncKey=0 CollectionId=2 Class=Contacts Supported=[Contacts:FirstName Contacts:LastName Contacts2:NickName]
            """
        },
        {
            "16.0",
            """
            <Sync xmlns="AirSync:">
              <Collections>
                <Collection>
                  <SyncKey>90177</SyncKey>
                  <CollectionId>16</CollectionId>
                  <Commands>
                    <Add>
                      <ClientId>draft-0001</ClientId>
                      <ApplicationData>
                        <To xmlns="Email:">"Anna Müller" &lt;anna@contoso.example&gt;</To>
                        <Subject xmlns="Email:">Offsite – venue shortlist</Subject>
                        <Body xmlns="AirSyncBase:"><Type>1</Type><Data>Annecy, Sintra, Kyoto (京都).</Data></Body>
                        <Attachments xmlns="AirSyncBase:">
                          <Add><ClientId>att-1</ClientId><Method>1</Method><DisplayName>agenda.txt</DisplayName><Content>QWdlbmRh</Content></Add>
                        </Attachments>
                      </ApplicationData>
                    </Add>
                    <Change>
                      <ServerId>16:4</ServerId>
                      <ApplicationData><Subject xmlns="Email:">final</Subject></ApplicationData>
                      <Send xmlns="Email2:"/>
                    </Change>
                    <Delete><ServerId>3:95</ServerId><InstanceId xmlns="AirSyncBase:">20261216T090000Z</InstanceId></Delete>
                  </Commands>
                </Collection>
              </Collections>
              <Wait>15</Wait>
              <Partial/>
            </Sync>
            """,
            """
            Sync Wait=15 Partial
            Collection SyncKey=90177 CollectionId=16
            Add ClientId=draft-0001 ApplicationData: Email:To=""Anna Müller" <anna@contoso.example>" Email:Subject="Offsite – venue shortlist" AirSyncBase:Body{AirSyncBase:Type="1" AirSyncBase:Data="Annecy, Sintra, Kyoto (京都)."} AirSyncBase:Attachments{AirSyncBase:Add{AirSyncBase:ClientId="att-1" AirSyncBase:Method="1" AirSyncBase:DisplayName="agenda.txt" AirSyncBase:Content=0x4167656E6461}}
            Change ServerId=16:4 Send ApplicationData: Email:Subject="final"
            Delete ServerId=3:95 InstanceId=20261216T090000Z
            """
        },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Parse_DocumentEncodedByLibwbxml_ReadsEveryElement(string version, string xml, string expected)
    {
        byte[] theirs = Libwbxml.Encode(xml);

        string dump = SyncRequestDump.Of(Parse(theirs, Version(version)));

        Assert.Equal(expected.ReplaceLineEndings("\n"), dump);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Parse_OurEncodingAndLibwbxmls_ReadTheSame(string version, string xml, string expected)
    {
        Assert.NotEmpty(expected);
        byte[] theirs = Libwbxml.Encode(xml);
        byte[] ours = Encode(xml);

        Assert.Equal(SyncRequestDump.Of(Parse(theirs, Version(version))), SyncRequestDump.Of(Parse(ours, Version(version))));
    }

    [Fact]
    public void Parse_DocumentDecodedByLibwbxml_HoldsWhatWeRead()
    {
        // The other direction: the bytes the parser reads, as libwbxml reads them.
        string xml = Commands("""<Add><ClientId>c1</ClientId><Class>SMS</Class><ApplicationData><Read xmlns="Email:">1</Read></ApplicationData></Add>""");
        byte[] body = Encode(xml);

        string theirs = Libwbxml.Decode(body);

        Libwbxml.AssertSameXml(xml, theirs);
        Assert.Contains("Add ClientId=c1 Class=SMS ApplicationData: Email:Read=\"1\"", SyncRequestDump.Lines(Parse(body, EasVersion.V161)));
    }

    [Fact]
    public void Parse_Utf8Text_IsDecoded()
    {
        SyncRequest request = Parse(Collection("<SyncKey>ключ-1</SyncKey><CollectionId>дом</CollectionId>"));

        Assert.Equal("ключ-1", request.Collections[0].SyncKey);
        Assert.Equal("дом", request.Collections[0].CollectionId);
    }
}
