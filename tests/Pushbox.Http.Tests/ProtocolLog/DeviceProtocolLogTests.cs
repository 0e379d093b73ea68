using System.Text;
using Microsoft.Extensions.Primitives;
using Pushbox.Http.ProtocolLog;
using Pushbox.Http.Tests.Support;
using Pushbox.Mailbox.Devices;
using Pushbox.Wbxml;

namespace Pushbox.Http.Tests.ProtocolLog;

public sealed class DeviceProtocolLogTests : IDisposable
{
    private const string User = "alice@example.com";
    private const string Credentials = "YWxpY2VAZXhhbXBsZS5jb206aHVudGVyMg=="; // alice@example.com:hunter2

    private static readonly string SettingsRequest = """
        <?xml version="1.0"?>
        <!DOCTYPE ActiveSync PUBLIC "-//MICROSOFT//DTD ActiveSync//EN" "http://www.microsoft.com/">
        <Settings xmlns="Settings:"><DevicePassword><Set><Password>Dev1cePin!</Password></Set></DevicePassword></Settings>
        """;

    private static readonly string SettingsResponse = """
        <?xml version="1.0"?>
        <!DOCTYPE ActiveSync PUBLIC "-//MICROSOFT//DTD ActiveSync//EN" "http://www.microsoft.com/">
        <Settings xmlns="Settings:"><Status>1</Status><DevicePassword><Status>1</Status></DevicePassword></Settings>
        """;

    private readonly TempFolder data = new();
    private readonly ManualTimeProvider time = new();
    private readonly ListLogger<DeviceProtocolLog> logger = new();

    public void Dispose() => data.Dispose();

    private static Device DeviceWith(string deviceId, bool protocolLog = true) =>
        new(1, 1, deviceId, "iPhone", "Apple-iPhone/1", "16.1", DeviceAccessState.Allowed, protocolLog, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            PendingPolicyKey: null, PolicyKey: null, PolicyId: null, PolicyVersion: null, DeviceInformation.None);

    private static ProtocolLogEntry SettingsEntry() => new()
    {
        Method = "POST",
        PathAndQuery = "/Microsoft-Server-ActiveSync?Cmd=Settings&User=alice&DeviceId=ApplABC123&DeviceType=iPhone",
        RemoteAddress = "203.0.113.10",
        RequestHeaders = new Dictionary<string, StringValues>
        {
            ["Authorization"] = "Basic " + Credentials,
            ["Cookie"] = "session=abc",
            ["Content-Type"] = "application/vnd.ms-sync.wbxml",
            ["MS-ASProtocolVersion"] = "16.1",
            ["User-Agent"] = "Apple-iPhone/1",
        },
        RequestBody = WbxmlXml.FromXml(SettingsRequest),
        StatusCode = 200,
        ResponseHeaders = new Dictionary<string, StringValues>
        {
            ["Content-Type"] = "application/vnd.ms-sync.wbxml",
            ["Set-Cookie"] = "x=y",
        },
        ResponseBody = WbxmlXml.FromXml(SettingsResponse),
        Elapsed = TimeSpan.FromMilliseconds(12),
    };

