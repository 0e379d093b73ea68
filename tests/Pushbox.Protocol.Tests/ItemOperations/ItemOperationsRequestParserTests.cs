using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Protocol.Commands.ItemOperations;
using Pushbox.Protocol.Tests.Commands;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;
using EmailTags = Pushbox.Wbxml.EasCodePages.EmailTags;
using Tags = Pushbox.Wbxml.EasCodePages.ItemOperationsTags;

namespace Pushbox.Protocol.Tests.ItemOperations;

public class ItemOperationsRequestParserTests
{
    private static ItemOperationsRequest Parse(string xml) => Parse(xml, EasVersion.V161);

    private static ItemOperationsRequest Parse(string xml, EasVersion version) => ItemOperationsRequestParser.Parse(Encode(xml), version, WbxmlLimits.Default);

    private static string Body(string operations) => $"""<ItemOperations xmlns="ItemOperations:">{operations}</ItemOperations>""";

    private const string Store = "<Store>Mailbox</Store>";
    private const string ServerId = """<ServerId xmlns="AirSync:">5:21</ServerId>""";

    private static string Fetch(string children) => $"<Fetch>{children}</Fetch>";

    private static string FetchWithOptions(string options) => Fetch($"{Store}{ServerId}<Options>{options}</Options>");

    private static ItemOperationsFetchOptions OptionsOf(string options, string version = "16.1") =>
        Assert.IsType<ItemOperationsFetch>(Assert.Single(Parse(Body(FetchWithOptions(options)), Version(version)).Operations)).Options;

    [Fact]
    public void Parse_MailboxRequest_EncodedByLibwbxml_ReadsEveryOperationInOrder()
    {
        byte[] body = Libwbxml.Encode("""
            <ItemOperations xmlns="ItemOperations:">
              <Fetch>
                <Store>Mailbox</Store>
                <CollectionId xmlns="AirSync:">5</CollectionId>
                <ServerId xmlns="AirSync:">5:21</ServerId>
                <Options>
                  <MIMESupport xmlns="AirSync:">2</MIMESupport>
                  <BodyPreference xmlns="AirSyncBase:"><Type>4</Type></BodyPreference>
                  <RightsManagementSupport xmlns="RightsManagement:">1</RightsManagementSupport>
                </Options>
              </Fetch>
              <Fetch>
                <Store>Mailbox</Store>
                <FileReference xmlns="AirSyncBase:">5%3a21%3a0</FileReference>
                <Options><Range>0-4095</Range></Options>
              </Fetch>
              <Fetch>
                <Store>Mailbox</Store>
                <LongId xmlns="Search:">UmdBQUFBQQ1qr8K/7RJ+1dat5jV3sxnBlJBkeMY8DEikWeIkGQ==</LongId>
                <Options>
                  <Schema>
                    <Subject xmlns="Email:"/>
                    <From xmlns="Email:"/>
                    <Body xmlns="AirSyncBase:"/>
                  </Schema>
                  <BodyPreference xmlns="AirSyncBase:"><Type>1</Type><TruncationSize>2048</TruncationSize><AllOrNone>1</AllOrNone><Preview>100</Preview></BodyPreference>
                  <BodyPreference xmlns="AirSyncBase:"><Type>2</Type></BodyPreference>
                  <BodyPartPreference xmlns="AirSyncBase:"><Type>2</Type><TruncationSize>50</TruncationSize></BodyPartPreference>
                </Options>
              </Fetch>
              <EmptyFolderContents>
                <CollectionId xmlns="AirSync:">4</CollectionId>
                <Options><DeleteSubFolders/></Options>
              </EmptyFolderContents>
              <Move>
                <ConversationId>YY+G5iNuVs4wmzILjnjNlg==</ConversationId>
                <DstFldId>12</DstFldId>
                <Options><MoveAlways/></Options>
              </Move>
            </ItemOperations>
            """);

        ItemOperationsRequest request = ItemOperationsRequestParser.Parse(body, EasVersion.V141, null);

        Assert.Equal(5, request.Operations.Count);
        var item = Assert.IsType<ItemOperationsFetch>(request.Operations[0]);
        Assert.Equal(("Mailbox", "5", "5:21"), (item.Store, item.CollectionId, item.ServerId));
        Assert.Equal(ItemOperationsFetchTarget.MailboxItem, item.Target);
        Assert.True(item.IsMailboxStore);
        Assert.Equal(2, item.Options.Body.MimeSupport);
        Assert.True(item.Options.Body.RightsManagementSupport);
        Assert.Equal([new BodyPreference(BodyType.Mime)], item.Options.Body.BodyPreferences);

        var attachment = Assert.IsType<ItemOperationsFetch>(request.Operations[1]);
        Assert.Equal("5%3a21%3a0", attachment.FileReference);
        Assert.Equal(ItemOperationsFetchTarget.Attachment, attachment.Target);
        Assert.Equal(new ItemOperationsByteRange(0, 4095), attachment.Options.Range);
        Assert.True(attachment.Options.HasOnlyRange);

        var search = Assert.IsType<ItemOperationsFetch>(request.Operations[2]);
        Assert.Equal(ItemOperationsFetchTarget.SearchResult, search.Target);
        Assert.Equal([EmailTags.Subject, EmailTags.From, EasCodePages.AirSyncBaseTags.Body], search.Options.Schema);
        Assert.Equal([new BodyPreference(BodyType.PlainText, 2048, true, 100), new BodyPreference(BodyType.Html)], search.Options.Body.BodyPreferences);
        Assert.Equal([new BodyPreference(BodyType.Html, 50)], search.Options.Body.BodyPartPreferences);
        Assert.False(search.Options.HasOnlyRange);

        Assert.Equal(new ItemOperationsEmptyFolderContents("4", true), request.Operations[3]);

        var move = Assert.IsType<ItemOperationsMove>(request.Operations[4]);
        Assert.Equal(Convert.FromBase64String("YY+G5iNuVs4wmzILjnjNlg=="), move.ConversationId.ToArray());
        Assert.Equal("12", move.DstFldId);
        Assert.True(move.MoveAlways);
    }

