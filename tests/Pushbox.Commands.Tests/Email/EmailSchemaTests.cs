using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.AirSyncBase;

namespace Pushbox.Commands.Tests.Email;

/// <summary>Every sample, well-formed or broken, at every protocol version and with typical options, is a valid Sync item.</summary>
public sealed class EmailSchemaTests(EmailStoreFixture fixture) : IClassFixture<EmailStoreFixture>
{
    private readonly EmailTestStore _store = fixture.Store;

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (EasVersion version in EasVersion.All)
        {
            foreach (string message in Messages.All.Keys)
            {
                foreach (string options in OptionSets.Keys)
                {
                    data.Add(version.ToString(), message, options);
                }
            }
        }

        return data;
    }

    private static readonly Dictionary<string, ItemBodyOptions> OptionSets = new()
    {
        ["none"] = ItemBodyOptions.None,
        ["html-5k-preview"] = new([new BodyPreference(BodyType.Html, 5120, Preview: 100)], [], Truncation: 4),
        ["plain-200-allornone"] = new([new BodyPreference(BodyType.PlainText, 200, AllOrNone: true, Preview: 255)], []),
        ["mime"] = new([new BodyPreference(BodyType.Mime, 100_000)], [], MimeSupport: 2, MimeTruncation: 8),
        ["rtf-then-html"] = new([new BodyPreference(BodyType.Rtf, 1000), new BodyPreference(BodyType.Html, 64)], [], MimeSupport: 0, Truncation: 1),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Render_EverySampleAtEveryVersion_IsAValidSyncItem(string versionText, string message, string options)
    {
        Assert.True(EasVersion.TryParse(versionText, out EasVersion version));
        StoredItem item = await _store.AddAsync(Messages.All[message]());

        RenderedItem rendered = await RenderedItem.RenderAsync(_store.Renderer, item, OptionSets[options], version);

        rendered.AssertValid();
        Assert.NotNull(rendered.Value(RenderedItem.EmailNs, "DateReceived"));
        Assert.NotNull(rendered.Value(RenderedItem.EmailNs, "MessageClass"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Render_MissingBlob_WritesTheSummaryAndAnEmptyBody_AndWarns(string versionText)
    {
        Assert.True(EasVersion.TryParse(versionText, out EasVersion version));
        EmailSummary summary = new("Alice <alice@example.com>", "bob@example.com", "", "", "Lost", EmailTestStore.Received, Importance.High,
            "IPM.Note", true, null, ["Red"], false, new byte[16], "<lost@example.com>", "Lost");
        StoredItem item = await _store.AddWithoutBlobAsync(summary);

        RenderedItem rendered = await RenderedItem.RenderAsync(_store.Renderer, item, ItemBodyOptions.None, version);

        rendered.AssertValid();
        Assert.Equal("Lost", rendered.Value(RenderedItem.EmailNs, "Subject"));
        Assert.Equal("2", rendered.Value(RenderedItem.EmailNs, "Importance"));
        Assert.Equal("1", rendered.Value(RenderedItem.EmailNs, "Read"));
        Assert.Equal(string.Empty, rendered.Data ?? string.Empty);
        Assert.Contains(_store.Log.Entries, e => e.Id.Id == 6101 && e.Message.Contains(item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    public static TheoryData<string> Versions() => new(EasVersion.All.Select(v => v.ToString()));
}
