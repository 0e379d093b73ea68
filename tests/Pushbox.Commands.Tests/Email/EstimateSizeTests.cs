using System.Buffers;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Tests.Email;

/// <summary>EstimateSize: no I/O, and never below what Render writes for the samples.</summary>
public sealed class EstimateSizeTests(EmailStoreFixture fixture) : IClassFixture<EmailStoreFixture>
{
    private static readonly ItemBodyOptions[] Options =
    [
        ItemBodyOptions.None,
        new([new BodyPreference(BodyType.Html, Preview: 255)], [], Truncation: 9),
        new([new BodyPreference(BodyType.PlainText, 100)], [], Truncation: 1),
        new([new BodyPreference(BodyType.Mime)], [], MimeSupport: 2),
        new([new BodyPreference(BodyType.Html, 10, AllOrNone: true), new BodyPreference(BodyType.PlainText)], [], MimeSupport: 2, MimeTruncation: 1),
    ];

    private readonly EmailTestStore _store = fixture.Store;

    [Fact]
    public async Task Estimate_IsNeverBelowTheRenderedSize()
    {
        foreach ((string name, Func<byte[]> message) in Messages.All)
        {
            StoredItem item = await _store.AddAsync(message());
            foreach (EasVersion version in EasVersion.All)
            {
                foreach (ItemBodyOptions options in Options)
                {
                    long rendered = await RenderedSizeAsync(item, options, version);

                    long estimate = _store.Renderer.EstimateSize(item, options, version);

                    Assert.True(estimate >= rendered, $"{name} at {version}: estimated {estimate}, rendered {rendered}");
                }
            }
        }
    }

    [Fact]
    public async Task Estimate_OfATruncatedBody_IsNearItsLimit()
    {
        StoredItem item = await _store.AddAsync(Messages.PlainWithBody(new string('x', 1_000_000)));
        ItemBodyOptions options = new([new BodyPreference(BodyType.Html, 5000)], []);

        long estimate = _store.Renderer.EstimateSize(item, options, EasVersion.V161);

        Assert.InRange(estimate, await RenderedSizeAsync(item, options, EasVersion.V161), 8000);
    }

    [Fact]
    public async Task Estimate_DoesNoBlobIo()
    {
        StoredItem item = await _store.AddWithoutBlobAsync(Mailbox.Delivery.EmailSummaryReader.Empty(EmailTestStore.Received));
        int logged = _store.Log.Entries.Count;

        _ = _store.Renderer.EstimateSize(item, ItemBodyOptions.None, EasVersion.V161);

        Assert.Equal(logged, _store.Log.Entries.Count);
    }

    private async Task<long> RenderedSizeAsync(StoredItem item, ItemBodyOptions options, EasVersion version)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new WbxmlWriter(buffer);
        writer.WriteStartElement(EasCodePages.AirSyncTags.ApplicationData);
        int before = buffer.WrittenCount;
        await _store.Renderer.Render(item, options, version)(new WbxmlResponseOutput(writer), CancellationToken.None);
        return buffer.WrittenCount - before;
    }
}
