using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>Basic sign-in on a POST: wrong passwords, unreadable credentials, and the per-user lock-out.</summary>
[Collection(SharedServer.Name)]
public sealed class AuthenticationTests(ServerFixture fixture) : ServerTest(fixture)
{
    private const string FolderSyncZero = """<FolderSync xmlns="FolderHierarchy:"><SyncKey>0</SyncKey></FolderSync>""";

    [Fact]
    public async Task WrongPassword_Is401WithChallenge()
    {
        using EasClient client = Fixture.Client(ServerFixture.WrongPassword, password: "not the password");

        EasResponse response = await client.SendAsync("FolderSync", FolderSyncZero, "14.1");

        Assert.Equal(401, response.StatusCode);
        Assert.StartsWith("Basic realm=\"", response.Header("WWW-Authenticate"), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task NoCredentials_OnAPost_Is401WithChallenge()
    {
        using EasClient client = Fixture.Client(user: null);

        EasResponse response = await client.SendAsync("FolderSync", FolderSyncZero, "14.1");

        Assert.Equal(401, response.StatusCode);
        Assert.NotNull(response.Header("WWW-Authenticate"));
    }

    [Theory]
    [InlineData("Basic !!!not-base64!!!")]
    [InlineData("Basic ")]
    [InlineData("Basic YWxpY2VAZXhhbXBsZS5jb20=")] // "alice@example.com" without a colon
    [InlineData("Bearer abc.def.ghi")]
    public async Task UnreadableCredentials_Are401(string authorization)
    {
        using EasClient client = Fixture.Client(user: null);

        EasResponse response = await client.SendRawAsync(new RawHttpRequest
        {
            PathAndQuery = EasClient.ActiveSyncPath + "?" + client.BuildQuery(new EasRequest("FolderSync")),
            Headers = [new("Authorization", authorization), new("MS-ASProtocolVersion", "14.1")],
            Body = Pushbox.Wbxml.WbxmlXml.FromXml(FolderSyncZero),
        });

        Assert.Equal(401, response.StatusCode);
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheUserOut_ThenEvenTheRightPasswordIs401WithoutDelay()
    {
        using EasClient wrong = Fixture.Client(ServerFixture.Locked, password: "guess");
        using EasClient right = Fixture.Client(ServerFixture.Locked);
        Assert.Equal(200, (await right.OptionsAsync()).StatusCode);
        double lockedBefore = await Fixture.MetricAsync("pushbox_eas_failed_logins_total{reason=\"user_locked_out\"}");

        var verified = new List<TimeSpan>();
        for (int i = 0; i < ServerFixture.MaxFailuresPerUser; i++)
        {
            EasResponse failed = await wrong.SendAsync("FolderSync", FolderSyncZero, "14.1");
            Assert.Equal(401, failed.StatusCode);
            verified.Add(failed.Elapsed);
        }

        var refused = new List<TimeSpan>();
        for (int i = 0; i < 5; i++)
        {
            EasResponse locked = await right.SendAsync("FolderSync", FolderSyncZero, "14.1");
            Assert.Equal(401, locked.StatusCode);
            Assert.NotNull(locked.Header("WWW-Authenticate"));
            refused.Add(locked.Elapsed);
        }

        // The lock-out refuses without hashing the password: the metric says so, and each refusal
        // takes a fraction of a password verification (PBKDF2, about 100 ms here).
        double lockedAfter = await Fixture.MetricAsync("pushbox_eas_failed_logins_total{reason=\"user_locked_out\"}");
        Assert.Equal(5, lockedAfter - lockedBefore);
        TimeSpan fastestVerification = verified.Min();
        TimeSpan medianRefusal = refused.Order().ElementAt(refused.Count / 2);
        Assert.True(
            medianRefusal < fastestVerification / 2,
            $"locked-out refusals took {string.Join(", ", refused.Select(t => t.TotalMilliseconds))} ms; verifications {string.Join(", ", verified.Select(t => t.TotalMilliseconds))} ms");
    }
}
