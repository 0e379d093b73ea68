using System.Text;
using Prometheus;
using Pushbox.Http.Operations;
using Pushbox.Http.Security;

namespace Pushbox.Http.Tests.Operations;

public sealed class EasMetricsTests
{
    private static async Task<string> ExportAsync(EasMetrics metrics)
    {
        using var buffer = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public async Task RecordRequest_ClientControlledLabels_StayBounded()
    {
        var metrics = new EasMetrics(Metrics.NewCustomRegistry());
        for (int i = 0; i < 200; i++)
        {
            metrics.RecordRequest("Cmd" + i, "16.1", 200, TimeSpan.FromMilliseconds(1));
        }

        metrics.RecordRequest("Sync\"}evil", "16.1", 200, TimeSpan.Zero);
        metrics.RecordRequest(null, null, 401, TimeSpan.Zero);
        string text = await ExportAsync(metrics);

        Assert.Contains("command=\"Cmd63\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("command=\"Cmd64\"", text, StringComparison.Ordinal);
        Assert.Contains("pushbox_eas_requests_total{command=\"other\",protocol_version=\"16.1\",status=\"200\"} 137", text, StringComparison.Ordinal);
        Assert.Contains("pushbox_eas_requests_total{command=\"none\",protocol_version=\"none\",status=\"401\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReasonLabel_CoversEveryReason()
    {
        foreach (AuthenticationFailureReason reason in Enum.GetValues<AuthenticationFailureReason>())
        {
            Assert.NotEqual("other", EasMetrics.ReasonLabel(reason));
        }
    }

    [Fact]
    public async Task TwoInstancesOnOneRegistry_ShareTheMetrics()
    {
        CollectorRegistry registry = Metrics.NewCustomRegistry();
        var first = new EasMetrics(registry);
        var second = new EasMetrics(registry);

        first.RecordFailedLogin(AuthenticationFailureReason.WrongPassword);
        second.RecordFailedLogin(AuthenticationFailureReason.WrongPassword);

        Assert.Contains("pushbox_eas_failed_logins_total{reason=\"wrong_password\"} 2", await ExportAsync(first), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeldRequests_AreReadFromTheHolderAtEveryScrape()
    {
        var metrics = new EasMetrics(Metrics.NewCustomRegistry());
        int held = 3;
        metrics.ObserveHeldRequests(() => held);

        string first = await ExportAsync(metrics);
        held = 1;
        string second = await ExportAsync(metrics);

        Assert.Contains("pushbox_eas_held_requests 3", first, StringComparison.Ordinal);
        Assert.Contains("pushbox_eas_held_requests 1", second, StringComparison.Ordinal);
    }
}
