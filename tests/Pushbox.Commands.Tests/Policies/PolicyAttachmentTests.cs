using System.Xml.Linq;
using Pushbox.Commands.Tests.ItemOperations;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Wbxml;
using static Pushbox.Commands.Tests.ItemOperations.ItemOperationsMessages;

namespace Pushbox.Commands.Tests.Policies;

/// <summary>Attachment downloads under a mailbox policy: AttachmentsEnabled and MaxAttachmentSize (MS-ASPROV 2.2.2.23, 2.2.2.30).</summary>
public sealed class PolicyAttachmentTests : IAsyncLifetime
{
    private static readonly XNamespace Io = "ItemOperations:";
    private static readonly byte[] Pdf = Pattern(70_000);
    private ItemOperationsHarness _h = null!;

    public async Task InitializeAsync() => _h = await ItemOperationsHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData("{\"AttachmentsEnabled\": false}", "16")] // access to the resource is denied (MS-ASCMD_R4167)
    [InlineData("{\"MaxAttachmentSize\": 69999}", "11")] // the requested data size is too large (MS-ASCMD_R4163)
    [InlineData("{\"MaxAttachmentSize\": 70000}", "1")]
    [InlineData("{}", "1")]
    public async Task ItemOperations_AttachmentFetch_RefusedByPolicy(string settings, string status)
    {
        StoredItem item = await _h.AddAsync(WithAttachment(Pdf));
        Device device = await PolicyProvisioning.ProvisionAsync(_h.Mailbox, settings);

        XElement response = await ItemOperationsHarness.DecodeAsync(await RunAsync(device, EasCommand.ItemOperations, "14.1", Request(FetchAttachment($"{item.ServerId}:1"))));

        XElement fetch = response.Descendants(Io + "Fetch").Single();
        Assert.Equal(status, fetch.Element(Io + "Status")!.Value);
        Assert.Equal(status == "1", fetch.Descendants(Io + "Properties").Any());
    }

    [Fact]
    public async Task ItemOperations_TooLargeAttachment_RefusedWhateverRangeIsAsked()
    {
        StoredItem item = await _h.AddAsync(WithAttachment(Pdf));
        Device device = await PolicyProvisioning.ProvisionAsync(_h.Mailbox, "{\"MaxAttachmentSize\": 1000}");

        XElement response = await ItemOperationsHarness.DecodeAsync(await RunAsync(device, EasCommand.ItemOperations, "14.1", Request(FetchAttachment($"{item.ServerId}:1", "0-99"))));

        Assert.Equal("11", response.Descendants(Io + "Fetch").Single().Element(Io + "Status")!.Value);
    }

    [Theory]
    [InlineData("{\"AttachmentsEnabled\": false}", 500)]
    [InlineData("{\"MaxAttachmentSize\": 69999}", 500)]
    [InlineData("{\"MaxAttachmentSize\": 70000}", 200)]
    public async Task GetAttachment_RefusedByPolicy_IsHttp500WithoutABody(string settings, int httpStatus)
    {
        StoredItem item = await _h.AddAsync(WithAttachment(Pdf));
        Device device = await PolicyProvisioning.ProvisionAsync(_h.Mailbox, settings);

        EasCommandResult result = await RunAsync(device, EasCommand.GetAttachment, "12.1", null, $"{item.ServerId}:1");

        Assert.Equal(httpStatus, result.HttpStatus);
        if (httpStatus == 200)
        {
            Assert.Equal(Pdf, await ItemOperationsHarness.RawAsync(result));
        }
        else
        {
            Assert.Null(result.RawBody);
        }
    }

    private Task<EasCommandResult> RunAsync(Device device, EasCommand command, string version, string? xml, string? attachmentName = null)
    {
        EasRequestContext context = _h.Context(command, version, attachmentName: attachmentName) with { Device = device, PolicyKey = PolicyProvisioning.FinalKey };
        return _h.Dispatcher.DispatchAsync(context, xml is null ? [] : WbxmlXml.FromXml(xml), CancellationToken.None);
    }
}
