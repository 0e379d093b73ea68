using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using static Pushbox.Commands.Tests.ItemOperations.ItemOperationsMessages;

namespace Pushbox.Commands.Tests.ItemOperations;

/// <summary>GetAttachment (MS-ASCMD 2.2.1.7): the attachment's bytes as the raw body, its type as Content-Type.</summary>
public sealed class GetAttachmentTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = Pattern(70_000);

    private ItemOperationsHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ItemOperationsHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData("2.5")]
    [InlineData("12.0")]
    [InlineData("12.1")]
    public async Task GetAttachment_SendsTheDecodedBytesWithTypeAndLength(string version)
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));

        EasCommandResult result = await _harness.RunAsync(EasCommand.GetAttachment, version, null, attachmentName: $"{item.ServerId}:1");

        Assert.Equal(200, result.HttpStatus);
        Assert.Equal("application/pdf", result.RawContentType);
        Assert.Equal(Pdf.Length, result.RawContentLength);
        Assert.Equal(Pdf, await ItemOperationsHarness.RawAsync(result));
    }

    [Fact]
    public async Task GetAttachment_UnencodedPart_IsSentAsStored()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));

        EasCommandResult result = await _harness.RunAsync(EasCommand.GetAttachment, "12.1", null, attachmentName: $"{item.ServerId}:2");

        Assert.Equal("text/plain", result.RawContentType);
        Assert.Equal(NotesText, System.Text.Encoding.ASCII.GetString(await ItemOperationsHarness.RawAsync(result)));
    }

    [Fact]
    public async Task GetAttachment_ThatDoesNotExist_IsHttp500WithoutABody()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));
        StoredItem other = await _harness.AddForAnotherUserAsync(WithAttachment(Pdf));
        await _harness.Mailbox.Store.DeleteItemAsync(_harness.UserId, (await _harness.AddAsync(WithAttachment(Pdf))).Id, CancellationToken.None);

        foreach (string name in new[] { "nonsense", $"{item.ServerId}:0", $"{item.ServerId}:9", $"{item.FolderId}:{item.Id + 1}:1", $"{other.ServerId}:1" })
        {
            EasCommandResult result = await _harness.RunAsync(EasCommand.GetAttachment, "12.1", null, attachmentName: name);

            Assert.Equal(500, result.HttpStatus);
            Assert.Null(result.RawBody);
            Assert.Null(result.Body);
            Assert.Null(result.StreamedBody);
        }
    }

    [Fact]
    public async Task GetAttachment_WithoutAName_IsMalformed()
    {
        var e = await Assert.ThrowsAsync<EasProtocolException>(() => _harness.RunAsync(EasCommand.GetAttachment, "12.1", null));

        Assert.Equal(EasProtocolError.MalformedQuery, e.Reason);
    }

    [Theory]
    [InlineData(142, 449)]
    [InlineData(144, 449)]
    [InlineData(129, 403)]
    public void RefuseWithCommonStatus_IsABareHttpStatus(int status, int httpStatus)
    {
        EasCommandResult result = _harness.Handler(EasCommand.GetAttachment).RefuseWithCommonStatus(_harness.Context(EasCommand.GetAttachment, "14.1"), status);

        Assert.Equal(httpStatus, result.HttpStatus);
        Assert.Null(result.RawBody);
    }
}
