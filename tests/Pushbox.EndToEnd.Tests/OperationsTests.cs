using System.Net;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>/healthz and /metrics answer on the management listener only.</summary>
[Collection(SharedServer.Name)]
public sealed class OperationsTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task Healthz_OnTheManagementPort_Is200Ok()
    {
        using HttpResponseMessage response = await Fixture.Management.GetAsync(new Uri(Fixture.Server.ManagementAddress, "healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task Metrics_OnTheManagementPort_CountEasRequests()
    {
        using EasClient client = Fixture.Client(ServerFixture.Reader);
        Assert.Equal(1, (await client.FolderSyncAsync("0", "14.1")).Status);

        string metrics = await Fixture.MetricsAsync();

        Assert.Contains("# TYPE pushbox_eas_requests_total counter", metrics, StringComparison.Ordinal);
        Assert.Contains("pushbox_eas_requests_total{command=\"FolderSync\",protocol_version=\"14.1\",status=\"200\"}", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("healthz")]
    [InlineData("metrics")]
    public async Task OperationsEndpoints_OnTheHttpsPort_Are404(string path)
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        EasResponse response = await client.SendRawAsync(new RawHttpRequest { Method = HttpMethod.Get, PathAndQuery = "/" + path });

        Assert.Equal(404, response.StatusCode);
        Assert.DoesNotContain("pushbox_eas", response.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceEndpoints_OnTheManagementPort_Are404()
    {
        Uri management = Fixture.Server.ManagementAddress;
        using var options = new HttpRequestMessage(HttpMethod.Options, new Uri(management, "Microsoft-Server-ActiveSync"));
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(management, "Microsoft-Server-ActiveSync?Cmd=FolderSync&DeviceId=abc1&DeviceType=t"));
        post.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("alice@example.com:x"u8.ToArray()));

        using HttpResponseMessage optionsResponse = await Fixture.Management.SendAsync(options);
        using HttpResponseMessage postResponse = await Fixture.Management.SendAsync(post);
        using HttpResponseMessage autodiscover = await Fixture.Management.GetAsync(new Uri(management, "autodiscover/autodiscover.json?Email=alice@example.com&Protocol=ActiveSync"));

        Assert.Equal(HttpStatusCode.NotFound, optionsResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, postResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, autodiscover.StatusCode);
    }
}
