using FsCheck;
using FsCheck.Xunit;
using Pushbox.Protocol.Commands.GetItemEstimate;
using Pushbox.Protocol.Tests.Commands;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;
using AirSyncTags = Pushbox.Wbxml.EasCodePages.AirSyncTags;
using Tags = Pushbox.Wbxml.EasCodePages.GetItemEstimateTags;

namespace Pushbox.Protocol.Tests.GetItemEstimate;

public class GetItemEstimateRequestParserTests
{
    private static GetItemEstimateRequest Parse(string xml) => Parse(xml, EasVersion.V161);

    private static GetItemEstimateRequest Parse(string xml, EasVersion version) => GetItemEstimateRequestParser.Parse(Encode(xml), version, WbxmlLimits.Default);

    private static string Body(string collections) => $"""<GetItemEstimate xmlns="GetItemEstimate:"><Collections>{collections}</Collections></GetItemEstimate>""";

    private static string Collection(string children) => $"<Collection>{children}</Collection>";

    private const string Key = """<SyncKey xmlns="AirSync:">1</SyncKey>""";
    private const string Id = "<CollectionId>5</CollectionId>";

    private static void AssertCollection(GetItemEstimateCollectionRequest actual, string syncKey, string collectionId, bool? conversationMode, params GetItemEstimateOptions[] options)
    {
        Assert.Equal(syncKey, actual.SyncKey);
        Assert.Equal(collectionId, actual.CollectionId);
        Assert.Equal(conversationMode, actual.ConversationMode);
        Assert.Equal(options, actual.Options);
    }

    [Fact]
    public void Parse_Protocol14Shape_EncodedByLibwbxml_ReadsOptionsPerClass()
    {
        // The 14.0+ shape: airsync:SyncKey first (MS-ASCMD_R4589), ConversationMode, one Options per class.
        byte[] body = Libwbxml.Encode("""
            <GetItemEstimate xmlns="GetItemEstimate:">
              <Collections>
                <Collection>
                  <SyncKey xmlns="AirSync:">1834759206</SyncKey>
                  <CollectionId>5</CollectionId>
                  <ConversationMode xmlns="AirSync:">1</ConversationMode>
                  <Options xmlns="AirSync:"><FilterType>3</FilterType><Class>Email</Class></Options>
                  <Options xmlns="AirSync:"><FilterType>1</FilterType><Class>SMS</Class></Options>
                </Collection>
                <Collection>
                  <SyncKey xmlns="AirSync:">448112100</SyncKey>
                  <CollectionId>RI</CollectionId>
                  <Options xmlns="AirSync:"><MaxItems>20</MaxItems></Options>
                </Collection>
              </Collections>
            </GetItemEstimate>
            """);

        GetItemEstimateRequest request = GetItemEstimateRequestParser.Parse(body, EasVersion.V140, WbxmlLimits.Default);

        Assert.Equal(2, request.Collections.Count);
        AssertCollection(request.Collections[0], "1834759206", "5", true, new GetItemEstimateOptions("Email", 3), new GetItemEstimateOptions("SMS", 1));
        AssertCollection(request.Collections[1], "448112100", "RI", null, new GetItemEstimateOptions(null, null, 20));
    }

    [Fact]
    public void Parse_Protocol12Shape_EncodedByLibwbxml_BecomesOneOptionsEntry()
    {
        // The 2.5 to 12.1 shape: getitemestimate:Class and airsync:FilterType in the Collection (MS-ASCMD_R6313, R6314).
        byte[] body = Libwbxml.Encode("""
            <GetItemEstimate xmlns="GetItemEstimate:">
              <Collections>
                <Collection>
                  <Class>Email</Class>
                  <CollectionId>5</CollectionId>
                  <FilterType xmlns="AirSync:">3</FilterType>
                  <SyncKey xmlns="AirSync:">{6F2B1C84-3D0E-4A9B-8C11-5E7D2A90F431}2</SyncKey>
                </Collection>
                <Collection>
                  <Class>Tasks</Class>
                  <CollectionId>8</CollectionId>
                  <SyncKey xmlns="AirSync:">{A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF}3</SyncKey>
                </Collection>
                <Collection>
                  <CollectionId>9</CollectionId>
                  <SyncKey xmlns="AirSync:">7</SyncKey>
                </Collection>
              </Collections>
            </GetItemEstimate>
            """);

        GetItemEstimateRequest request = GetItemEstimateRequestParser.Parse(body, EasVersion.V121, WbxmlLimits.Default);

        AssertCollection(request.Collections[0], "{6F2B1C84-3D0E-4A9B-8C11-5E7D2A90F431}2", "5", null, new GetItemEstimateOptions("Email", 3));
        AssertCollection(request.Collections[1], "{A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF}3", "8", null, new GetItemEstimateOptions("Tasks", null));
        AssertCollection(request.Collections[2], "7", "9", null);
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("12.0")]
    [InlineData("12.1")]
    public void Parse_OlderShape_IsReadForEveryVersionBefore14(string version)
    {
        GetItemEstimateRequest request = Parse(Body(Collection("""<FilterType xmlns="AirSync:">0</FilterType><SyncKey xmlns="AirSync:">1</SyncKey><CollectionId>5</CollectionId><Class>Contacts</Class>""")), Version(version));

        AssertCollection(Assert.Single(request.Collections), "1", "5", null, new GetItemEstimateOptions("Contacts", 0));
    }