    [Fact]
    public async Task WriteAsync_LoggedDevice_WritesOneEntryWithDecodedBodiesAndNoSecrets()
    {
        var log = new DeviceProtocolLog(data.Path, time, logger);

        await log.WriteAsync(DeviceWith("ApplABC123"), User, SettingsEntry(), CancellationToken.None);

        string path = Path.Combine(data.Path, "logs", "devices", User, "ApplABC123.log");
        string text = await File.ReadAllTextAsync(path);
        Assert.StartsWith("==== 2025-03-14T09:26:53.000Z POST /Microsoft-Server-ActiveSync?Cmd=Settings&User=alice", text, StringComparison.Ordinal);
        Assert.Contains("from 203.0.113.10", text, StringComparison.Ordinal);
        Assert.Contains("> MS-ASProtocolVersion: 16.1", text, StringComparison.Ordinal);
        Assert.Contains("> Authorization: [not logged]", text, StringComparison.Ordinal);
        Assert.Contains("> Cookie: [not logged]", text, StringComparison.Ordinal);
        Assert.Contains("< Set-Cookie: [not logged]", text, StringComparison.Ordinal);
        Assert.Contains("<Settings xmlns=\"Settings:\">", text, StringComparison.Ordinal);
        Assert.Contains("<DevicePassword>********</DevicePassword>", text, StringComparison.Ordinal);
        Assert.Contains("---- 200 (12 ms)", text, StringComparison.Ordinal);
        Assert.Contains("<Status>1</Status>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Dev1cePin", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Credentials, text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("session=abc", text, StringComparison.Ordinal);
        Assert.Equal(1, CountEntries(text));
    }

    [Fact]
    public async Task WriteAsync_FilesAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var log = new DeviceProtocolLog(data.Path, time, logger);
        await log.WriteAsync(DeviceWith("ApplABC123"), User, SettingsEntry(), CancellationToken.None);

        string path = Path.Combine(data.Path, "logs", "devices", User, "ApplABC123.log");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public async Task WriteAsync_DeviceNotLogged_WritesNothing()
    {
        var log = new DeviceProtocolLog(data.Path, time, logger);

        await log.WriteAsync(DeviceWith("ApplABC123", protocolLog: false), User, SettingsEntry(), CancellationToken.None);

        Assert.False(Directory.Exists(Path.Combine(data.Path, "logs")));
    }

    [Fact]
    public async Task WriteAsync_NotWbxml_LogsReasonAndFirstBytesInHex()
    {
        var log = new DeviceProtocolLog(data.Path, time, logger);
        var entry = new ProtocolLogEntry
        {
            Method = "POST",
            PathAndQuery = "/Microsoft-Server-ActiveSync?Cmd=Sync",
            RequestHeaders = new Dictionary<string, StringValues> { ["Content-Type"] = "application/vnd.ms-sync.wbxml" },
            RequestBody = new byte[] { 0xFF, 0x00, 0x01, 0x02 },
            StatusCode = 400,
            ResponseHeaders = new Dictionary<string, StringValues> { ["Content-Type"] = "message/rfc822" },
            ResponseBody = Encoding.ASCII.GetBytes(new string('M', 100)),
        };

        await log.WriteAsync(DeviceWith("dev1"), User, entry, CancellationToken.None);

        string text = await File.ReadAllTextAsync(Path.Combine(data.Path, "logs", "devices", User, "dev1.log"));
        Assert.Contains("[undecodable: ", text, StringComparison.Ordinal);
        Assert.Contains("4 bytes, the first 4: FF000102", text, StringComparison.Ordinal);
        Assert.Contains("[not WBXML: message/rfc822] 100 bytes, the first 64: " + string.Concat(Enumerable.Repeat("4D", 64)), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_NoBodies_SaysSo()
    {
        var log = new DeviceProtocolLog(data.Path, time, logger);

        await log.WriteAsync(DeviceWith("dev1"), User, new ProtocolLogEntry { Method = "OPTIONS", PathAndQuery = "/Microsoft-Server-ActiveSync", StatusCode = 200 }, CancellationToken.None);

        string text = await File.ReadAllTextAsync(Path.Combine(data.Path, "logs", "devices", User, "dev1.log"));
        Assert.Equal(2, text.Split("(no body)").Length - 1);
    }

    [Fact]
    public async Task WriteAsync_BodyOverTheDecodeLimit_IsNotDecoded()
    {
        var log = new DeviceProtocolLog(data.Path, time, logger, new ProtocolLogOptions { MaxDecodedBodyBytes = 10 });
        var entry = SettingsEntry();

        await log.WriteAsync(DeviceWith("dev1"), User, entry, CancellationToken.None);

        string text = await File.ReadAllTextAsync(Path.Combine(data.Path, "logs", "devices", User, "dev1.log"));
        Assert.Contains("over the limit of 10", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<Settings", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_PasswordInTheQuery_IsMasked()
    {
        var log = new DeviceProtocolLog(data.Path, time, logger);

        await log.WriteAsync(DeviceWith("dev1"), User, new ProtocolLogEntry { Method = "POST", PathAndQuery = "/Microsoft-Server-ActiveSync?Cmd=Ping&Password=hunter2", StatusCode = 200 }, CancellationToken.None);

        string text = await File.ReadAllTextAsync(Path.Combine(data.Path, "logs", "devices", User, "dev1.log"));
        Assert.Contains("Password=********", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(User, "../escape")]
    [InlineData(User, "..")]
    [InlineData(User, ".hidden")]
    [InlineData(User, "a/b")]
    [InlineData(User, "a\\b")]
    [InlineData(User, "")]
    [InlineData(User, "dev\0ice")]
    [InlineData("../../etc", "dev1")]
    [InlineData("alice@example.com/..", "dev1")]
    public void GetLogPath_UnsafeNames_AreRejected(string user, string deviceId)
    {
        var log = new DeviceProtocolLog(data.Path, time, logger);

        Assert.Null(log.GetLogPath(user, deviceId));
    }

    [Fact]
    public void GetLogPath_TooLongName_IsRejected()
    {
        var log = new DeviceProtocolLog(data.Path, time, logger);

        Assert.Null(log.GetLogPath(User, new string('a', 129)));
        Assert.NotNull(log.GetLogPath(User, new string('a', 128)));
    }

    [Fact]
    public void GetLogPath_SafeNames_AreInsideTheRoot()
    {
        var log = new DeviceProtocolLog(data.Path, time, logger);

        string? path = log.GetLogPath("first.last+tag@example.com", "androidc1234_5-6");

        Assert.Equal(Path.Combine(data.Path, "logs", "devices", "first.last+tag@example.com", "androidc1234_5-6.log"), path);
    }

    [Fact]
    public async Task WriteAsync_UnsafeDeviceId_WritesNothingAndWarns()
    {
        var log = new DeviceProtocolLog(data.Path, time, logger);

        await log.WriteAsync(DeviceWith("../../escape"), User, SettingsEntry(), CancellationToken.None);

        Assert.False(Directory.Exists(Path.Combine(data.Path, "logs")));
        Assert.Empty(Directory.GetFiles(data.Path, "*.log", SearchOption.AllDirectories));
        Assert.True(logger.Has(2200));
    }

    [Fact]
    public async Task WriteAsync_FileOverTheLimit_RotatesKeepingOneOldFile()
    {
        var log = new DeviceProtocolLog(data.Path, time, logger, new ProtocolLogOptions { MaxFileBytes = 64 * 1024 });
        string path = Path.Combine(data.Path, "logs", "devices", User, "dev1.log");
        for (int i = 0; i < 200; i++)
        {
            await log.WriteAsync(DeviceWith("dev1"), User, SettingsEntry(), CancellationToken.None);
        }

        Assert.True(File.Exists(path + ".1"));
        Assert.False(File.Exists(path + ".2"));
        Assert.InRange(new FileInfo(path).Length, 1, 64 * 1024);
        Assert.InRange(new FileInfo(path + ".1").Length, 1, 64 * 1024);
        int entries = CountEntries(await File.ReadAllTextAsync(path)) + CountEntries(await File.ReadAllTextAsync(path + ".1"));
        Assert.InRange(entries, 2, 199);
        Assert.True(logger.Has(2202));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWriters_EntriesStayWhole()
    {
        var log = new DeviceProtocolLog(data.Path, time, logger);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => log.WriteAsync(DeviceWith("dev1"), User, SettingsEntry(), CancellationToken.None))));

        string text = await File.ReadAllTextAsync(Path.Combine(data.Path, "logs", "devices", User, "dev1.log"));
        Assert.Equal(40, CountEntries(text));
        string[] entries = text.Split("==== ", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(entries, e => Assert.Equal(entries[0], e));
    }

    [Fact]
    public async Task WriteAsync_FolderUnwritable_DoesNotThrowAndWarns()
    {
        File.WriteAllText(Path.Combine(data.Path, "logs"), "a file where the folder should be");
        var log = new DeviceProtocolLog(data.Path, time, logger);

        await log.WriteAsync(DeviceWith("dev1"), User, SettingsEntry(), CancellationToken.None);

        Assert.True(logger.Has(2201));
    }

    [Fact]
    public async Task WriteAsync_Cancelled_DropsTheEntryQuietly()
    {
        var log = new DeviceProtocolLog(data.Path, time, logger);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await log.WriteAsync(DeviceWith("dev1"), User, SettingsEntry(), cancelled.Token);

        Assert.False(Directory.Exists(Path.Combine(data.Path, "logs")));
        Assert.Empty(logger.Lines);
    }

    [Fact]
    public void Options_Validate_NamesBadSettings()
    {
        Assert.Empty(new ProtocolLogOptions().Validate());
        Assert.Contains(new ProtocolLogOptions { MaxFileBytes = 10 }.Validate(), e => e.StartsWith("ProtocolLog:MaxFileBytes", StringComparison.Ordinal));
        Assert.Contains(new ProtocolLogOptions { MaxDecodedBodyBytes = -1 }.Validate(), e => e.StartsWith("ProtocolLog:MaxDecodedBodyBytes", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new DeviceProtocolLog(data.Path, time, logger, new ProtocolLogOptions { MaxFileBytes = 10 }));
    }

    private static int CountEntries(string text) => text.Split("\n==== ").Length - (text.StartsWith("==== ", StringComparison.Ordinal) ? 0 : 1);
}
