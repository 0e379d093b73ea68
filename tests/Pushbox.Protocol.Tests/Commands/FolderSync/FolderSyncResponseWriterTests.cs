using XsdValidator = Pushbox.Testing.Eas.XsdValidator;
using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Protocol.Commands.FolderSync;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;

namespace Pushbox.Protocol.Tests.Commands.FolderSync;

public class FolderSyncResponseWriterTests
{
    private static readonly string[] Schemas = ["FolderSyncResponse.xsd", "FolderHierarchy.xsd"];

    private static FolderSyncResponse Initial() => FolderSyncResponse.Success(
        "1",
        adds:
        [
            new HierarchyFolder("1", "0", "Inbox", FolderType.Inbox),
            new HierarchyFolder("2", "0", "Calendar", FolderType.Calendar),
            new HierarchyFolder("3", "1", "Receipts & Bills <2024>", FolderType.UserMail),
        ],
        updates: [],
        deletes: []);

    private static byte[] Write(FolderSyncResponse response, EasVersion version) =>
        WbxmlTestHelpers.Write(w => FolderSyncResponseWriter.Write(w, response, version));

    [Fact]
    public void Write_InitialSync_MatchesGoldenBytes()
    {
        byte[] expected = Encode("""
            <FolderSync xmlns="FolderHierarchy:">
              <Status>1</Status>
              <SyncKey>1</SyncKey>
              <Changes>
                <Count>3</Count>
                <Add><ServerId>1</ServerId><ParentId>0</ParentId><DisplayName>Inbox</DisplayName><Type>2</Type></Add>
                <Add><ServerId>2</ServerId><ParentId>0</ParentId><DisplayName>Calendar</DisplayName><Type>8</Type></Add>
                <Add><ServerId>3</ServerId><ParentId>1</ParentId><DisplayName>Receipts &amp; Bills &lt;2024&gt;</DisplayName><Type>12</Type></Add>
              </Changes>
            </FolderSync>
            """);

        AssertSameBytes(expected, Write(Initial(), EasVersion.V141));
    }

    [Fact]
    public void Write_MixedChanges_PutsUpdatesThenDeletesThenAddsAsTheSchemaOrders()
    {
        FolderSyncResponse response = FolderSyncResponse.Success(
            "8",
            adds: [new HierarchyFolder("20", "0", "New", FolderType.UserMail)],
            updates: [new HierarchyFolder("5", "20", "Moved", FolderType.UserMail)],
            deletes: ["9", "10"]);
        byte[] expected = Encode("""
            <FolderSync xmlns="FolderHierarchy:">
              <Status>1</Status>
              <SyncKey>8</SyncKey>
              <Changes>
                <Count>4</Count>
                <Update><ServerId>5</ServerId><ParentId>20</ParentId><DisplayName>Moved</DisplayName><Type>12</Type></Update>
                <Delete><ServerId>9</ServerId></Delete>
                <Delete><ServerId>10</ServerId></Delete>
                <Add><ServerId>20</ServerId><ParentId>0</ParentId><DisplayName>New</DisplayName><Type>12</Type></Add>
              </Changes>
            </FolderSync>
            """);

        AssertSameBytes(expected, Write(response, EasVersion.V160));
    }

    [Fact]
    public void Write_NoChanges_SendsCountZero()
    {
        byte[] expected = Encode("""
            <FolderSync xmlns="FolderHierarchy:"><Status>1</Status><SyncKey>2</SyncKey><Changes><Count>0</Count></Changes></FolderSync>
            """);

        AssertSameBytes(expected, Write(FolderSyncResponse.Success("2", [], [], []), EasVersion.V121));
    }

    [Fact]
    public void Write_Failure_IsStatusAlone()
    {
        byte[] expected = Encode("""<FolderSync xmlns="FolderHierarchy:"><Status>9</Status></FolderSync>""");

        AssertSameBytes(expected, Write(FolderSyncResponse.Failure(FolderSyncStatus.InvalidSyncKey), EasVersion.V25));
    }

    public static TheoryData<string> Versions() => AllVersions();

    [Theory]
    [MemberData(nameof(Versions))]
    public void Write_EveryResponseAtEveryVersion_IsValidAgainstTheSchema(string version)
    {
        FolderSyncResponse[] responses =
        [
            Initial(),
            FolderSyncResponse.Success("2", [], [], []),
            FolderSyncResponse.Success(new string('k', 64), [new HierarchyFolder(new string('s', 64), new string('p', 64), "", FolderType.RecipientInformationCache)], [new HierarchyFolder("5", "0", "x", FolderType.Unknown)], ["7"]),
            FolderSyncResponse.Failure(FolderSyncStatus.ServerError),
            FolderSyncResponse.Failure(FolderSyncStatus.InvalidSyncKey),
            FolderSyncResponse.Failure(FolderSyncStatus.MalformedRequest),
            FolderSyncResponse.Failure(FolderSyncStatus.UnknownError),
            FolderSyncResponse.Failure(FolderSyncStatus.CodeUnknown),
        ];

        foreach (FolderSyncResponse response in responses)
        {
            XsdValidator.AssertValidWbxml(Write(response, Version(version)), Schemas);
        }
    }

    [Fact]
    public void Write_CommonStatusFrom14_IsWritten()
    {
        byte[] expected = Encode("""<FolderSync xmlns="FolderHierarchy:"><Status>142</Status></FolderSync>""");
        byte[] actual = Write(FolderSyncResponse.Failure((FolderSyncStatus)142), EasVersion.V140);

        AssertSameBytes(expected, actual);
        XsdValidator.AssertValidWbxml(actual, Schemas);
    }

    [Fact]
    public void Write_CommonStatusBefore14_Throws()
    {
        FolderSyncResponse response = FolderSyncResponse.Failure((FolderSyncStatus)110);

        Assert.Throws<ArgumentOutOfRangeException>(() => Write(response, EasVersion.V121));
    }

    [Fact]
    public void Response_Success_CountsEveryChange()
    {
        FolderSyncResponse response = FolderSyncResponse.Success("3", [new HierarchyFolder("1", "0", "a", FolderType.UserMail)], [], ["2", "3"]);

        Assert.Equal(3, response.Count);
        Assert.Equal(FolderSyncStatus.Success, response.Status);
    }

    [Fact]
    public void Response_InvalidValues_AreRefusedOnConstruction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FolderSyncResponse.Failure(FolderSyncStatus.Success));
        Assert.Throws<ArgumentException>(() => FolderSyncResponse.Success("", [], [], []));
        Assert.Throws<ArgumentException>(() => FolderSyncResponse.Success(new string('k', 65), [], [], []));
        Assert.Throws<ArgumentException>(() => FolderSyncResponse.Success("1", [], [], [new string('s', 65)]));
        Assert.Throws<ArgumentException>(() => new HierarchyFolder("", "0", "a", FolderType.UserMail));
        Assert.Throws<ArgumentException>(() => new HierarchyFolder("1", "", "a", FolderType.UserMail));
        Assert.Throws<ArgumentException>(() => new HierarchyFolder("1", "0", "a\0b", FolderType.UserMail));
    }

    [Fact]
    public void Response_Lists_AreCopied()
    {
        var adds = new List<HierarchyFolder> { new("1", "0", "a", FolderType.UserMail) };
        FolderSyncResponse response = FolderSyncResponse.Success("1", adds, [], []);
        adds.Clear();

        Assert.Single(response.Adds);
    }
}