    [Fact]
    public void Parse_DocumentLibraryRequest_EncodedByLibwbxml_KeepsCredentialsAndMasksThePassword()
    {
        byte[] body = Libwbxml.Encode("""
            <ItemOperations xmlns="ItemOperations:">
              <Fetch>
                <Store>DocumentLibrary</Store>
                <LinkId xmlns="DocumentLibrary:">\\fs01.contoso.example\Finance\Budgets 2027\Übersicht &amp; Planung.xlsx</LinkId>
                <Options>
                  <Range>0-63</Range>
                  <UserName>CONTOSO\zangstrom</UserName>
                  <Password>Pa$$w0rd &amp; "more" &lt;secret&gt;</Password>
                </Options>
              </Fetch>
              <Fetch>
                <Store>documentlibrary</Store>
                <LinkId xmlns="DocumentLibrary:">http://sharepoint.contoso.example/sites/finance/Shared Documents/Q4 – Forecast.docx</LinkId>
              </Fetch>
            </ItemOperations>
            """);

        ItemOperationsRequest request = ItemOperationsRequestParser.Parse(body, EasVersion.V121, WbxmlLimits.Default);

        var unc = Assert.IsType<ItemOperationsFetch>(request.Operations[0]);
        Assert.Equal(@"\\fs01.contoso.example\Finance\Budgets 2027\Übersicht & Planung.xlsx", unc.LinkId);
        Assert.Equal(ItemOperationsFetchTarget.DocumentLibraryItem, unc.Target);
        Assert.True(unc.IsDocumentLibraryStore);
        Assert.Equal(@"CONTOSO\zangstrom", unc.Options.UserName);
        Assert.Equal("Pa$$w0rd & \"more\" <secret>", unc.Options.Password);
        Assert.DoesNotContain("Pa$$w0rd", unc.ToString(), StringComparison.Ordinal);
        Assert.Contains("Password = ***", unc.ToString(), StringComparison.Ordinal);

        var sharePoint = Assert.IsType<ItemOperationsFetch>(request.Operations[1]);
        Assert.True(sharePoint.IsDocumentLibraryStore);
        Assert.Same(ItemOperationsFetchOptions.None, sharePoint.Options);
    }

