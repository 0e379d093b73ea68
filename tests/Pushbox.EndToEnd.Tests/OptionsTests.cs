using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>OPTIONS on the ActiveSync URL (MS-ASHTTP 2.2.3, 2.2.4): what a device asks before anything else.</summary>
[Collection(SharedServer.Name)]
public sealed class OptionsTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task Options_WithoutCredentials_Is401WithBasicChallenge()
    {
        using EasClient client = Fixture.Client(user: null);

        EasResponse response = await client.OptionsAsync();

        Assert.Equal(401, response.StatusCode);
        string? challenge = response.Header("WWW-Authenticate");
        Assert.NotNull(challenge);
        Assert.StartsWith("Basic realm=\"", challenge, StringComparison.OrdinalIgnoreCase);
        Assert.Null(response.Header("MS-ASProtocolVersions"));
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task Options_WithCredentials_ListsVersionsAscendingEndingIn161AndCommands(string httpVersion)
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice, httpVersion: Version.Parse(httpVersion));

        EasResponse response = await client.OptionsAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(Version.Parse(httpVersion), response.HttpVersion);
        string[] versions = [.. (response.Header("MS-ASProtocolVersions") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries)];
        Assert.Equal(["2.5", "12.0", "12.1", "14.0", "14.1", "16.0", "16.1"], versions);
        Version[] parsed = [.. versions.Select(Version.Parse)];
        Assert.Equal(parsed.Order(), parsed);
        Assert.Equal("16.1", versions[^1]);

        string[] commands = [.. (response.Header("MS-ASProtocolCommands") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries)];
        Assert.Superset(new HashSet<string> { "FolderSync", "FolderCreate", "FolderUpdate", "FolderDelete", "GetHierarchy" }, commands.ToHashSet());
        Assert.Equal("15.1", response.Header("MS-Server-ActiveSync"));
    }

    [Fact]
    public async Task Options_CommandsHeader_ListsExactlyTheCommandsThatAreNotAnswered501()
    {
        // A device believes MS-ASProtocolCommands: every command listed must be served, every other one refused with 501.
        using EasClient client = Fixture.Client(ServerFixture.Alice);
        EasResponse options = await client.OptionsAsync();
        HashSet<string> listed = [.. (options.Header("MS-ASProtocolCommands") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries)];
        string[] all =
        [
            "Sync", "SendMail", "SmartForward", "SmartReply", "GetAttachment", "GetHierarchy", "FolderSync", "FolderCreate", "FolderDelete",
            "FolderUpdate", "MoveItems", "GetItemEstimate", "MeetingResponse", "Search", "Settings", "Ping", "ItemOperations", "Provision",
            "ResolveRecipients", "ValidateCert", "Find",
        ];
        Assert.Subset(all.ToHashSet(), listed);

        var wrong = new List<string>();
        foreach (string command in all)
        {
            string version = command is "GetHierarchy" or "GetAttachment" ? "12.1" : command == "Find" ? "16.1" : "14.1";
            EasResponse response = await client.SendAsync(command, ReadOnlyMemory<byte>.Empty, version);
            if ((response.StatusCode == 501) == listed.Contains(command))
            {
                wrong.Add($"{command}: {(listed.Contains(command) ? "listed" : "not listed")}, answered {response.StatusCode}");
            }
        }

        Assert.Empty(wrong);
    }
}