    [Theory]
    [InlineData("14.0")]
    [InlineData("14.1")]
    [InlineData("16.0")]
    [InlineData("16.1")]
    public void Parse_OptionsShape_IsReadForEveryVersionFrom14(string version)
    {
        GetItemEstimateRequest request = Parse(Body(Collection("""<Options xmlns="AirSync:"><FilterType>2</FilterType></Options><CollectionId>5</CollectionId><SyncKey xmlns="AirSync:">1</SyncKey><ConversationMode xmlns="AirSync:">0</ConversationMode>""")), Version(version));

        AssertCollection(Assert.Single(request.Collections), "1", "5", false, new GetItemEstimateOptions(null, 2));
    }

    public static TheoryData<string, string, string> ElementsOfTheOtherShape() => new()
    {
        { "Options before 14.0", "12.1", Body(Collection(Key + Id + """<Options xmlns="AirSync:"><FilterType>1</FilterType></Options>""")) },
        { "ConversationMode before 14.0", "12.1", Body(Collection(Key + Id + """<ConversationMode xmlns="AirSync:">1</ConversationMode>""")) },
        { "Options in 2.5", "2.5", Body(Collection(Key + Id + """<Options xmlns="AirSync:"><Class>Email</Class></Options>""")) },
        { "collection-level Class from 14.0", "14.0", Body(Collection(Key + Id + "<Class>Email</Class>")) },
        { "collection-level FilterType from 14.0", "16.1", Body(Collection(Key + Id + """<FilterType xmlns="AirSync:">1</FilterType>""")) },
        { "collection-level FilterType beside Options", "14.1", Body(Collection(Key + Id + """<FilterType xmlns="AirSync:">1</FilterType><Options xmlns="AirSync:"><Class>Email</Class></Options>""")) },
    };

