using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Users;

namespace Pushbox.Storage.Tests;

/// <summary>The sending contract: the LastVerbExecuted state of an email, and the ClientIds a device has sent (ISentClientIdStore).</summary>
public abstract partial class StoreContractTests
{
    private ISentClientIdStore ClientIds => Fixture.Services.GetRequiredService<ISentClientIdStore>();

    [Fact]
    public async Task UpdateEmailState_LastVerb_IsStoredWithItsTime_AndIsAChangeForTheDevices()
    {
        User user = await Directory.CreateUserAsync(new NewUser(NewAddress(), "", "$h"), None);
        Folder inbox = await Store.GetStandardFolderAsync(user.Id, FolderType.Inbox, None);
        StoredItem item = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        DateTimeOffset at = Fixture.Time.GetUtcNow();

        StoredItem replied = await Store.UpdateEmailStateAsync(user.Id, item.Id, new EmailStateChange(LastVerb: EmailLastVerb.ReplyToAll, LastVerbAt: at), None);
        StoredItem read = (await Store.GetItemAsync(user.Id, item.Id, None))!;

        Assert.Null(item.Email!.LastVerb);
        Assert.Equal((EmailLastVerb.ReplyToAll, at.UtcTicks / 10 * 10), (replied.Email!.LastVerb!.Value, replied.Email.LastVerbAt!.Value.UtcTicks));
        Assert.Equal((replied.Email.LastVerb, replied.Email.LastVerbAt), (read.Email!.LastVerb, read.Email.LastVerbAt));
        Assert.True(replied.ModSeq > item.ModSeq);
        Assert.Equal([item.Id], (await Store.GetChangesAsync(user.Id, inbox.Id, item.ModSeq, 10, None)).Changed.Select(i => i.Id));
        Assert.False(read.Email.Read);
    }

    [Fact]
    public async Task SentClientIds_AreRememberedPerUserAndDevice_AndRecordingTwiceIsHarmless()
    {
        User user = await Directory.CreateUserAsync(new NewUser(NewAddress(), "", "$h"), None);
        User other = await Directory.CreateUserAsync(new NewUser(NewAddress(), "", "$h"), None);

        Assert.False(await ClientIds.ContainsAsync(user.Id, "DEV1", "abc", None));
        Assert.True(await ClientIds.TryRecordAsync(user.Id, "DEV1", "abc", None));
        Assert.False(await ClientIds.TryRecordAsync(user.Id, "DEV1", "abc", None));

        Assert.True(await ClientIds.ContainsAsync(user.Id, "DEV1", "abc", None));
        Assert.False(await ClientIds.ContainsAsync(user.Id, "DEV1", "ABC", None));
        Assert.False(await ClientIds.ContainsAsync(user.Id, "DEV2", "abc", None));
        Assert.False(await ClientIds.ContainsAsync(other.Id, "DEV1", "abc", None));
    }
}
