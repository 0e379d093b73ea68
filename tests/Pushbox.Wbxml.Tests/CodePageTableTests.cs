using System.Xml.Linq;
using static Pushbox.Wbxml.EasCodePages;

namespace Pushbox.Wbxml.Tests;

public class CodePageTableTests
{
    [Theory]
    [InlineData(AirSyncTags.Sync, 0, 0x05, "AirSync", "Sync")]
    [InlineData(AirSyncTags.MaxItems, 0, 0x28, "AirSync", "MaxItems")]
    [InlineData(ContactsTags.Picture, 1, 0x3C, "Contacts", "Picture")]
    [InlineData(EmailTags.InternetCPID, 2, 0x39, "Email", "InternetCPID")]
    [InlineData(CalendarTags.OnlineMeetingExternalLink, 4, 0x3B, "Calendar", "OnlineMeetingExternalLink")]
    [InlineData(FolderHierarchyTags.FolderSync, 7, 0x16, "FolderHierarchy", "FolderSync")]
    [InlineData(PingTags.HeartbeatInterval, 13, 0x08, "Ping", "HeartbeatInterval")]
    [InlineData(ProvisionTags.AccountOnlyRemoteWipe, 14, 0x3B, "Provision", "AccountOnlyRemoteWipe")]
    [InlineData(AirSyncBaseTags.BodyPreference, 17, 0x05, "AirSyncBase", "BodyPreference")]
    [InlineData(ComposeMailTags.Mime, 21, 0x10, "ComposeMail", "Mime")]
    [InlineData(Email2Tags.ConversationIndex, 22, 0x0A, "Email2", "ConversationIndex")]
    [InlineData(RightsManagementTags.RightsManagementLicense, 24, 0x08, "RightsManagement", "RightsManagementLicense")]
    [InlineData(FindTags.Find, 25, 0x05, "Find", "Find")]
    [InlineData(FindTags.MaxPictures, 25, 0x20, "Find", "MaxPictures")]
    public void Table_SpecTokens_HaveTheirNamesAndPages(ushort tag, int page, int token, string pageName, string name)
    {
        Assert.Equal(Tag((byte)page, (byte)token), tag);
        Assert.Equal(name, GetName(tag));
        Assert.Equal(pageName, GetPageName(page));
        Assert.True(TryGetTag(pageName + ":", name, out ushort found));
        Assert.Equal(tag, found);
    }

    [Fact]
    public void Table_CoversEveryPageFromAirSyncToFind()
    {
        Assert.Equal(26, PageCount);
        Assert.All(Enumerable.Range(0, PageCount), page => Assert.NotNull(GetPageName(page)));
        Assert.Null(GetPageName(26));
        ushort[] binary =
        [
            Email2Tags.ConversationId, Email2Tags.ConversationIndex, ComposeMailTags.Mime, AirSyncBaseTags.Content,
            GalTags.Data, ResolveRecipientsTags.Data, SearchTags.ConversationId, ItemOperationsTags.ConversationId,
        ];
        Assert.Equal(binary.Order(), AllTags().Where(HasOpaqueContent).Order());
    }

    /// <summary>
    /// Every token of pages 0 to 24 decoded by libwbxml (which has no page 25): the names agree
    /// except for the spelling differences listed above, each checked.
    /// </summary>
    [Fact]
    public void Table_AgreesWithLibwbxml_ExceptForTheListedSpellings()
    {
        var differences = new Dictionary<string, string>();
        for (int page = 0; page < 25; page++)
        {
            ushort[] tags = [.. AllTags().Where(t => PageOf(t) == page)];
            if (tags.Length == 0)
            {
                continue;
            }

            byte[] document = WbxmlWriterTests.Write(w =>
            {
                w.WriteStartElement(tags[0]);
                foreach (ushort tag in tags)
                {
                    w.WriteEmptyElement(tag);
                }

                w.WriteEndElement();
            });

            string[] libwbxmlNames = [.. XDocument.Parse(LibwbxmlTools.Decode(document)).Root!.Elements().Select(e => e.Name.LocalName)];
            Assert.Equal(tags.Length, libwbxmlNames.Length);
            for (int i = 0; i < tags.Length; i++)
            {
                if (libwbxmlNames[i] != GetName(tags[i]))
                {
                    differences.Add($"{GetPageName(page)}:{GetName(tags[i])}", libwbxmlNames[i]);
                }
            }
        }

        Assert.Equal(
            LibwbxmlSpellings.Differences.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} = {d.Value}"),
            differences.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} = {d.Value}"));
    }
}
