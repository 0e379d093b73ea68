using XsdValidator = Pushbox.Testing.Eas.XsdValidator;
using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Protocol.Commands.GetHierarchy;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;

namespace Pushbox.Protocol.Tests.Commands.GetHierarchy;

public class GetHierarchyTests
{
    private static readonly string[] Schemas = ["GetHierarchyResponse.xsd"];

    private static GetHierarchyResponse Mailbox() => new(
    [
        new HierarchyFolder("1", "0", "Inbox", FolderType.Inbox),
        new HierarchyFolder("2", "0", "Drafts", FolderType.Drafts),
        new HierarchyFolder("3", "0", "Deleted Items", FolderType.DeletedItems),
        new HierarchyFolder("4", "0", "Sent Items", FolderType.SentItems),
        new HierarchyFolder("5", "0", "Outbox", FolderType.Outbox),
        new HierarchyFolder("6", "1", "Projects", FolderType.UserGeneric),
    ]);

    private static byte[] Write(GetHierarchyResponse response, EasVersion version) =>
        WbxmlTestHelpers.Write(w => GetHierarchyResponseWriter.Write(w, response, version));

    [Fact]
    public void Write_Folders_MatchGoldenBytesInTheSchemaOrder()
    {
        byte[] expected = Encode("""
            <Folders xmlns="FolderHierarchy:">
              <Folder><DisplayName>Inbox</DisplayName><ServerId>1</ServerId><Type>2</Type><ParentId>0</ParentId></Folder>
              <Folder><DisplayName>Projects</DisplayName><ServerId>6</ServerId><Type>1</Type><ParentId>1</ParentId></Folder>
            </Folders>
            """);
        var response = new GetHierarchyResponse([Mailbox().Folders[0], Mailbox().Folders[5]]);

        AssertSameBytes(expected, Write(response, EasVersion.V25));
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("12.0")]
    [InlineData("12.1")]
    public void Write_VersionsThatHaveGetHierarchy_AreValidAgainstTheSchema(string version) =>
        XsdValidator.AssertValidWbxml(Write(Mailbox(), Version(version)), Schemas);

    [Theory]
    [InlineData("14.0")]
    [InlineData("14.1")]
    [InlineData("16.0")]
    [InlineData("16.1")]
    public void Write_VersionsWithoutGetHierarchy_Throw(string version) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(Mailbox(), Version(version)));

    [Fact]
    public void Response_NonMailFolderTypesOrNoFolders_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new GetHierarchyResponse([]));
        Assert.Throws<ArgumentException>(() => new GetHierarchyResponse([new HierarchyFolder("1", "0", "Calendar", FolderType.Calendar)]));
        Assert.Throws<ArgumentException>(() => new GetHierarchyResponse([new HierarchyFolder("1", "0", "Mine", FolderType.UserMail)]));
    }
}
