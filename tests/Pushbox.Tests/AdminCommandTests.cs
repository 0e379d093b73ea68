using System.Text;
using System.Text.Json;

namespace Pushbox.Tests;

/// <summary>The administrator's verbs, run as a process on a fresh data folder.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-admin-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task UserImport_CsvWithBrokenLines_AddsTheRestAndNamesEachBrokenLine()
    {
        string csv = Path.Combine(_data, "users.csv");
        await File.WriteAllTextAsync(csv, "email,password,name\nann@example.com,pw1,Ann\nbroken line without fields\nben@example.com,\"pw,2\",\"Ben \"\"B\"\"\"\nann@example.com,pw3,Duplicate\n");

        var result = await Run("user", "import", csv);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 3: expected email,password,name", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 5: The address ann@example.com already belongs to a user", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Added 2 user(s); 2 line(s) refused.", Stdout(result), StringComparison.Ordinal);
        string list = Stdout(await Run("user", "list"));
        Assert.Contains("ann@example.com", list, StringComparison.Ordinal);
        Assert.Contains("Ben \"B\"", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserAdd_MalformedAddress_IsOneErrorLineAndExit1()
    {
        var result = await Run(Encoding.UTF8.GetBytes("pw\n"), "user", "add", "not an address", "--password-stdin");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("pushbox: 'not an address' is not an email address (expected name@example.com).\n", result.Stderr);
    }

    [Fact]
    public async Task UserAdd_WithoutPasswordOrTerminal_RefusesClearly()
    {
        var result = await Run("user", "add", "carl@example.com");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--password-stdin", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MailboxShow_UnknownUser_Exit1()
    {
        var result = await Run("mailbox", "show", "nobody@example.com");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("pushbox: no user has the address nobody@example.com\n", result.Stderr);
    }

    [Fact]
    public async Task Import_Maildir_FillsTheRightFoldersAndAddsNothingWhenRunAgain()
    {
        Assert.Equal(0, (await Run(Encoding.UTF8.GetBytes("pw\n"), "user", "add", "dora@example.com", "--password-stdin")).ExitCode);
        string maildir = Path.Combine(_data, "Maildir");
        WriteMessage(maildir, "cur/1.h:2,S", "inbox one");
        WriteMessage(maildir, "new/2.h", "inbox two");
        WriteMessage(maildir, ".Sent/cur/3.h:2,S", "sent");
        WriteMessage(maildir, ".Archive.2025/cur/4.h:2,", "archived");
        File.WriteAllBytes(Path.Combine(maildir, "cur", "5.h:2,"), [0xFF, 0xFE, 0x00, 0x01, (byte)'\n', (byte)'\n', 0x80]);

        var first = await Run("import", "dora@example.com", maildir);
        var again = await Run("import", "dora@example.com", maildir);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("Imported 5 message(s) into dora@example.com; 0 already present; 0 failed.", Stdout(first), StringComparison.Ordinal);
        Assert.Contains("Imported 0 message(s) into dora@example.com; 5 already present; 0 failed.", Stdout(again), StringComparison.Ordinal);

        using JsonDocument show = JsonDocument.Parse(Stdout(await Run("mailbox", "show", "dora@example.com", "--json")));
        var items = show.RootElement.GetProperty("folders").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => (f.GetProperty("type").GetInt32(), f.GetProperty("items").GetInt64()));
        Assert.Equal((2, 3L), items["Inbox"]);
        Assert.Equal((5, 1L), items["Sent Items"]);
        Assert.Equal((12, 1L), items["2025"]);
        Assert.Equal((12, 0L), items["Archive"]);
    }

    [Fact]
    public async Task Import_MissingPath_IsOneErrorLine()
    {
        Assert.Equal(0, (await Run(Encoding.UTF8.GetBytes("pw\n"), "user", "add", "eve@example.com", "--password-stdin")).ExitCode);

        var result = await Run("import", "eve@example.com", Path.Combine(_data, "nothing-here"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("pushbox: No Maildir or mbox at", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_SetAssignShowRemove_ValidatesSettingsAndRefusesRemovingTheDefault()
    {
        Assert.Equal(0, (await Run(Encoding.UTF8.GetBytes("pw\n"), "user", "add", "fay@example.com", "--password-stdin")).ExitCode);

        var saved = await Run(Encoding.UTF8.GetBytes("{\"DevicePasswordEnabled\": true, \"MinDevicePasswordLength\": 6}"), "policy", "set", "Staff", "--settings", "-", "--default");
        var again = await Run("policy", "set", "Staff", "--allow-non-provisionable", "true");
        var tooLong = await Run(Encoding.UTF8.GetBytes("{\"MinDevicePasswordLength\": 40}"), "policy", "set", "Staff", "--settings", "-");
        var unknown = await Run(Encoding.UTF8.GetBytes("{\"NoSuchSetting\": 1}"), "policy", "set", "Staff", "--settings", "-");
        var assigned = await Run("policy", "assign", "Staff", "fay@example.com");
        var removeDefault = await Run("policy", "remove", "Staff");

        Assert.Equal("Saved policy Staff, version 1, the default.\n", Stdout(saved));
        Assert.Equal("Saved policy Staff, version 2.\n", Stdout(again));
        Assert.Equal((1, "pushbox: invalid setting MinDevicePasswordLength: Must be from 1 to 16.\n"), (tooLong.ExitCode, tooLong.Stderr));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown setting NoSuchSetting", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal("fay@example.com now has policy Staff.\n", Stdout(assigned));
        Assert.Equal(1, removeDefault.ExitCode);
        using JsonDocument shown = JsonDocument.Parse(Stdout(await Run("policy", "show", "Staff")));
        Assert.Equal(6, shown.RootElement.GetProperty("MinDevicePasswordLength").GetInt32());
        Assert.True(shown.RootElement.GetProperty("DevicePasswordEnabled").GetBoolean());
        Assert.Contains("allowed", Stdout(await Run("policy", "list")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_AssignToSeveralUsers_ChecksEveryAddressFirst_AndNoneFallsBackToTheDefault()
    {
        foreach (string address in new[] { "gil@example.com", "hal@example.com" })
        {
            Assert.Equal(0, (await Run(Encoding.UTF8.GetBytes("pw\n"), "user", "add", address, "--password-stdin")).ExitCode);
        }

        await Run("policy", "new", "Field");
        var typo = await Run("policy", "assign", "Field", "gil@example.com", "hall@example.com");
        var unknownPolicy = await Run("policy", "assign", "Feld", "gil@example.com");
        var noUsers = await Run("policy", "assign", "Field");
        var afterTypo = await Run("policy", "assign", "--none", "gil@example.com");
        var both = await Run("policy", "assign", "Field", "gil@example.com", "hal@example.com");
        var none = await Run("policy", "assign", "--none", "hal@example.com");

        Assert.Equal((1, "pushbox: no user has the address hall@example.com\n"), (typo.ExitCode, typo.Stderr));
        Assert.Equal("gil@example.com now has no policy.\n", Stdout(afterTypo));
        Assert.Equal((1, "pushbox: there is no policy Feld\n"), (unknownPolicy.ExitCode, unknownPolicy.Stderr));
        Assert.Equal(1, noUsers.ExitCode);
        Assert.Equal("gil@example.com now has policy Field.\nhal@example.com now has policy Field.\n", Stdout(both));
        Assert.Equal("hal@example.com now has no policy.\n", Stdout(none));
    }

    [Fact]
    public async Task Policy_NewThenSetPairs_ChangesOnlyTheNamedSettings_WithTheirTypesAndRanges()
    {
        var created = await Run("policy", "new", "Field");
        var twice = await Run("policy", "new", "Field");
        var first = await Run("policy", "set", "Field", "DevicePasswordEnabled=true", "MinDevicePasswordLength=8");
        var second = await Run("policy", "set", "Field", "allowcamera=0", "UnapprovedInROMApplicationList=Camera.exe, Browser.exe");
        var outOfRange = await Run("policy", "set", "Field", "MinDevicePasswordLength=40");
        var wrongType = await Run("policy", "set", "Field", "MinDevicePasswordLength=eight");
        var unknown = await Run("policy", "set", "Field", "NoSuchSetting=1");
        var malformed = await Run("policy", "set", "Field", "AllowCamera");

        Assert.Equal((0, "Created policy Field.\n"), (created.ExitCode, Stdout(created)));
        Assert.Equal(1, twice.ExitCode);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal((1, "pushbox: invalid setting MinDevicePasswordLength: Must be from 1 to 16.\n"), (outOfRange.ExitCode, outOfRange.Stderr));
        Assert.Equal(1, wrongType.ExitCode);
        Assert.Contains("MinDevicePasswordLength has the wrong type", wrongType.Stderr, StringComparison.Ordinal);
        Assert.Contains("unknown setting NoSuchSetting", unknown.Stderr, StringComparison.Ordinal);
        Assert.Contains("is not Setting=Value", malformed.Stderr, StringComparison.Ordinal);
        using JsonDocument shown = JsonDocument.Parse(Stdout(await Run("policy", "show", "Field")));
        Assert.True(shown.RootElement.GetProperty("DevicePasswordEnabled").GetBoolean());
        Assert.Equal(8, shown.RootElement.GetProperty("MinDevicePasswordLength").GetInt32());
        Assert.False(shown.RootElement.GetProperty("AllowCamera").GetBoolean());
        Assert.Equal(["Camera.exe", "Browser.exe"], shown.RootElement.GetProperty("UnapprovedInROMApplicationList").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("allow")]
    [InlineData("block")]
    [InlineData("quarantine")]
    public async Task DeviceAccess_UnknownDeviceOrUser_IsOneErrorLineAndExit1(string verb)
    {
        Assert.Equal(0, (await Run(Encoding.UTF8.GetBytes("pw\n"), "user", "add", "gus@example.com", "--password-stdin")).ExitCode);

        var noDevice = await Run("device", verb, "gus@example.com", "PHONE1");
        var noUser = await Run("device", verb, "nobody@example.com", "PHONE1");

        Assert.Equal((1, "pushbox: gus@example.com has no device PHONE1 (see pushbox device list gus@example.com)\n"), (noDevice.ExitCode, noDevice.Stderr));
        Assert.Equal((1, "pushbox: no user has the address nobody@example.com\n"), (noUser.ExitCode, noUser.Stderr));
    }

    private static void WriteMessage(string maildir, string relative, string subject)
    {
        string path = Path.Combine(maildir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"From: someone@example.com\nTo: dora@example.com\nSubject: {subject}\nMessage-ID: <{Guid.NewGuid():N}@example.com>\n\nbody of {subject}\n");
    }

    private Task<PushboxProcess.Result> Run(params string[] arguments) => Run([], arguments);

    private Task<PushboxProcess.Result> Run(byte[] stdin, params string[] arguments) =>
        PushboxProcess.RunAsync(stdin, ["--data", _data, .. arguments]);

    private static string Stdout(PushboxProcess.Result result) => Encoding.UTF8.GetString(result.Stdout);
}
