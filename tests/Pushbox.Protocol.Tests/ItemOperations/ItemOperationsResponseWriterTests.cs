using System.Buffers;
using Pushbox.Protocol.Commands;
using Pushbox.Protocol.Commands.ItemData;
using Pushbox.Protocol.Commands.ItemOperations;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;
using BaseTags = Pushbox.Wbxml.EasCodePages.AirSyncBaseTags;
using EmailTags = Pushbox.Wbxml.EasCodePages.EmailTags;
using XsdValidator = Pushbox.Testing.Eas.XsdValidator;

namespace Pushbox.Protocol.Tests.ItemOperations;

public class ItemOperationsResponseWriterTests
{
    /// <summary>The response schema and every schema its Properties and Fetch children refer to (the files carry no xs:import).</summary>
    internal static readonly string[] Schemas =
    [
        "ItemOperationsResponse.xsd", "ItemOperations.xsd", "AirSync.xsd", "AirSyncBase.xsd", "Search.xsd", "DocumentLibrary.xsd",
        "Email.xsd", "Email2.xsd", "Calendar.xsd", "Contacts.xsd", "Contacts2.xsd", "Tasks.xsd", "Notes.xsd", "RightsManagement.xsd",
        "ComposeMail.xsd", "MeetingResponseResponse.xsd", "GAL.xsd",
    ];

    private static readonly byte[] ConversationId = Convert.FromBase64String("YY+G5iNuVs4wmzILjnjNlg==");

