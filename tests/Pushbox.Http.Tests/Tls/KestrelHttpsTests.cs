using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pushbox.Http.Tests.Support;
using Pushbox.Http.Tls;

namespace Pushbox.Http.Tests.Tls;

public sealed class KestrelHttpsTests : IDisposable
{
    private readonly TempFolder data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task GeneratedCertificate_ServesHttpsThroughKestrel()
    {
        using ServerCertificate certificate = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, TimeProvider.System, new ListLogger());
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = certificate.Certificate;
            https.ServerCertificateChain = certificate.Intermediates;
        })));
        await using WebApplication app = builder.Build();
        app.MapGet("/", () => "hello");
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        string? seen = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
            {
                seen = ServerCertificate.FingerprintOf(presented!);
                return seen == certificate.Sha256Fingerprint;
            },
        };
        using var client = new HttpClient(handler);
        string body = await client.GetStringAsync(new Uri(address));
        await app.StopAsync();

        Assert.StartsWith("https://", address, StringComparison.Ordinal);
        Assert.Equal("hello", body);
        Assert.Equal(certificate.Sha256Fingerprint, seen);
    }
}
