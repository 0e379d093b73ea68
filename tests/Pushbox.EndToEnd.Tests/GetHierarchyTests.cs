using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>GetHierarchy (MS-ASCMD 2.2.1.8): protocol 2.5 to 12.1 only, mail folders only.</summary>
[Collection(SharedServer.Name)]
public sealed class GetHierarchyTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Theory]
    [InlineData("2.5")]
    [InlineData("12.1")]
    public async Task GetHierarchy_ListsTheMailFoldersValidAgainstTheSchema(string version)
    {
        using EasClient client = Fixture.Client(ServerFixture.Reader, version: version);

        IReadOnlyList<HierarchyFolder> folders = await client.GetHierarchyAsync(version);

        EasResponse response = await client.SendAsync("GetHierarchy", (string?)null, version);
        XsdValidator.AssertValidWbxml(response.Body, "GetHierarchyResponse.xsd");
        Assert.Equal(
            ["Deleted Items", "Drafts", "Inbox", "Junk Email", "Outbox", "Sent Items"],
            folders.Select(f => f.DisplayName).Order(StringComparer.Ordinal));
        Assert.All(folders, f => Assert.InRange(f.Type, 1, 6)); // GetHierarchy's types stop at Outbox
        Assert.Equal(2, folders.Single(f => f.DisplayName == "Inbox").Type);
    }

    [Fact]
    public async Task GetHierarchy_At140_IsRefusedWith400()
    {
        using EasClient client = Fixture.Client(ServerFixture.Reader, version: "14.0");

        EasResponse response = await client.SendAsync("GetHierarchy", (string?)null, "14.0");

        Assert.Equal(400, response.StatusCode);
    }
}
