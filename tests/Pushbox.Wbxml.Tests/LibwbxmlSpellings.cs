using System.Xml.Linq;

namespace Pushbox.Wbxml.Tests;

/// <summary>Translates element names between libwbxml 0.11.8 and the specification's spelling, which Pushbox uses.</summary>
internal static class LibwbxmlSpellings
{
    /// <summary>
    /// Where MS-ASWBXML v24.0 and libwbxml 0.11.8 spell a token differently; the table follows the
    /// specification. Key: "Page:SpecName", value: libwbxml's name ("unknown" where it lacks the token).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Differences = new Dictionary<string, string>
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

    private static readonly Dictionary<(string Namespace, string Name), string> ToSpec =
        Differences.Where(d => d.Value != "unknown").ToDictionary(
            d => (d.Key[..(d.Key.IndexOf(':') + 1)], d.Value),
            d => d.Key[(d.Key.IndexOf(':') + 1)..]);

    /// <summary>Renames libwbxml's spellings in an XML document to the specification's.</summary>
    public static string ToSpecNames(string libwbxmlXml)
    {
        XDocument document = XDocument.Parse(libwbxmlXml, LoadOptions.PreserveWhitespace);
        foreach (XElement element in document.Descendants())
        {
            if (ToSpec.TryGetValue((element.Name.NamespaceName, element.Name.LocalName), out string? name))
            {
                element.Name = XName.Get(name, element.Name.NamespaceName);
            }
        }

        return document.Declaration + "\n" + document.ToString(SaveOptions.DisableFormatting);
    }
}
