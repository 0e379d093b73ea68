using System.Xml.Linq;
using static Pushbox.Wbxml.EasCodePages;

namespace Pushbox.Wbxml.Tests;

public class CodePageTableTests
{
    /// <summary>
    /// Where MS-ASWBXML v24.0 and libwbxml 0.11.8 spell a token differently; the table follows the
    /// specification. Key: "Page:SpecName", value: libwbxml's name ("unknown" where it lacks the token).
    /// </summary>
    private static readonly Dictionary<string, string> KnownLibwbxmlDifferences = new()
    {
        ["Calendar:AttendeeStatus"] = "Attendee_Status",
        ["Calendar:AttendeeType"] = "Attendee_Type",
        ["Calendar:CompressedRTF"] = "Compressed_RTF",
        ["Calendar:DayOfMonth"] = "Recurrence_DayOfMonth",
        ["Calendar:DayOfWeek"] = "Recurrence_DayOfWeek",
        ["Calendar:Deleted"] = "Exception_Deleted",
        ["Calendar:DtStamp"] = "DTStamp",
        ["Calendar:Email"] = "Attendee_Email",
        ["Calendar:ExceptionStartTime"] = "Exception_StartTime",
        ["Calendar:Interval"] = "Recurrence_Interval",
        ["Calendar:MonthOfYear"] = "Recurrence_MonthOfYear",
        ["Calendar:Name"] = "Attendee_Name",
        ["Calendar:Occurrences"] = "Recurrence_Occurrences",
        ["Calendar:OrganizerEmail"] = "Organizer_Email",
        ["Calendar:OrganizerName"] = "Organizer_Name",
        ["Calendar:Timezone"] = "TimeZone",
        ["Calendar:Type"] = "Recurrence_Type",
        ["Calendar:Until"] = "Recurrence_Until",
        ["Calendar:WeekOfMonth"] = "Recurrence_WeekOfMonth",
        ["ComposeMail:Email"] = "ForwardeeEmail",
        ["ComposeMail:Mime"] = "MIME",
        ["ComposeMail:Name"] = "ForwardeeName",
        ["Contacts:AssistantPhoneNumber"] = "AssistantTelephoneNumber",
        ["Contacts:BusinessAddressCity"] = "BusinessCity",
        ["Contacts:BusinessAddressCountry"] = "BusinessCountry",
        ["Contacts:BusinessAddressPostalCode"] = "BusinessPostalCode",
        ["Contacts:BusinessAddressState"] = "BusinessState",
        ["Contacts:BusinessAddressStreet"] = "BusinessStreet",
        ["Contacts:HomeAddressCity"] = "HomeCity",
        ["Contacts:HomeAddressCountry"] = "HomeCountry",
        ["Contacts:HomeAddressPostalCode"] = "HomePostalCode",
        ["Contacts:HomeAddressState"] = "HomeState",
        ["Contacts:HomeAddressStreet"] = "HomeStreet",
        ["Contacts:OtherAddressCity"] = "OtherCity",
        ["Contacts:OtherAddressCountry"] = "OtherCountry",
        ["Contacts:OtherAddressPostalCode"] = "OtherPostalCode",
        ["Contacts:OtherAddressState"] = "OtherState",
        ["Contacts:OtherAddressStreet"] = "OtherStreet",
        ["Email:Att0id"] = "AttOId",
        ["Email:DayOfMonth"] = "Recurrence_DayOfMonth",
        ["Email:DayOfWeek"] = "Recurrence_DayOfWeek",
        ["Email:DtStamp"] = "DTStamp",
        ["Email:Interval"] = "Recurrence_Interval",
        ["Email:MonthOfYear"] = "Recurrence_MonthOfYear",
        ["Email:Occurrences"] = "Recurrence_Occurrences",
        ["Email:ReplyTo"] = "Reply-To",
        ["Email:Status"] = "FlagStatus",
        ["Email:Type"] = "Recurrence_Type",
        ["Email:Until"] = "Recurrence_Until",
        ["Email:WeekOfMonth"] = "Recurrence_WeekOfMonth",
        ["MeetingResponse:ProposedEndTime"] = "unknown",
        ["MeetingResponse:ProposedStartTime"] = "unknown",
        ["Provision:AccountOnlyRemoteWipe"] = "unknown",
        ["Provision:RequireStorageCardEncryption"] = "DeviceEncryptionEnabled",
        ["RightsManagement:Owner"] = "RMOwner",
        ["RightsManagement:RemoveRightsManagementProtection"] = "RemoveRightsManagementDistribution",
        ["Settings:RightsManagementInformation"] = "ihsManagementInformation",
        ["Settings:SMTPAddress"] = "SmtpAddress",
        ["Tasks:DayOfMonth"] = "Recurrence_DayOfMonth",
        ["Tasks:DayOfWeek"] = "Recurrence_DayOfWeek",
        ["Tasks:DeadOccur"] = "Recurrence_DeadOccur",
        ["Tasks:Interval"] = "Recurrence_Interval",
        ["Tasks:MonthOfYear"] = "Recurrence_MonthOfYear",
        ["Tasks:Occurrences"] = "Recurrence_Occurrences",
        ["Tasks:Regenerate"] = "Recurrence_Regenerate",
        ["Tasks:Start"] = "Recurrence_Start",
        ["Tasks:Type"] = "Recurrence_Type",
        ["Tasks:Until"] = "Recurrence_Until",
        ["Tasks:UtcDueDate"] = "UTCDueDate",
        ["Tasks:UtcStartDate"] = "UTCStartDate",
        ["Tasks:WeekOfMonth"] = "Recurrence_WeekOfMonth",
    };

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

            string[] libwbxmlNames = [.. XDocument.Parse(Libwbxml.Decode(document)).Root!.Elements().Select(e => e.Name.LocalName)];
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
            KnownLibwbxmlDifferences.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} = {d.Value}"),
            differences.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} = {d.Value}"));
    }
}
