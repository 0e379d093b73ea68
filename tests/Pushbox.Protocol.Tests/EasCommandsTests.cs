namespace Pushbox.Protocol.Tests;

public class EasCommandsTests
{
    /// <summary>MS-ASHTTP 2.2.1.1.1.1.2 Command Codes (requirements MS-ASHTTP_R58 to R78; Find per R5081).</summary>
    public static TheoryData<string, byte> Codes => new()
    {
        { "Sync", 0 },
        { "SendMail", 1 },
        { "SmartForward", 2 },
        { "SmartReply", 3 },
        { "GetAttachment", 4 },
        { "FolderSync", 9 },
        { "FolderCreate", 10 },
        { "FolderDelete", 11 },
        { "FolderUpdate", 12 },
        { "MoveItems", 13 },
        { "GetItemEstimate", 14 },
        { "MeetingResponse", 15 },
        { "Search", 16 },
        { "Settings", 17 },
        { "Ping", 18 },
        { "ItemOperations", 19 },
        { "Provision", 20 },
        { "ResolveRecipients", 21 },
        { "ValidateCert", 22 },
        { "Find", 23 },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void Command_MapsToItsSpecCode_AndBack(string name, byte code)
    {
        Assert.True(EasCommands.TryParseName(name, out EasCommand command));
        Assert.Equal(name, EasCommands.GetName(command));
        Assert.True(EasCommands.TryGetCode(command, out byte actual));
        Assert.Equal(code, actual);
        Assert.True(EasCommands.TryFromCode(code, out EasCommand fromCode));
        Assert.Equal(command, fromCode);
    }

    [Fact]
    public void EveryByteOutsideTheTable_IsNoCommand()
    {
        var assigned = Codes.Select(row => (byte)row[1]).ToHashSet();
        for (int b = 0; b <= byte.MaxValue; b++)
        {
            Assert.Equal(assigned.Contains((byte)b), EasCommands.TryFromCode((byte)b, out _));
        }

        // 5 to 8 are gaps in the table, not GetHierarchy or the old *Collection commands.
        Assert.False(EasCommands.TryFromCode(5, out _));
        Assert.False(EasCommands.TryFromCode(8, out _));
    }

    [Fact]
    public void AllCommands_AreTheMsAsCmd221Names()
    {
        // MS-ASCMD 2.2.1.1 to 2.2.1.22.
        string[] spec =
        [
            "Autodiscover", "Find", "FolderCreate", "FolderDelete", "FolderSync", "FolderUpdate", "GetAttachment",
            "GetHierarchy", "GetItemEstimate", "ItemOperations", "MeetingResponse", "MoveItems", "Ping", "Provision",
            "ResolveRecipients", "Search", "SendMail", "Settings", "SmartForward", "SmartReply", "Sync", "ValidateCert",
        ];
        Assert.Equal(spec.Order(StringComparer.Ordinal), EasCommands.All.Select(EasCommands.GetName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(EasCommand.Autodiscover)]
    [InlineData(EasCommand.GetHierarchy)]
    public void CommandWithoutABase64Code_HasNoCode(EasCommand command)
    {
        Assert.False(EasCommands.TryGetCode(command, out _));
        Assert.True(EasCommands.TryParseName(command.ToString(), out EasCommand parsed));
        Assert.Equal(command, parsed);
    }

    [Theory]
    [InlineData("foldersync", EasCommand.FolderSync)]
    [InlineData("FOLDERSYNC", EasCommand.FolderSync)]
    [InlineData("itemoperations", EasCommand.ItemOperations)]
    [InlineData("sYNC", EasCommand.Sync)]
    public void TryParseName_IgnoresAsciiCase(string name, EasCommand expected)
    {
        Assert.True(EasCommands.TryParseName(name, out EasCommand command));
        Assert.Equal(expected, command);
        Assert.True(EasCommands.TryParseName(name.AsSpan(), out command));
        Assert.Equal(expected, command);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" Sync")]
    [InlineData("Sync ")]
    [InlineData("Setting")]
    [InlineData("GetHierarchies")]
    [InlineData("CreateCollection")]
    [InlineData("Options")]
    [InlineData("0")]
    public void TryParseName_AnythingElse_IsFalse(string? name)
    {
        Assert.False(EasCommands.TryParseName(name, out _));
    }

    [Fact]
    public void GetName_OfAnUndefinedValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EasCommands.GetName((EasCommand)5));
    }
}
