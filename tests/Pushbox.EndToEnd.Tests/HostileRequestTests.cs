using System.Text;
using Pushbox.Testing.Eas;
using Pushbox.Wbxml;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// Requests no well-behaved device sends: each gets its own status (MS-ASHTTP 2.2.2.1.1: 400 for a
/// malformed request, 413 over the body limit, 501 for a command the server does not implement), and
/// none gets 500.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class HostileRequestTests(ServerFixture fixture) : ServerTest(fixture)
{
    private const string FolderSyncZero = """<FolderSync xmlns="FolderHierarchy:"><SyncKey>0</SyncKey></FolderSync>""";

    private static readonly byte[] FolderSyncBody = WbxmlXml.FromXml(FolderSyncZero);

    public static TheoryData<string, string> MalformedQueries() => new()
    {
        { "no query", string.Empty },
        { "empty query", "?" },
        { "no Cmd", "?User=alice%40example.com&DeviceId=Hostile1&DeviceType=E2ETest" },
        { "empty Cmd", "?Cmd=&DeviceId=Hostile1&DeviceType=E2ETest" },
        { "unknown Cmd", "?Cmd=Frobnicate&DeviceId=Hostile1&DeviceType=E2ETest" },
        { "no DeviceId", "?Cmd=FolderSync&User=alice%40example.com&DeviceType=E2ETest" },
        { "DeviceId with punctuation", "?Cmd=FolderSync&DeviceId=not-a-device!&DeviceType=E2ETest" },
        { "DeviceId of 33 characters", "?Cmd=FolderSync&DeviceId=" + new string('A', 33) + "&DeviceType=E2ETest" },
        { "no DeviceType", "?Cmd=FolderSync&DeviceId=Hostile1" },
        { "Cmd twice", "?Cmd=FolderSync&Cmd=FolderSync&DeviceId=Hostile1&DeviceType=E2ETest" },
        { "bad percent escape", "?Cmd=FolderSync&DeviceId=Hostile%ZZ&DeviceType=E2ETest" },
        { "query over 4096 characters", "?Cmd=FolderSync&DeviceId=Hostile1&DeviceType=E2ETest&Junk=" + new string('x', 5000) },
        { "bad base64", "?!!!!not*base64!!!!" },
        { "base64 of nothing useful", "?AAAA" },
    };

    [Theory]
    [MemberData(nameof(MalformedQueries))]
    public async Task MalformedQuery_Is400(string what, string query)
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        EasResponse response = await client.SendRawAsync(new RawHttpRequest
        {
            PathAndQuery = EasClient.ActiveSyncPath + query,
            Headers = [new("MS-ASProtocolVersion", "14.1"), new("Content-Type", EasClient.WbxmlContentType)],
            Body = FolderSyncBody,
        });

        Assert.True(response.StatusCode == 400, $"{what}: {response}");
    }

    /// <summary>Cut points inside a valid base64 query: after the version byte, inside the locale, inside the device ID, before the policy key length, inside the device type.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(-3)]
    [InlineData(-1)]
    public async Task TruncatedBase64Query_Is400(int cut)
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);
        byte[] full = Base64Query.For("FolderSync", "14.1", "HostileDevice1", ServerFixture.DeviceType).ToBytes();
        byte[] truncated = full[..(cut > 0 ? cut : full.Length + cut)];

        EasResponse response = await client.SendRawAsync(new RawHttpRequest
        {
            PathAndQuery = EasClient.ActiveSyncPath + "?" + Base64Query.EncodeBytes(truncated),
            Headers = [new("Content-Type", EasClient.WbxmlContentType)],
            Body = FolderSyncBody,
        });

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task Base64Query_AtVersion25_Is400()
    {
        // MS-ASHTTP 2.2.1.1.1.1: 2.5 and 12.0 MUST use the plain query.
        using EasClient client = Fixture.Client(ServerFixture.Alice);
        Base64Query query = Base64Query.For("FolderSync", "14.1", "HostileDevice1", ServerFixture.DeviceType);
        query.ProtocolVersion = Base64Query.VersionByte("2.5");

        EasResponse response = await client.SendRawAsync(new RawHttpRequest { PathAndQuery = EasClient.ActiveSyncPath + "?" + query.Encode(), Body = FolderSyncBody });

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task Base64Query_DisagreeingWithTheVersionHeader_Is400()
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        EasResponse response = await client.SendAsync(new EasRequest("FolderSync")
        {
            Xml = FolderSyncZero,
            UseBase64Query = true,
            ProtocolVersion = "14.1",
            Headers = [new("MS-ASProtocolVersion", "16.1")],
        });

        Assert.Equal(400, response.StatusCode);
    }

    [Theory]
    [InlineData("13.0")]
    [InlineData("14")]
    [InlineData("16.10")]
    [InlineData("latest")]
    public async Task UnknownVersionHeader_Is400(string version)
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        EasResponse response = await client.SendAsync("FolderSync", FolderSyncZero, version);

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task NoVersionAtAll_Is400()
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        EasResponse response = await client.SendAsync(new EasRequest("FolderSync") { Xml = FolderSyncZero, SendVersionHeader = false });

        Assert.Equal(400, response.StatusCode);
    }

    [Theory]
    [InlineData("Ms-Asprotocolversion")] // Go's net/http canonical form
    [InlineData("ms-asprotocolversion")]
    [InlineData("MS-ASPROTOCOLVERSION")]
    public async Task VersionHeader_InAnyLetterCase_IsHonoured(string headerName)
    {
        // Header names are case-insensitive (RFC 9110 5.1); written byte for byte, so nothing re-cases them.
        using EasClient client = Fixture.Client(ServerFixture.Alice);
        string query = client.BuildQuery(new EasRequest("FolderSync"));
        byte[] request = client.BuildRawRequest(
            "POST",
            EasClient.ActiveSyncPath + "?" + query,
            [new(headerName, "14.1"), new("Content-Type", EasClient.WbxmlContentType), new("Content-Length", FolderSyncBody.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Connection", "close")],
            FolderSyncBody);

        RawHttpResponse response = await client.SendRawBytesAsync(request);

        Assert.Equal(200, response.StatusCode);
        var decoded = new EasResponse(response.StatusCode, new Version(1, 1), response.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase), response.Body, TimeSpan.Zero);
        Assert.Equal(1, FolderSyncResult.From(decoded).Status);
    }

    [Fact]
    public async Task VersionHeader_InGoLetterCase_ThroughHttpClient_IsHonoured()
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        EasResponse response = await client.SendAsync(new EasRequest("FolderSync")
        {
            Xml = FolderSyncZero,
            SendVersionHeader = false,
            Headers = [new("Ms-Asprotocolversion", "14.1")],
        });

        Assert.Equal(1, FolderSyncResult.From(response).Status);
    }

    public static TheoryData<string, byte[]> BrokenBodies() => new()
    {
        { "truncated WBXML", FolderSyncBody[..^2] },
        { "header only", FolderSyncBody[..4] },
        { "not WBXML", Encoding.UTF8.GetBytes("<FolderSync><SyncKey>0</SyncKey></FolderSync>") },
        { "wrong root", WbxmlXml.FromXml("""<FolderCreate xmlns="FolderHierarchy:"><SyncKey>0</SyncKey></FolderCreate>""") },
        { "no SyncKey", WbxmlXml.FromXml("""<FolderSync xmlns="FolderHierarchy:"/>""") },
        { "empty", [] },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task FolderSync_WithABrokenBody_IsStatus10(string what, byte[] body)
    {
        // What the server does: the folder commands answer a malformed body in the body, with their
        // Status 10 ("incorrectly formatted request"), not with HTTP 400.
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        EasResponse response = await client.SendAsync("FolderSync", body, "14.1");

        Assert.True(response.StatusCode == 200, $"{what}: {response}");
        XsdValidator.AssertValidWbxml(response.Body, StandardFolders.FolderSyncSchemas);
        Assert.Equal(10, FolderSyncResult.From(response).Status);
    }

    [Fact]
    public async Task Body_OverTheLimit_WithContentLength_Is413()
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        EasResponse response = await client.SendAsync("FolderSync", new byte[ServerFixture.MaxDocumentSize + 1], "14.1");

        Assert.Equal(413, response.StatusCode);
    }

    [Fact]
    public async Task Body_OverTheLimit_Chunked_Is413()
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);
        using var body = new UnseekableStream(ServerFixture.MaxDocumentSize + 1024);

        EasResponse response = await client.SendRawAsync(new RawHttpRequest
        {
            PathAndQuery = EasClient.ActiveSyncPath + "?" + client.BuildQuery(new EasRequest("FolderSync")),
            Headers = [new("MS-ASProtocolVersion", "14.1"), new("Content-Type", EasClient.WbxmlContentType)],
            BodyStream = body,
        });

        Assert.Equal(413, response.StatusCode);
    }

    [Fact]
    public async Task Body_DeclaredHuge_ButNotSent_Is413AtOnce()
    {
        // Content-Length says 100 MB, 16 bytes follow: the answer must come from the header, not after reading.
        using EasClient client = Fixture.Client(ServerFixture.Alice);
        byte[] request = client.BuildRawRequest(
            "POST",
            EasClient.ActiveSyncPath + "?" + client.BuildQuery(new EasRequest("FolderSync")),
            [new("MS-ASProtocolVersion", "14.1"), new("Content-Type", EasClient.WbxmlContentType), new("Content-Length", "100000000")],
            new byte[16]);

        RawHttpResponse response = await client.SendRawBytesAsync(request);

        Assert.Equal(413, response.StatusCode);
    }

    [Theory]
    [InlineData(ServerFixture.Other)]
    [InlineData("other")]
    [InlineData(@"EXAMPLE\other")]
    public async Task UserParameter_NamingAnotherUser_Is403(string user)
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        EasResponse response = await client.SendAsync(new EasRequest("FolderSync") { Xml = FolderSyncZero, User = user });

        Assert.Equal(403, response.StatusCode);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData(@"EXAMPLE\alice")]
    [InlineData("ALICE@EXAMPLE.COM")]
    public async Task UserParameter_NamingTheSignedInUserInAnotherForm_IsAccepted(string user)
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        EasResponse response = await client.SendAsync(new EasRequest("FolderSync") { Xml = FolderSyncZero, User = user });

        Assert.Equal(1, FolderSyncResult.From(response).Status);
    }

    [Theory]
    [InlineData("MeetingResponse")]
    public async Task UnimplementedCommand_Is501(string command)
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        EasResponse response = await client.SendAsync(command, new byte[] { 0x03, 0x01, 0x6A, 0x00 }, "14.1");

        Assert.Equal(501, response.StatusCode);
    }

    [Fact]
    public async Task Get_OnTheActiveSyncUrl_IsNotAllowed()
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        EasResponse response = await client.SendRawAsync(new RawHttpRequest { Method = HttpMethod.Get, PathAndQuery = EasClient.ActiveSyncPath + "?Cmd=FolderSync&DeviceId=Hostile1&DeviceType=E2ETest" });

        Assert.Equal(405, response.StatusCode);
    }

    /// <summary>A body of zeros that cannot seek, so HttpClient sends it chunked, without Content-Length.</summary>
    private sealed class UnseekableStream(long length) : Stream
    {
        private long _remaining = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, _remaining);
            Array.Clear(buffer, offset, n);
            _remaining -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData("/Microsoft-Server-ActiveSync?Cmd=FolderSync&DeviceId=RESET1&DeviceType=t")]
    [InlineData("/autodiscover/autodiscover.xml")]
    public async Task ClientResettingMidBody_IsNeitherAnErrorNorASuccess(string pathAndQuery)
    {
        using (var socket = new System.Net.Sockets.TcpClient())
        {
            await socket.ConnectAsync(Fixture.Server.BaseAddress.Host, Fixture.Server.BaseAddress.Port);
            using var tls = new System.Net.Security.SslStream(socket.GetStream(), leaveInnerStreamOpen: true, (_, _, _, _) => true);
            await tls.AuthenticateAsClientAsync(Fixture.Server.BaseAddress.Host);
            string head = $"POST {pathAndQuery} HTTP/1.1\r\nHost: {Fixture.Server.BaseAddress.Authority}\r\n" +
                "Authorization: Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(ServerFixture.Alice + ":" + ServerFixture.Password)) + "\r\n" +
                "MS-ASProtocolVersion: 14.1\r\nContent-Type: application/vnd.ms-sync.wbxml\r\nContent-Length: 500\r\n\r\n\u0003\u0001j";
            await tls.WriteAsync(System.Text.Encoding.Latin1.GetBytes(head));
            await tls.FlushAsync();
            await Task.Delay(200);
            socket.Client.LingerState = new System.Net.Sockets.LingerOption(true, 0); // close with a TCP reset
        }

        await Task.Delay(500); // let the server notice; the fixture then checks that nothing was logged as a failure

        string metrics = await Fixture.MetricsAsync();
        Assert.DoesNotContain("status=\"500\"", metrics, StringComparison.Ordinal);
    }
}