    [Theory]
    [MemberData(nameof(ElementsOfTheOtherShape))]
    public void Parse_ElementOfTheOtherVersionsShape_IsMalformed(string why, string version, string xml)
    {
        Assert.NotNull(why);
        EasProtocolException e = AssertRejected(() => Parse(xml, Version(version)));
        Assert.Contains("is not allowed", e.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void Parse_FilterTypeBounds_AreAccepted(int filterType)
    {
        Assert.Equal(filterType, Parse(Body(Collection($"""{Key}{Id}<FilterType xmlns="AirSync:">{filterType}</FilterType>""")), EasVersion.V121).Collections[0].Options[0].FilterType);
        Assert.Equal(filterType, Parse(Body(Collection($"""{Key}{Id}<Options xmlns="AirSync:"><FilterType>{filterType}</FilterType></Options>"""))).Collections[0].Options[0].FilterType);
    }

    [Fact]
    public void Parse_MaxCollections_IsAccepted()
    {
        string collections = string.Concat(Enumerable.Range(0, GetItemEstimateLimits.MaxCollections).Select(i => Collection($"{Key}<CollectionId>{i}</CollectionId>")));

        Assert.Equal(GetItemEstimateLimits.MaxCollections, Parse(Body(collections)).Collections.Count);
    }

    [Fact]
    public void Parse_OneCollectionOverTheLimit_IsMalformedAtThatCollection()
    {
        string collections = string.Concat(Enumerable.Range(0, GetItemEstimateLimits.MaxCollections + 1).Select(i => Collection($"{Key}<CollectionId>{i}</CollectionId>")));

        EasProtocolException e = AssertRejected(() => Parse(Body(collections)));
        Assert.Contains("more than 300", e.Detail, StringComparison.Ordinal);
        Assert.True(e.Offset > 0);
    }

    private const string Old = "12.1";
    private const string New = "16.1";

    public static TheoryData<string, string, string> MalformedXml() => new()
    {
        { "wrong root", New, """<MoveItems xmlns="Move:"><Move><SrcMsgId>1</SrcMsgId></Move></MoveItems>""" },
        { "no Collections", New, """<GetItemEstimate xmlns="GetItemEstimate:"/>""" },
        { "two Collections", New, $"""<GetItemEstimate xmlns="GetItemEstimate:"><Collections>{Collection(Key + Id)}</Collections><Collections>{Collection(Key + Id)}</Collections></GetItemEstimate>""" },
        { "unknown element in GetItemEstimate", New, $"""<GetItemEstimate xmlns="GetItemEstimate:"><Response><Status>1</Status></Response><Collections>{Collection(Key + Id)}</Collections></GetItemEstimate>""" },
        { "empty Collections", New, """<GetItemEstimate xmlns="GetItemEstimate:"><Collections/></GetItemEstimate>""" },
        { "unknown element in Collections", New, $"""<GetItemEstimate xmlns="GetItemEstimate:"><Collections><Estimate>1</Estimate>{Collection(Key + Id)}</Collections></GetItemEstimate>""" },
        { "missing SyncKey", New, Body(Collection(Id)) },
        { "missing CollectionId", New, Body(Collection(Key)) },
        { "missing SyncKey, older shape", Old, Body(Collection(Id + "<Class>Email</Class>")) },
        { "empty Collection", New, Body("<Collection/>") },
        { "unknown element in Collection", New, Body(Collection(Key + Id + """<WindowSize xmlns="AirSync:">5</WindowSize>""")) },
        { "unknown element in Collection, older shape", Old, Body(Collection(Key + Id + "<Estimate>1</Estimate>")) },
        { "repeated SyncKey", New, Body(Collection(Key + Id + Key)) },
        { "repeated CollectionId", New, Body(Collection(Key + Id + Id)) },
        { "repeated collection-level Class", Old, Body(Collection(Key + Id + "<Class>Email</Class><Class>Email</Class>")) },
        { "repeated collection-level FilterType", Old, Body(Collection(Key + Id + """<FilterType xmlns="AirSync:">1</FilterType><FilterType xmlns="AirSync:">1</FilterType>""")) },
        { "repeated ConversationMode", New, Body(Collection(Key + Id + """<ConversationMode xmlns="AirSync:">1</ConversationMode><ConversationMode xmlns="AirSync:">0</ConversationMode>""")) },
        { "empty SyncKey", New, Body(Collection("""<SyncKey xmlns="AirSync:"/>""" + Id)) },
        { "empty CollectionId", New, Body(Collection(Key + "<CollectionId/>")) },
        { "empty collection-level Class", Old, Body(Collection(Key + Id + "<Class/>")) },
        { "SyncKey of 65 characters", New, Body(Collection($"""<SyncKey xmlns="AirSync:">{new string('k', 65)}</SyncKey>{Id}""")) },
        { "CollectionId of 65 characters", New, Body(Collection($"{Key}<CollectionId>{new string('c', 65)}</CollectionId>")) },
        { "huge CollectionId", New, Body(Collection($"{Key}<CollectionId>{new string('c', 1_000_000)}</CollectionId>")) },
        { "Class of 33 characters", Old, Body(Collection($"{Key}{Id}<Class>{new string('x', 33)}</Class>")) },
        { "Options Class of 33 characters", New, Body(Collection($"""{Key}{Id}<Options xmlns="AirSync:"><Class>{new string('x', 33)}</Class></Options>""")) },
        { "FilterType 9", Old, Body(Collection(Key + Id + """<FilterType xmlns="AirSync:">9</FilterType>""")) },
        { "FilterType 9 in Options", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"><FilterType>9</FilterType></Options>""")) },
        { "FilterType negative", Old, Body(Collection(Key + Id + """<FilterType xmlns="AirSync:">-1</FilterType>""")) },
        { "FilterType not a number", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"><FilterType>week</FilterType></Options>""")) },
        { "FilterType empty", Old, Body(Collection(Key + Id + """<FilterType xmlns="AirSync:"/>""")) },
        { "FilterType with a sign", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"><FilterType>+1</FilterType></Options>""")) },
        { "FilterType with a fraction", Old, Body(Collection(Key + Id + """<FilterType xmlns="AirSync:">1.0</FilterType>""")) },
        { "FilterType in other digits", Old, Body(Collection(Key + Id + """<FilterType xmlns="AirSync:">٣</FilterType>""")) },
        { "ConversationMode 2", New, Body(Collection(Key + Id + """<ConversationMode xmlns="AirSync:">2</ConversationMode>""")) },
        { "ConversationMode true", New, Body(Collection(Key + Id + """<ConversationMode xmlns="AirSync:">true</ConversationMode>""")) },
        { "MaxItems 0", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"><MaxItems>0</MaxItems></Options>""")) },
        { "MaxItems beyond Int32", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"><MaxItems>2147483648</MaxItems></Options>""")) },
        { "MaxItems not a number", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"><MaxItems>many</MaxItems></Options>""")) },
        { "empty Options", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"/>""")) },
        { "unknown element in Options", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"><FilterType>1</FilterType><Conflict>1</Conflict></Options>""")) },
        { "three Options", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"><Class>Email</Class></Options><Options xmlns="AirSync:"><Class>SMS</Class></Options><Options xmlns="AirSync:"><Class>Calendar</Class></Options>""")) },
        { "two Options for one class", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"><Class>Email</Class><FilterType>1</FilterType></Options><Options xmlns="AirSync:"><Class>email</Class><FilterType>2</FilterType></Options>""")) },
        { "two Options without a class", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"><FilterType>1</FilterType></Options><Options xmlns="AirSync:"><FilterType>2</FilterType></Options>""")) },
        { "repeated Class in Options", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"><Class>Email</Class><Class>SMS</Class></Options>""")) },
        { "repeated FilterType in Options", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"><FilterType>1</FilterType><FilterType>1</FilterType></Options>""")) },
        { "repeated MaxItems in Options", New, Body(Collection(Key + Id + """<Options xmlns="AirSync:"><MaxItems>1</MaxItems><MaxItems>1</MaxItems></Options>""")) },
        { "text in Collection", New, Body("<Collection>text</Collection>") },
        { "child inside SyncKey", New, Body(Collection($"""<SyncKey xmlns="AirSync:"><CollectionId>1</CollectionId></SyncKey>{Id}""")) },
    };

    [Theory]
    [MemberData(nameof(MalformedXml))]
    public void Parse_MalformedBody_IsRefused(string why, string version, string xml)
    {
        Assert.NotNull(why);
        AssertRejected(() => Parse(xml, Version(version)));
    }

    [Fact]
    public void Parse_TagUndefinedInTheCodePage_IsMalformed()
    {
        // Header, SWITCH_PAGE 6, GetItemEstimate with content, token 0x3F (not defined on page 6), END.
        byte[] body = [0x03, 0x01, 0x6A, 0x00, 0x00, 0x06, 0x45, 0x3F, 0x01];

        AssertRejected(() => GetItemEstimateRequestParser.Parse(body, EasVersion.V161, WbxmlLimits.Default));
    }

    [Fact]
    public void Parse_DefaultVersion_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GetItemEstimateRequestParser.Parse(Encode(Body(Collection(Key + Id))), default, null));

    [Fact]
    public void Parse_EmptyBody_IsMalformed() =>
        AssertRejected(() => GetItemEstimateRequestParser.Parse(ReadOnlyMemory<byte>.Empty, EasVersion.V161, null));

    [Fact]
    public void Parse_BodyOverTheDocumentLimit_IsBodyTooLarge()
    {
        byte[] body = Encode(Body(Collection(Key + Id)));
        var limits = new WbxmlLimits { MaxDocumentSize = body.Length - 1 };

        AssertRejected(() => GetItemEstimateRequestParser.Parse(body, EasVersion.V161, limits), EasProtocolError.BodyTooLarge);
    }

    [Fact]
    public void Parse_EveryTruncation_IsMalformed()
    {
        byte[] body = Encode(Body(Collection(Key + Id + """<Options xmlns="AirSync:"><Class>Email</Class><FilterType>3</FilterType></Options>""")));
        for (int length = 0; length < body.Length; length++)
        {
            AssertRejected(() => GetItemEstimateRequestParser.Parse(body.AsMemory(0, length), EasVersion.V161, WbxmlLimits.Default));
        }
    }

    [Property(MaxTest = 300)]
    public bool Parse_AnyValidCollection_RoundTrips(NonEmptyString syncKey, NonEmptyString collectionId, byte filterType, bool conversationMode)
    {
        static string Clean(string s) => new(s.Where(c => c != '\0' && !char.IsSurrogate(c)).Take(64).ToArray());
        string key = Clean(syncKey.Get);
        string id = Clean(collectionId.Get);
        if (key.Length == 0 || id.Length == 0)
        {
            return true;
        }

        int filter = filterType % 9;
        byte[] body = WbxmlTestHelpers.Write(w =>
        {
            w.WriteStartElement(Tags.GetItemEstimate);
            w.WriteStartElement(Tags.Collections);
            w.WriteStartElement(Tags.Collection);
            w.WriteElementString(AirSyncTags.SyncKey, key);
            w.WriteElementString(Tags.CollectionId, id);
            w.WriteElementInt(AirSyncTags.ConversationMode, conversationMode ? 1 : 0);
            w.WriteStartElement(AirSyncTags.Options);
            w.WriteElementInt(AirSyncTags.FilterType, filter);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

        GetItemEstimateCollectionRequest collection = Assert.Single(GetItemEstimateRequestParser.Parse(body, EasVersion.V161, WbxmlLimits.Default).Collections);
        return collection.SyncKey == key && collection.CollectionId == id && collection.ConversationMode == conversationMode
            && collection.Options.Single() == new GetItemEstimateOptions(null, filter);
    }
}