    [Theory]
    [InlineData("", ItemOperationsFetchTarget.None)]
    [InlineData("""<CollectionId xmlns="AirSync:">5</CollectionId>""", ItemOperationsFetchTarget.None)]
    [InlineData("""<ServerId xmlns="AirSync:">5:1</ServerId>""", ItemOperationsFetchTarget.MailboxItem)]
    [InlineData("""<LongId xmlns="Search:">L</LongId>""", ItemOperationsFetchTarget.SearchResult)]
    [InlineData("""<FileReference xmlns="AirSyncBase:">F</FileReference>""", ItemOperationsFetchTarget.Attachment)]
    [InlineData("""<LinkId xmlns="DocumentLibrary:">http://x/y</LinkId>""", ItemOperationsFetchTarget.DocumentLibraryItem)]
    [InlineData("""<ServerId xmlns="AirSync:">5:1</ServerId><FileReference xmlns="AirSyncBase:">F</FileReference>""", ItemOperationsFetchTarget.Ambiguous)]
    [InlineData("""<LongId xmlns="Search:">L</LongId><LinkId xmlns="DocumentLibrary:">http://x/y</LinkId>""", ItemOperationsFetchTarget.Ambiguous)]
    public void Target_NamesTheOneLocatorOrSaysItIsUnusable(string locators, ItemOperationsFetchTarget target) =>
        Assert.Equal(target, Assert.IsType<ItemOperationsFetch>(Parse(Body(Fetch(Store + locators))).Operations.Single()).Target);

    [Fact]
    public void Parse_EmptyFileReference_IsKeptAsEmptyForStatus15()
    {
        var fetch = Assert.IsType<ItemOperationsFetch>(Parse(Body(Fetch(Store + """<FileReference xmlns="AirSyncBase:"/>"""))).Operations.Single());

        Assert.Equal(string.Empty, fetch.FileReference);
        Assert.Equal(ItemOperationsFetchTarget.Attachment, fetch.Target);
    }