    /// <summary>Writes the response in memory, counting the flushes.</summary>
    internal static (byte[] Bytes, int Flushes) Write(ItemOperationsResponse response, EasVersion version)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new WbxmlWriter(buffer);
        int flushes = 0;
        var output = new WbxmlResponseOutput(writer, _ => { flushes++; return ValueTask.CompletedTask; });
        ItemOperationsResponseWriter.WriteAsync(output, response, version, CancellationToken.None).GetAwaiter().GetResult();
        Assert.Equal(0, writer.Depth);
        return (buffer.WrittenSpan.ToArray(), flushes);
    }

    private static byte[] Bytes(ItemOperationsResponse response, EasVersion version) => Write(response, version).Bytes;

    private static ItemDataWriter Email(string subject) => (output, _) =>
    {
        WbxmlWriter w = output.Writer;
        w.WriteElementString(EmailTags.Subject, subject);
        w.WriteElementString(EmailTags.DateReceived, "2026-11-30T10:00:02.000Z");
        w.WriteStartElement(BaseTags.Body);
        w.WriteElementInt(BaseTags.Type, 1);
        w.WriteElementInt(BaseTags.EstimatedDataSize, 5);
        w.WriteElementString(BaseTags.Data, "Hello");
        w.WriteEndElement();
        return ValueTask.CompletedTask;
    };

    private static readonly ItemOperationsFetch MailboxFetch = new("Mailbox", "5", "5:21", null, null, null, ItemOperationsFetchOptions.None);

    private static ItemOperationsFetchResult ItemResult() =>
        ItemOperationsFetchResult.For(MailboxFetch, ItemOperationsStatus.Success, Email("Q4 planning"), @class: "Email");

    private static ItemOperationsFetchResult AttachmentResult() =>
        new(ItemOperationsStatus.Success)
        {
            FileReference = "5%3a21%3a0",
            Data = ItemOperationsFetchData.Inline(11, ItemOperationsData.FromBytes("hello world"u8.ToArray())) with { ContentType = "text/plain" },
        };

    [Fact]
    public void Write_OperationsInRequestOrder_MatchGoldenBytes()
    {
        ItemOperationsResponse response = ItemOperationsResponse.Success(
        [
            ItemResult(),
            new ItemOperationsFetchResult(ItemOperationsStatus.Success)
            {
                FileReference = "5%3a21%3a0",
                Data = ItemOperationsFetchData.Inline(11, ItemOperationsData.FromBytes("hello world"u8.ToArray())),
            },
            new ItemOperationsEmptyFolderContentsResult(ItemOperationsStatus.Success, "4"),
            new ItemOperationsMoveResult(ItemOperationsStatus.Success, ConversationId),
        ]);
        byte[] expected = Encode("""
            <ItemOperations xmlns="ItemOperations:">
              <Status>1</Status>
              <Response>
                <Fetch>
                  <Status>1</Status>
                  <CollectionId xmlns="AirSync:">5</CollectionId>
                  <ServerId xmlns="AirSync:">5:21</ServerId>
                  <Class xmlns="AirSync:">Email</Class>
                  <Properties>
                    <Subject xmlns="Email:">Q4 planning</Subject>
                    <DateReceived xmlns="Email:">2026-11-30T10:00:02.000Z</DateReceived>
                    <Body xmlns="AirSyncBase:"><Type>1</Type><EstimatedDataSize>5</EstimatedDataSize><Data>Hello</Data></Body>
                  </Properties>
                </Fetch>
                <Fetch>
                  <Status>1</Status>
                  <FileReference xmlns="AirSyncBase:">5%3a21%3a0</FileReference>
                  <Properties><Total>11</Total><Data>aGVsbG8gd29ybGQ=</Data></Properties>
                </Fetch>
                <EmptyFolderContents><Status>1</Status><CollectionId xmlns="AirSync:">4</CollectionId></EmptyFolderContents>
                <Move><Status>1</Status><ConversationId>YY+G5iNuVs4wmzILjnjNlg==</ConversationId></Move>
              </Response>
            </ItemOperations>
            """);

        (byte[] actual, int flushes) = Write(response, EasVersion.V141);

        AssertSameBytes(expected, actual);
        Assert.Equal(4 + 1, flushes); // one per operation, and one for the inline data's only chunk
        Libwbxml.AssertRoundTrip(actual);
    }

    [Fact]
    public void Write_DocumentLibraryFetches_InlineAndMultipart_MatchGoldenBytes()
    {
        ItemOperationsResponse response = ItemOperationsResponse.Success(
        [
            new ItemOperationsFetchResult(ItemOperationsStatus.Success)
            {
                LinkId = @"\\fs01\Finance\Budget.xlsx",
                Data = ItemOperationsFetchData.Inline(48213, ItemOperationsData.FromBytes(new byte[] { 0x50, 0x4B, 0x03, 0x04 }))
                    with { Range = new ItemOperationsByteRange(0, 3), Version = Modified },
            },
            new ItemOperationsFetchResult(ItemOperationsStatus.Success)
            {
                LinkId = "http://sharepoint/Q4.docx",
                Data = ItemOperationsFetchData.InPart(16384, 1) with { Version = Modified },
            },
        ]);
        byte[] expected = Encode("""
            <ItemOperations xmlns="ItemOperations:">
              <Status>1</Status>
              <Response>
                <Fetch>
                  <Status>1</Status>
                  <LinkId xmlns="DocumentLibrary:">\\fs01\Finance\Budget.xlsx</LinkId>
                  <Properties><Range>0-3</Range><Total>48213</Total><Data>UEsDBA==</Data><Version>2026-11-30T07:55:00.000Z</Version></Properties>
                </Fetch>
                <Fetch>
                  <Status>1</Status>
                  <LinkId xmlns="DocumentLibrary:">http://sharepoint/Q4.docx</LinkId>
                  <Properties><Total>16384</Total><Part>1</Part><Version>2026-11-30T07:55:00.000Z</Version></Properties>
                </Fetch>
              </Response>
            </ItemOperations>
            """);

        byte[] actual = Bytes(response, EasVersion.V121);

        AssertSameBytes(expected, actual);
        Libwbxml.AssertRoundTrip(actual);
    }

    private static readonly DateTimeOffset Modified = new(2026, 11, 30, 8, 55, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Write_AttachmentProperties_HaveContentTypeRangeTotalData()
    {
        var result = new ItemOperationsFetchResult(ItemOperationsStatus.Success)
        {
            FileReference = "F",
            Data = ItemOperationsFetchData.Inline(100, ItemOperationsData.FromBytes(new byte[10])) with { ContentType = "text/csv; charset=utf-8", Range = new ItemOperationsByteRange(0, 9) },
        };
        byte[] expected = Encode("""
            <ItemOperations xmlns="ItemOperations:"><Status>1</Status><Response><Fetch><Status>1</Status><FileReference xmlns="AirSyncBase:">F</FileReference>
            <Properties><ContentType xmlns="AirSyncBase:">text/csv; charset=utf-8</ContentType><Range>0-9</Range><Total>100</Total><Data>AAAAAAAAAAAAAA==</Data></Properties>
            </Fetch></Response></ItemOperations>
            """);

        AssertSameBytes(expected, Bytes(ItemOperationsResponse.Success([result]), EasVersion.V140));
    }

    [Fact]
    public void Write_GlobalFailure_IsStatusAloneWithoutResponse()
    {
        (byte[] bytes, int flushes) = Write(ItemOperationsResponse.Failure(ItemOperationsStatus.ProtocolError), EasVersion.V120);

        AssertSameBytes(Encode("""<ItemOperations xmlns="ItemOperations:"><Status>2</Status></ItemOperations>"""), bytes);
        Assert.Equal(0, flushes);
        XsdValidator.AssertValidWbxml(bytes, Schemas);
    }

    [Fact]
    public void Write_FailedOperations_EchoTheirLocatorsWithoutProperties()
    {
        var fetch = new ItemOperationsFetch("Mailbox", null, null, "L", "", null, ItemOperationsFetchOptions.None);
        ItemOperationsResponse response = ItemOperationsResponse.Success(
        [
            ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.ProtocolError),
            ItemOperationsFetchResult.For(new ItemOperationsFetch("Mailbox", null, null, null, "", null, ItemOperationsFetchOptions.None), ItemOperationsStatus.InvalidAttachment),
            new ItemOperationsMoveResult(ItemOperationsStatus.MoveAlwaysMissing, ConversationId),
        ]);
        byte[] expected = Encode("""
            <ItemOperations xmlns="ItemOperations:"><Status>1</Status><Response>
            <Fetch><Status>2</Status><LongId xmlns="Search:">L</LongId></Fetch>
            <Fetch><Status>15</Status></Fetch>
            <Move><Status>155</Status><ConversationId>YY+G5iNuVs4wmzILjnjNlg==</ConversationId></Move>
            </Response></ItemOperations>
            """);

        AssertSameBytes(expected, Bytes(response, EasVersion.V160));
    }

    public static TheoryData<string> Versions()
    {
        var data = new TheoryData<string>();
        foreach (EasVersion version in EasVersion.All.Where(v => v >= EasVersion.V120))
        {
            data.Add(version.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Write_EveryKindAndStatusAtEveryVersion_IsValidAgainstTheSchemas(string version)
    {
        EasVersion v = Version(version);
        IEnumerable<ItemOperationsStatus> statuses = Enum.GetValues<ItemOperationsStatus>().Where(s => v >= EasVersion.V140 || (int)s <= 100);
        var responses = new List<ItemOperationsResponse>
        {
            ItemOperationsResponse.Success([ItemResult(), AttachmentResultFor(v), ItemOperationsFetchResult.For(MailboxFetch, ItemOperationsStatus.ObjectNotFound)]),
            ItemOperationsResponse.Success(
            [
                new ItemOperationsFetchResult(ItemOperationsStatus.Success) { LinkId = "http://x/y", Data = ItemOperationsFetchData.InPart(5, 1) with { Range = new ItemOperationsByteRange(0, 4), Version = Modified } },
                new ItemOperationsFetchResult(ItemOperationsStatus.PartialSuccess) { LongId = new string('l', 256), Class = "Email", Properties = Email("s") },
            ]),
            ItemOperationsResponse.Success([.. statuses.Select(s => new ItemOperationsEmptyFolderContentsResult(s, new string('c', 64)))]),
            ItemOperationsResponse.Success([.. statuses.Select(s => new ItemOperationsFetchResult(s) { ServerId = "1:1", CollectionId = "1" })]),
        };
        responses.AddRange(statuses.Where(s => s != ItemOperationsStatus.Success).Select(ItemOperationsResponse.Failure));
        if (v >= EasVersion.V140)
        {
            // The schema's Response is Move*, EmptyFolderContents*, Fetch*: a request in that order is answered in it.
            responses.Add(ItemOperationsResponse.Success(
            [
                new ItemOperationsMoveResult(ItemOperationsStatus.Success, ConversationId),
                new ItemOperationsMoveResult(ItemOperationsStatus.InvalidDestinationFolder, new byte[64]),
                new ItemOperationsEmptyFolderContentsResult(ItemOperationsStatus.Success, "4"),
                ItemResult(),
            ]));
        }

        foreach (ItemOperationsResponse response in responses)
        {
            XsdValidator.AssertValidWbxml(Bytes(response, v), Schemas);
        }
    }

    private static ItemOperationsFetchResult AttachmentResultFor(EasVersion version) =>
        version >= EasVersion.V121 ? AttachmentResult() : new ItemOperationsFetchResult(ItemOperationsStatus.Success)
        {
            FileReference = "5%3a21%3a0",
            Data = ItemOperationsFetchData.Inline(11, ItemOperationsData.FromBytes("hello world"u8.ToArray())),
        };

    [Fact]
    public void Write_MixedKindsInRequestOrder_AreNotTheSchemasSequence()
    {
        // Pinned on purpose: results follow the request (MS-ASCMD_R193, R194), which the schema's fixed
        // Move*, EmptyFolderContents*, Fetch* sequence cannot describe when a Fetch comes first.
        byte[] bytes = Bytes(ItemOperationsResponse.Success([ItemResult(), new ItemOperationsEmptyFolderContentsResult(ItemOperationsStatus.Success, "4")]), EasVersion.V141);

        Assert.Throws<System.Xml.Schema.XmlSchemaValidationException>(() => XsdValidator.AssertValidWbxml(bytes, Schemas));
        Assert.Contains("<Fetch>", Pushbox.Wbxml.WbxmlXml.ToXml(bytes).Split("<EmptyFolderContents>")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WhatTheVersionCannotCarry_ThrowsBeforeWritingAnything()
    {
        // 2.5 has no ItemOperations; Move is 14.0+; common statuses (110, 156) are 14.0+; airsyncbase:ContentType is 12.1+.
        var cases = new (ItemOperationsResponse Response, EasVersion Version)[]
        {
            (ItemOperationsResponse.Success([ItemResult()]), EasVersion.V25),
            (ItemOperationsResponse.Success([ItemResult(), new ItemOperationsMoveResult(ItemOperationsStatus.Success, ConversationId)]), EasVersion.V121),
            (ItemOperationsResponse.Failure((ItemOperationsStatus)110), EasVersion.V121),
            (ItemOperationsResponse.Success([ItemResult(), new ItemOperationsEmptyFolderContentsResult(ItemOperationsStatus.InvalidDestinationFolder, "4")]), EasVersion.V121),
            (ItemOperationsResponse.Success([ItemResult(), AttachmentResult()]), EasVersion.V120),
        };

        foreach ((ItemOperationsResponse response, EasVersion version) in cases)
        {
            var buffer = new ArrayBufferWriter<byte>();
            var output = new WbxmlResponseOutput(new WbxmlWriter(buffer));
            Assert.ThrowsAny<ArgumentException>(() => ItemOperationsResponseWriter.WriteAsync(output, response, version, CancellationToken.None).GetAwaiter().GetResult());
            Assert.Equal(0, buffer.WrittenCount);
        }
    }

    [Fact]
    public void Write_InvalidFetchCombinations_Throw()
    {
        var both = new ItemOperationsFetchResult(ItemOperationsStatus.Success) { Properties = Email("s"), Data = ItemOperationsFetchData.InPart(1, 1) };
        var propertiesOnFailure = new ItemOperationsFetchResult(ItemOperationsStatus.ObjectNotFound) { Properties = Email("s") };
        var dataOnFailure = new ItemOperationsFetchResult(ItemOperationsStatus.InvalidByteRange) { Data = ItemOperationsFetchData.InPart(1, 1) };

        foreach (ItemOperationsFetchResult result in new[] { both, propertiesOnFailure, dataOnFailure })
        {
            Assert.Throws<ArgumentException>(() => Write(ItemOperationsResponse.Success([result]), EasVersion.V161));
        }
    }

    [Fact]
    public void Response_InvalidValues_AreRefusedOnConstruction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ItemOperationsResponse.Failure(ItemOperationsStatus.Success));
        Assert.Throws<ArgumentException>(() => ItemOperationsResponse.Success([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemOperationsFetchResult(0));
        Assert.Throws<ArgumentException>(() => new ItemOperationsFetchResult(ItemOperationsStatus.Success) { ServerId = new string('s', 65) });
        Assert.Throws<ArgumentException>(() => new ItemOperationsFetchResult(ItemOperationsStatus.Success) { LongId = new string('l', 257) });
        Assert.Throws<ArgumentException>(() => new ItemOperationsFetchResult(ItemOperationsStatus.Success) { FileReference = "" });
        Assert.Throws<ArgumentException>(() => new ItemOperationsFetchResult(ItemOperationsStatus.Success) { Class = new string('c', 33) });
        Assert.Throws<ArgumentException>(() => new ItemOperationsEmptyFolderContentsResult(ItemOperationsStatus.Success, ""));
        Assert.Throws<ArgumentException>(() => new ItemOperationsMoveResult(ItemOperationsStatus.Success, ReadOnlyMemory<byte>.Empty));
        Assert.Throws<ArgumentException>(() => new ItemOperationsMoveResult(ItemOperationsStatus.Success, new byte[65]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ItemOperationsFetchData.InPart(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ItemOperationsFetchData.InPart(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ItemOperationsFetchData.InPart(10, 1) with { Range = new ItemOperationsByteRange(5, 10) });
        Assert.Throws<ArgumentException>(() => ItemOperationsFetchData.InPart(10, 1) with { ContentType = "text/plain\r\nX-Evil: 1" });
        Assert.Throws<ArgumentException>(() => ItemOperationsFetchData.InPart(10, 1) with { ContentType = "" });
    }

    [Fact]
    public void MoveResult_CopiesTheConversationId()
    {
        byte[] id = [1, 2, 3];
        var result = new ItemOperationsMoveResult(ItemOperationsStatus.Success, id);
        id[0] = 9;

        Assert.Equal(new byte[] { 1, 2, 3 }, result.ConversationId.ToArray());
    }

    [Fact]
    public void Status_Numbers_AreTheSpecs() =>
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 155, 156], Enum.GetValues<ItemOperationsStatus>().Select(s => (int)s));
}