    [Fact]
    public void Parse_FileReferenceHoldingAnEmptyString_IsKeptAsEmpty()
    {
        byte[] body = WbxmlTestHelpers.Write(w =>
        {
            w.WriteStartElement(Tags.ItemOperations);
            w.WriteStartElement(Tags.Fetch);
            w.WriteElementString(Tags.Store, "Mailbox");
            w.WriteStartElement(EasCodePages.AirSyncBaseTags.FileReference);
            w.WriteOpaque([]);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

        Assert.Equal(string.Empty, Assert.IsType<ItemOperationsFetch>(ItemOperationsRequestParser.Parse(body, EasVersion.V140, null).Operations.Single()).FileReference);
    }

    [Fact]
    public void Parse_ConversationIdAsText_IsItsUtf8Bytes()
    {
        byte[] body = WbxmlTestHelpers.Write(w =>
        {
            w.WriteStartElement(Tags.ItemOperations);
            w.WriteStartElement(Tags.Move);
            w.WriteStartElement(Tags.ConversationId);
            w.WriteString("abc");
            w.WriteEndElement();
            w.WriteElementString(Tags.DstFldId, "7");
            w.WriteEndElement();
            w.WriteEndElement();
        });

        var move = Assert.IsType<ItemOperationsMove>(ItemOperationsRequestParser.Parse(body, EasVersion.V140, null).Operations.Single());
        Assert.Equal("abc"u8.ToArray(), move.ConversationId.ToArray());
        Assert.False(move.MoveAlways);
    }

    [Fact]
    public void Parse_ConversationId_IsACopyNotTheRequestBuffer()
    {
        byte[] body = Encode(Body("<Move><ConversationId>AQID</ConversationId><DstFldId>7</DstFldId></Move>"));
        var move = Assert.IsType<ItemOperationsMove>(ItemOperationsRequestParser.Parse(body, EasVersion.V140, null).Operations.Single());

        Array.Clear(body);

        Assert.Equal(new byte[] { 1, 2, 3 }, move.ConversationId.ToArray());
    }

    [Fact]
    public void Parse_EmptyOptionsAndAbsentFlags_AreDefaults()
    {
        ItemOperationsRequest request = Parse(Body(
            FetchWithOptions("") +
            """<EmptyFolderContents><CollectionId xmlns="AirSync:">4</CollectionId><Options/></EmptyFolderContents>""" +
            """<EmptyFolderContents><CollectionId xmlns="AirSync:">4</CollectionId></EmptyFolderContents>"""));

        Assert.True(Assert.IsType<ItemOperationsFetch>(request.Operations[0]).Options.HasOnlyRange);
        Assert.Null(Assert.IsType<ItemOperationsFetch>(request.Operations[0]).Options.Range);
        Assert.Equal(new ItemOperationsEmptyFolderContents("4", false), request.Operations[1]);
        Assert.Equal(new ItemOperationsEmptyFolderContents("4", false), request.Operations[2]);
    }

    [Theory]
    [InlineData("<Range>0-9</Range>", true)]
    [InlineData("<Range>0-9</Range><UserName>u</UserName>", false)]
    [InlineData("<Password>p</Password>", false)]
    [InlineData("""<Schema><Subject xmlns="Email:"/></Schema>""", false)]
    [InlineData("""<MIMESupport xmlns="AirSync:">0</MIMESupport>""", false)]
    [InlineData("""<BodyPreference xmlns="AirSyncBase:"><Type>1</Type></BodyPreference>""", false)]
    [InlineData("""<BodyPartPreference xmlns="AirSyncBase:"><Type>2</Type></BodyPartPreference>""", false)]
    [InlineData("""<RightsManagementSupport xmlns="RightsManagement:">0</RightsManagementSupport>""", true)]
    [InlineData("""<RightsManagementSupport xmlns="RightsManagement:">1</RightsManagementSupport>""", false)]
    public void HasOnlyRange_SaysWhetherAnAttachmentFetchMayCarryTheOptions(string options, bool onlyRange) =>
        Assert.Equal(onlyRange, OptionsOf(options).HasOnlyRange);

    [Fact]
    public void Parse_SeveralSchemaElements_AreJoined() =>
        Assert.Equal(
            [EmailTags.Subject, EasCodePages.CalendarTags.StartTime, EasCodePages.ContactsTags.FileAs, EasCodePages.TasksTags.DueDate, EasCodePages.NotesTags.LastModifiedDate],
            OptionsOf("""<Schema><Subject xmlns="Email:"/><StartTime xmlns="Calendar:"/></Schema><Schema><FileAs xmlns="Contacts:"/><DueDate xmlns="Tasks:"/><LastModifiedDate xmlns="Notes:"/></Schema>""").Schema);

    [Fact]
    public void Parse_MaxSchemaProperties_IsAccepted() =>
        Assert.Equal(ItemOperationsLimits.MaxSchemaProperties, OptionsOf($"""<Schema>{string.Concat(Enumerable.Repeat("""<Subject xmlns="Email:"/>""", ItemOperationsLimits.MaxSchemaProperties))}</Schema>""").Schema.Count);

    [Fact]
    public void Parse_MaxOperations_IsAccepted() =>
        Assert.Equal(ItemOperationsLimits.MaxOperations, Parse(Body(string.Concat(Enumerable.Repeat(Fetch(Store + ServerId), ItemOperationsLimits.MaxOperations)))).Operations.Count);

    [Fact]
    public void Parse_OneOperationOverTheLimit_IsMalformed()
    {
        string operations = string.Concat(Enumerable.Repeat(Fetch(Store + ServerId), 50))
            + string.Concat(Enumerable.Repeat("""<EmptyFolderContents><CollectionId xmlns="AirSync:">4</CollectionId></EmptyFolderContents>""", 50))
            + "<Move><ConversationId>AQID</ConversationId><DstFldId>7</DstFldId></Move>";

        EasProtocolException e = AssertRejected(() => Parse(Body(operations)));
        Assert.Contains("more than 100", e.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12.0")]
    [InlineData("12.1")]
    [InlineData("14.0")]
    [InlineData("14.1")]
    [InlineData("16.0")]
    [InlineData("16.1")]
    public void Parse_FetchAndEmptyFolderContents_AreReadInEveryVersionThatHasTheCommand(string version)
    {
        ItemOperationsRequest request = Parse(
            Body(FetchWithOptions("""<Range>0-1</Range><UserName>u</UserName><Password>p</Password><MIMESupport xmlns="AirSync:">1</MIMESupport><BodyPreference xmlns="AirSyncBase:"><Type>2</Type><TruncationSize>5</TruncationSize><AllOrNone>0</AllOrNone></BodyPreference><Schema><Subject xmlns="Email:"/></Schema>""")
                + """<EmptyFolderContents><CollectionId xmlns="AirSync:">4</CollectionId><Options><DeleteSubFolders/></Options></EmptyFolderContents>"""),
            Version(version));

        Assert.Equal(2, request.Operations.Count);
    }

    public static TheoryData<string, string, string> NotYetDefined() => new()
    {
        { "Move before 14.0", "12.1", Body("<Move><ConversationId>AQID</ConversationId><DstFldId>7</DstFldId><Options><MoveAlways/></Options></Move>") },
        { "BodyPartPreference before 14.1", "14.0", Body(FetchWithOptions("""<BodyPartPreference xmlns="AirSyncBase:"><Type>2</Type></BodyPartPreference>""")) },
        { "RightsManagementSupport before 14.1", "14.0", Body(FetchWithOptions("""<RightsManagementSupport xmlns="RightsManagement:">1</RightsManagementSupport>""")) },
        { "Preview before 14.1", "14.0", Body(FetchWithOptions("""<BodyPreference xmlns="AirSyncBase:"><Type>1</Type><Preview>10</Preview></BodyPreference>""")) },
    };

    [Theory]
    [MemberData(nameof(NotYetDefined))]
    public void Parse_ElementNewerThanTheVersion_IsMalformed(string why, string version, string xml)
    {
        Assert.NotNull(why);
        EasProtocolException e = AssertRejected(() => Parse(xml, Version(version)));
        Assert.Contains("is not allowed", e.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("0.0")]
    public void Parse_VersionWithoutItemOperations_Throws(string version)
    {
        EasVersion v = version == "0.0" ? default : Version(version);

        Assert.Throws<ArgumentOutOfRangeException>(() => ItemOperationsRequestParser.Parse(Encode(Body(Fetch(Store + ServerId))), v, null));
    }

    private static string Move(string children) => $"<Move>{children}</Move>";

    private static string Efc(string children) => $"<EmptyFolderContents>{children}</EmptyFolderContents>";

    private const string Conversation = "<ConversationId>AQID</ConversationId>";
    private const string Destination = "<DstFldId>7</DstFldId>";
    private const string Folder = """<CollectionId xmlns="AirSync:">4</CollectionId>""";

    private static string Preference(string children) => $"""<BodyPreference xmlns="AirSyncBase:">{children}</BodyPreference>""";

    public static TheoryData<string, string> MalformedXml() => new()
    {
        { "wrong root", """<MoveItems xmlns="Move:"><Move><SrcMsgId>1</SrcMsgId></Move></MoveItems>""" },
        { "no operation", """<ItemOperations xmlns="ItemOperations:"/>""" },
        { "unknown element in ItemOperations", Body("<Response/>" + Fetch(Store + ServerId)) },
        { "text in ItemOperations", Body("fetch") },
        { "Fetch without Store", Body(Fetch(ServerId)) },
        { "empty Fetch", Body("<Fetch/>") },
        { "unknown element in Fetch", Body(Fetch(Store + ServerId + "<Status>1</Status>")) },
        { "Class in Fetch", Body(Fetch(Store + ServerId + """<Class xmlns="AirSync:">Email</Class>""")) },
        { "empty Store", Body(Fetch("<Store/>" + ServerId)) },
        { "Store of 257 characters", Body(Fetch($"<Store>{new string('s', 257)}</Store>{ServerId}")) },
        { "repeated Store", Body(Fetch(Store + Store + ServerId)) },
        { "repeated ServerId", Body(Fetch(Store + ServerId + ServerId)) },
        { "repeated CollectionId", Body(Fetch(Store + ServerId + Folder + Folder)) },
        { "repeated LongId", Body(Fetch(Store + """<LongId xmlns="Search:">a</LongId><LongId xmlns="Search:">b</LongId>""")) },
        { "repeated FileReference (Status 2 in the spec)", Body(Fetch(Store + """<FileReference xmlns="AirSyncBase:">a</FileReference><FileReference xmlns="AirSyncBase:">b</FileReference>""")) },
        { "repeated LinkId", Body(Fetch(Store + """<LinkId xmlns="DocumentLibrary:">a</LinkId><LinkId xmlns="DocumentLibrary:">b</LinkId>""")) },
        { "repeated Options", Body(Fetch(Store + ServerId + "<Options/><Options/>")) },
        { "empty ServerId", Body(Fetch(Store + """<ServerId xmlns="AirSync:"/>""")) },
        { "ServerId of 65 characters", Body(Fetch(Store + $"""<ServerId xmlns="AirSync:">{new string('i', 65)}</ServerId>""")) },
        { "CollectionId of 65 characters", Body(Fetch(Store + ServerId + $"""<CollectionId xmlns="AirSync:">{new string('c', 65)}</CollectionId>""")) },
        { "LongId of 257 characters", Body(Fetch(Store + $"""<LongId xmlns="Search:">{new string('l', 257)}</LongId>""")) },
        { "FileReference of 1025 characters", Body(Fetch(Store + $"""<FileReference xmlns="AirSyncBase:">{new string('f', 1025)}</FileReference>""")) },
        { "LinkId of 2049 characters", Body(Fetch(Store + $"""<LinkId xmlns="DocumentLibrary:">{new string('u', 2049)}</LinkId>""")) },
        { "huge LinkId", Body(Fetch(Store + $"""<LinkId xmlns="DocumentLibrary:">{new string('u', 1_000_000)}</LinkId>""")) },
        { "unknown element in Options", Body(FetchWithOptions("<Total>5</Total>")) },
        { "Fetch option of another page", Body(FetchWithOptions("""<FilterType xmlns="AirSync:">1</FilterType>""")) },
        { "UserName of 101 characters", Body(FetchWithOptions($"<UserName>{new string('u', 101)}</UserName>")) },
        { "Password of 257 characters", Body(FetchWithOptions($"<Password>{new string('p', 257)}</Password>")) },
        { "empty Password", Body(FetchWithOptions("<Password/>")) },
        { "repeated UserName", Body(FetchWithOptions("<UserName>a</UserName><UserName>b</UserName>")) },
        { "repeated Password", Body(FetchWithOptions("<Password>a</Password><Password>b</Password>")) },
        { "repeated Range", Body(FetchWithOptions("<Range>0-1</Range><Range>2-3</Range>")) },
        { "Range without hyphen", Body(FetchWithOptions("<Range>100</Range>")) },
        { "Range reversed", Body(FetchWithOptions("<Range>9-0</Range>")) },
        { "Range with a sign", Body(FetchWithOptions("<Range>-1-5</Range>")) },
        { "Range of ten digits", Body(FetchWithOptions("<Range>0-1000000000</Range>")) },
        { "Range with spaces inside", Body(FetchWithOptions("<Range>0 - 9</Range>")) },
        { "Range not numbers", Body(FetchWithOptions("<Range>first-last</Range>")) },
        { "empty Range", Body(FetchWithOptions("<Range/>")) },
        { "MIMESupport 3", Body(FetchWithOptions("""<MIMESupport xmlns="AirSync:">3</MIMESupport>""")) },
        { "MIMESupport not a number", Body(FetchWithOptions("""<MIMESupport xmlns="AirSync:">all</MIMESupport>""")) },
        { "repeated MIMESupport", Body(FetchWithOptions("""<MIMESupport xmlns="AirSync:">1</MIMESupport><MIMESupport xmlns="AirSync:">1</MIMESupport>""")) },
        { "RightsManagementSupport 2", Body(FetchWithOptions("""<RightsManagementSupport xmlns="RightsManagement:">2</RightsManagementSupport>""")) },
        { "repeated RightsManagementSupport", Body(FetchWithOptions("""<RightsManagementSupport xmlns="RightsManagement:">1</RightsManagementSupport><RightsManagementSupport xmlns="RightsManagement:">1</RightsManagementSupport>""")) },
        { "BodyPreference without Type", Body(FetchWithOptions(Preference("<TruncationSize>5</TruncationSize>"))) },
        { "BodyPreference Type 0", Body(FetchWithOptions(Preference("<Type>0</Type>"))) },
        { "BodyPreference Type 5", Body(FetchWithOptions(Preference("<Type>5</Type>"))) },
        { "BodyPreference Type empty", Body(FetchWithOptions(Preference("<Type/>"))) },
        { "two BodyPreferences of one Type", Body(FetchWithOptions(Preference("<Type>1</Type>") + Preference("<Type>1</Type><TruncationSize>5</TruncationSize>"))) },
        { "two BodyPartPreferences of one Type", Body(FetchWithOptions("""<BodyPartPreference xmlns="AirSyncBase:"><Type>2</Type></BodyPartPreference><BodyPartPreference xmlns="AirSyncBase:"><Type>2</Type></BodyPartPreference>""")) },
        { "repeated Type", Body(FetchWithOptions(Preference("<Type>1</Type><Type>2</Type>"))) },
        { "repeated TruncationSize", Body(FetchWithOptions(Preference("<Type>1</Type><TruncationSize>1</TruncationSize><TruncationSize>2</TruncationSize>"))) },
        { "TruncationSize over 32 bits", Body(FetchWithOptions(Preference("<Type>1</Type><TruncationSize>4294967296</TruncationSize>"))) },
        { "TruncationSize negative", Body(FetchWithOptions(Preference("<Type>1</Type><TruncationSize>-1</TruncationSize>"))) },
        { "TruncationSize not a number", Body(FetchWithOptions(Preference("<Type>1</Type><TruncationSize>1e3</TruncationSize>"))) },
        { "AllOrNone 2", Body(FetchWithOptions(Preference("<Type>1</Type><AllOrNone>2</AllOrNone>"))) },
        { "repeated AllOrNone", Body(FetchWithOptions(Preference("<Type>1</Type><AllOrNone>1</AllOrNone><AllOrNone>1</AllOrNone>"))) },
        { "Preview 256", Body(FetchWithOptions(Preference("<Type>1</Type><Preview>256</Preview>"))) },
        { "unknown element in BodyPreference", Body(FetchWithOptions(Preference("<Type>1</Type><Data>x</Data>"))) },
        { "Schema property outside the content classes", Body(FetchWithOptions("""<Schema><ServerId xmlns="AirSync:"/></Schema>""")) },
        { "Schema property of ItemOperations", Body(FetchWithOptions("<Schema><Range/></Schema>")) },
        { "too many Schema properties", Body(FetchWithOptions($"""<Schema>{string.Concat(Enumerable.Repeat("""<Subject xmlns="Email:"/>""", ItemOperationsLimits.MaxSchemaProperties + 1))}</Schema>""")) },
        { "EmptyFolderContents without CollectionId", Body(Efc("<Options><DeleteSubFolders/></Options>")) },
        { "empty EmptyFolderContents", Body("<EmptyFolderContents/>") },
        { "repeated CollectionId in EmptyFolderContents", Body(Efc(Folder + Folder)) },
        { "CollectionId of 65 characters in EmptyFolderContents", Body(Efc($"""<CollectionId xmlns="AirSync:">{new string('c', 65)}</CollectionId>""")) },
        { "repeated Options in EmptyFolderContents", Body(Efc(Folder + "<Options/><Options/>")) },
        { "repeated DeleteSubFolders", Body(Efc(Folder + "<Options><DeleteSubFolders/><DeleteSubFolders/></Options>")) },
        { "DeleteSubFolders with content", Body(Efc(Folder + "<Options><DeleteSubFolders>1</DeleteSubFolders></Options>")) },
        { "MoveAlways in EmptyFolderContents", Body(Efc(Folder + "<Options><MoveAlways/></Options>")) },
        { "unknown element in EmptyFolderContents", Body(Efc(Folder + Store)) },
        { "Move without ConversationId", Body(Move(Destination)) },
        { "Move without DstFldId", Body(Move(Conversation)) },
        { "empty ConversationId", Body(Move("<ConversationId/>" + Destination)) },
        { "ConversationId of 65 bytes", Body(Move($"<ConversationId>{Convert.ToBase64String(new byte[65])}</ConversationId>{Destination}")) },
        { "repeated ConversationId", Body(Move(Conversation + Conversation + Destination)) },
        { "repeated DstFldId", Body(Move(Conversation + Destination + Destination)) },
        { "empty DstFldId", Body(Move(Conversation + "<DstFldId/>")) },
        { "DstFldId of 65 characters", Body(Move(Conversation + $"<DstFldId>{new string('d', 65)}</DstFldId>")) },
        { "repeated MoveAlways", Body(Move(Conversation + Destination + "<Options><MoveAlways/><MoveAlways/></Options>")) },
        { "MoveAlways with content", Body(Move(Conversation + Destination + "<Options><MoveAlways>1</MoveAlways></Options>")) },
        { "DeleteSubFolders in Move", Body(Move(Conversation + Destination + "<Options><DeleteSubFolders/></Options>")) },
        { "unknown element in Move", Body(Move(Conversation + Destination + Store)) },
        { "child inside Store", Body(Fetch("<Store><Range>0-1</Range></Store>" + ServerId)) },
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
        // Header, SWITCH_PAGE 20, ItemOperations with content, token 0x3F (not defined on page 20), END.
        byte[] body = [0x03, 0x01, 0x6A, 0x00, 0x00, 0x14, 0x45, 0x3F, 0x01];

        AssertRejected(() => ItemOperationsRequestParser.Parse(body, EasVersion.V161, null));
    }

    [Fact]
    public void Parse_InvalidUtf8FileReference_IsMalformed()
    {
        byte[] body = WbxmlTestHelpers.Write(w =>
        {
            w.WriteStartElement(Tags.ItemOperations);
            w.WriteStartElement(Tags.Fetch);
            w.WriteElementString(Tags.Store, "Mailbox");
            w.WriteStartElement(EasCodePages.AirSyncBaseTags.FileReference);
            w.WriteOpaque([0xFF, 0xFE]);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

        AssertRejected(() => ItemOperationsRequestParser.Parse(body, EasVersion.V161, null));
    }

    [Fact]
    public void Parse_FileReferenceOfMaxLengthInFourByteCharacters_IsAccepted()
    {
        string reference = string.Concat(Enumerable.Repeat("📎", ItemOperationsLimits.MaxFileReferenceLength));

        var fetch = Assert.IsType<ItemOperationsFetch>(Parse(Body(Fetch(Store + $"""<FileReference xmlns="AirSyncBase:">{reference}</FileReference>"""))).Operations.Single());

        Assert.Equal(reference, fetch.FileReference);
    }

    [Fact]
    public void Parse_EmptyBody_IsMalformed() =>
        AssertRejected(() => ItemOperationsRequestParser.Parse(ReadOnlyMemory<byte>.Empty, EasVersion.V161, null));

    [Fact]
    public void Parse_BodyOverTheDocumentLimit_IsBodyTooLarge()
    {
        byte[] body = Encode(Body(Fetch(Store + ServerId)));

        AssertRejected(() => ItemOperationsRequestParser.Parse(body, EasVersion.V161, new WbxmlLimits { MaxDocumentSize = body.Length - 1 }), EasProtocolError.BodyTooLarge);
    }

    [Fact]
    public void Parse_EveryTruncation_IsMalformed()
    {
        byte[] body = Encode(Body(
            FetchWithOptions("""<Range>0-9</Range><BodyPreference xmlns="AirSyncBase:"><Type>1</Type></BodyPreference>""")
            + Efc(Folder + "<Options><DeleteSubFolders/></Options>")
            + Move(Conversation + Destination + "<Options><MoveAlways/></Options>")));
        for (int length = 0; length < body.Length; length++)
        {
            AssertRejected(() => ItemOperationsRequestParser.Parse(body.AsMemory(0, length), EasVersion.V161, null));
        }
    }
}
