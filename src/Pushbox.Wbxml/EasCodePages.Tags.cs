// Tag constants are named by the specification; the table is the documentation.
#pragma warning disable CS1591

namespace Pushbox.Wbxml;

public static partial class EasCodePages
{
    /// <summary>Code page 0, AirSync (MS-ASWBXML 2.1.2.1.1): synchronisation (Sync) and the elements shared by most commands.</summary>
    public static class AirSyncTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 0;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "AirSync:";

        public const ushort Sync = 0x0005;
        public const ushort Responses = 0x0006;
        public const ushort Add = 0x0007;
        public const ushort Change = 0x0008;
        public const ushort Delete = 0x0009;
        public const ushort Fetch = 0x000A;
        public const ushort SyncKey = 0x000B;
        public const ushort ClientId = 0x000C;
        public const ushort ServerId = 0x000D;
        public const ushort Status = 0x000E;
        public const ushort Collection = 0x000F;
        public const ushort Class = 0x0010;
        public const ushort CollectionId = 0x0012;
        public const ushort GetChanges = 0x0013;
        public const ushort MoreAvailable = 0x0014;
        public const ushort WindowSize = 0x0015;
        public const ushort Commands = 0x0016;
        public const ushort Options = 0x0017;
        public const ushort FilterType = 0x0018;
        public const ushort Truncation = 0x0019;
        public const ushort Conflict = 0x001B;
        public const ushort Collections = 0x001C;
        public const ushort ApplicationData = 0x001D;
        public const ushort DeletesAsMoves = 0x001E;
        public const ushort Supported = 0x0020;
        public const ushort SoftDelete = 0x0021;
        public const ushort MIMESupport = 0x0022;
        public const ushort MIMETruncation = 0x0023;
        public const ushort Wait = 0x0024;
        public const ushort Limit = 0x0025;
        public const ushort Partial = 0x0026;
        public const ushort ConversationMode = 0x0027;
        public const ushort MaxItems = 0x0028;
        public const ushort HeartbeatInterval = 0x0029;

        // Earlier protocol revisions (EAS 1.0 to 2.x); not in MS-ASWBXML v24.0. libwbxml's spelling,
        // kept so that traces of old devices decode and old clients are not refused.
        public const ushort Version = 0x0011;
        public const ushort RTFTruncation = 0x001A;
        public const ushort NotifyGUID = 0x001F;
    }

    /// <summary>Code page 1, Contacts (MS-ASWBXML 2.1.2.1.2): contact items (MS-ASCNTC).</summary>
    public static class ContactsTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 1;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Contacts:";

        public const ushort Anniversary = 0x0105;
        public const ushort AssistantName = 0x0106;
        public const ushort AssistantPhoneNumber = 0x0107;
        public const ushort Birthday = 0x0108;
        public const ushort Body = 0x0109;
        public const ushort BodySize = 0x010A;
        public const ushort BodyTruncated = 0x010B;
        public const ushort Business2PhoneNumber = 0x010C;
        public const ushort BusinessAddressCity = 0x010D;
        public const ushort BusinessAddressCountry = 0x010E;
        public const ushort BusinessAddressPostalCode = 0x010F;
        public const ushort BusinessAddressState = 0x0110;
        public const ushort BusinessAddressStreet = 0x0111;
        public const ushort BusinessFaxNumber = 0x0112;
        public const ushort BusinessPhoneNumber = 0x0113;
        public const ushort CarPhoneNumber = 0x0114;
        public const ushort Categories = 0x0115;
        public const ushort Category = 0x0116;
        public const ushort Children = 0x0117;
        public const ushort Child = 0x0118;
        public const ushort CompanyName = 0x0119;
        public const ushort Department = 0x011A;
        public const ushort Email1Address = 0x011B;
        public const ushort Email2Address = 0x011C;
        public const ushort Email3Address = 0x011D;
        public const ushort FileAs = 0x011E;
        public const ushort FirstName = 0x011F;
        public const ushort Home2PhoneNumber = 0x0120;
        public const ushort HomeAddressCity = 0x0121;
        public const ushort HomeAddressCountry = 0x0122;
        public const ushort HomeAddressPostalCode = 0x0123;
        public const ushort HomeAddressState = 0x0124;
        public const ushort HomeAddressStreet = 0x0125;
        public const ushort HomeFaxNumber = 0x0126;
        public const ushort HomePhoneNumber = 0x0127;
        public const ushort JobTitle = 0x0128;
        public const ushort LastName = 0x0129;
        public const ushort MiddleName = 0x012A;
        public const ushort MobilePhoneNumber = 0x012B;
        public const ushort OfficeLocation = 0x012C;
        public const ushort OtherAddressCity = 0x012D;
        public const ushort OtherAddressCountry = 0x012E;
        public const ushort OtherAddressPostalCode = 0x012F;
        public const ushort OtherAddressState = 0x0130;
        public const ushort OtherAddressStreet = 0x0131;
        public const ushort PagerNumber = 0x0132;
        public const ushort RadioPhoneNumber = 0x0133;
        public const ushort Spouse = 0x0134;
        public const ushort Suffix = 0x0135;
        public const ushort Title = 0x0136;
        public const ushort WebPage = 0x0137;
        public const ushort YomiCompanyName = 0x0138;
        public const ushort YomiFirstName = 0x0139;
        public const ushort YomiLastName = 0x013A;
        public const ushort Picture = 0x013C;
        public const ushort Alias = 0x013D;
        public const ushort WeightedRank = 0x013E;

        // Earlier protocol revisions (EAS 1.0 to 2.x); not in MS-ASWBXML v24.0. libwbxml's spelling,
        // kept so that traces of old devices decode and old clients are not refused.
        public const ushort CompressedRTF = 0x013B;
    }

    /// <summary>Code page 2, Email (MS-ASWBXML 2.1.2.1.3): email items (MS-ASEMAIL); tags marked 2.5 in the spec are used only by protocol 2.5.</summary>
    public static class EmailTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 2;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Email:";

        public const ushort Attachment = 0x0205;
        public const ushort Attachments = 0x0206;
        public const ushort AttName = 0x0207;
        public const ushort AttSize = 0x0208;
        public const ushort Att0id = 0x0209;
        public const ushort AttMethod = 0x020A;
        public const ushort Body = 0x020C;
        public const ushort BodySize = 0x020D;
        public const ushort BodyTruncated = 0x020E;
        public const ushort DateReceived = 0x020F;
        public const ushort DisplayName = 0x0210;
        public const ushort DisplayTo = 0x0211;
        public const ushort Importance = 0x0212;
        public const ushort MessageClass = 0x0213;
        public const ushort Subject = 0x0214;
        public const ushort Read = 0x0215;
        public const ushort To = 0x0216;
        public const ushort Cc = 0x0217;
        public const ushort From = 0x0218;
        public const ushort ReplyTo = 0x0219;
        public const ushort AllDayEvent = 0x021A;
        public const ushort Categories = 0x021B;
        public const ushort Category = 0x021C;
        public const ushort DtStamp = 0x021D;
        public const ushort EndTime = 0x021E;
        public const ushort InstanceType = 0x021F;
        public const ushort BusyStatus = 0x0220;
        public const ushort Location = 0x0221;
        public const ushort MeetingRequest = 0x0222;
        public const ushort Organizer = 0x0223;
        public const ushort RecurrenceId = 0x0224;
        public const ushort Reminder = 0x0225;
        public const ushort ResponseRequested = 0x0226;
        public const ushort Recurrences = 0x0227;
        public const ushort Recurrence = 0x0228;
        public const ushort Type = 0x0229;
        public const ushort Until = 0x022A;
        public const ushort Occurrences = 0x022B;
        public const ushort Interval = 0x022C;
        public const ushort DayOfWeek = 0x022D;
        public const ushort DayOfMonth = 0x022E;
        public const ushort WeekOfMonth = 0x022F;
        public const ushort MonthOfYear = 0x0230;
        public const ushort StartTime = 0x0231;
        public const ushort Sensitivity = 0x0232;
        public const ushort TimeZone = 0x0233;
        public const ushort GlobalObjId = 0x0234;
        public const ushort ThreadTopic = 0x0235;
        public const ushort MIMEData = 0x0236;
        public const ushort MIMETruncated = 0x0237;
        public const ushort MIMESize = 0x0238;
        public const ushort InternetCPID = 0x0239;
        public const ushort Flag = 0x023A;
        public const ushort Status = 0x023B;
        public const ushort ContentClass = 0x023C;
        public const ushort FlagType = 0x023D;
        public const ushort CompleteTime = 0x023E;
        public const ushort DisallowNewTimeProposal = 0x023F;

        // Earlier protocol revisions (EAS 1.0 to 2.x); not in MS-ASWBXML v24.0. libwbxml's spelling,
        // kept so that traces of old devices decode and old clients are not refused.
        public const ushort AttRemoved = 0x020B;
    }

    /// <summary>Code page 3, AirNotify (MS-ASWBXML 2.1.2.1.4): no longer in use; the specification lists no tags for it.</summary>
    public static class AirNotifyTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 3;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "AirNotify:";

        // Earlier protocol revisions (EAS 1.0 to 2.x); not in MS-ASWBXML v24.0. libwbxml's spelling,
        // kept so that traces of old devices decode and old clients are not refused.
        public const ushort Notify = 0x0305;
        public const ushort Notification = 0x0306;
        public const ushort Version = 0x0307;
        public const ushort LifeTime = 0x0308;
        public const ushort DeviceInfo = 0x0309;
        public const ushort Enable = 0x030A;
        public const ushort Folder = 0x030B;
        public const ushort ServerId = 0x030C;
        public const ushort DeviceAddress = 0x030D;
        public const ushort ValidCarrierProfiles = 0x030E;
        public const ushort CarrierProfile = 0x030F;
        public const ushort Status = 0x0310;
        public const ushort Responses = 0x0311;
        public const ushort Devices = 0x0312;
        public const ushort Device = 0x0313;
        public const ushort Id = 0x0314;
        public const ushort Expiry = 0x0315;
        public const ushort NotifyGUID = 0x0316;
        public const ushort DeviceFriendlyName = 0x0317;
    }

    /// <summary>Code page 4, Calendar (MS-ASWBXML 2.1.2.1.5): calendar items (MS-ASCAL).</summary>
    public static class CalendarTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 4;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Calendar:";

        public const ushort Timezone = 0x0405;
        public const ushort AllDayEvent = 0x0406;
        public const ushort Attendees = 0x0407;
        public const ushort Attendee = 0x0408;
        public const ushort Email = 0x0409;
        public const ushort Name = 0x040A;
        public const ushort Body = 0x040B;
        public const ushort BodyTruncated = 0x040C;
        public const ushort BusyStatus = 0x040D;
        public const ushort Categories = 0x040E;
        public const ushort Category = 0x040F;
        public const ushort DtStamp = 0x0411;
        public const ushort EndTime = 0x0412;
        public const ushort Exception = 0x0413;
        public const ushort Exceptions = 0x0414;
        public const ushort Deleted = 0x0415;
        public const ushort ExceptionStartTime = 0x0416;
        public const ushort Location = 0x0417;
        public const ushort MeetingStatus = 0x0418;
        public const ushort OrganizerEmail = 0x0419;
        public const ushort OrganizerName = 0x041A;
        public const ushort Recurrence = 0x041B;
        public const ushort Type = 0x041C;
        public const ushort Until = 0x041D;
        public const ushort Occurrences = 0x041E;
        public const ushort Interval = 0x041F;
        public const ushort DayOfWeek = 0x0420;
        public const ushort DayOfMonth = 0x0421;
        public const ushort WeekOfMonth = 0x0422;
        public const ushort MonthOfYear = 0x0423;
        public const ushort Reminder = 0x0424;
        public const ushort Sensitivity = 0x0425;
        public const ushort Subject = 0x0426;
        public const ushort StartTime = 0x0427;
        public const ushort UID = 0x0428;
        public const ushort AttendeeStatus = 0x0429;
        public const ushort AttendeeType = 0x042A;
        public const ushort DisallowNewTimeProposal = 0x0433;
        public const ushort ResponseRequested = 0x0434;
        public const ushort AppointmentReplyTime = 0x0435;
        public const ushort ResponseType = 0x0436;
        public const ushort CalendarType = 0x0437;
        public const ushort IsLeapMonth = 0x0438;
        public const ushort FirstDayOfWeek = 0x0439;
        public const ushort OnlineMeetingConfLink = 0x043A;
        public const ushort OnlineMeetingExternalLink = 0x043B;
        public const ushort ClientUid = 0x043C;

        // Earlier protocol revisions (EAS 1.0 to 2.x); not in MS-ASWBXML v24.0. libwbxml's spelling,
        // kept so that traces of old devices decode and old clients are not refused.
        public const ushort CompressedRTF = 0x0410;
    }

    /// <summary>Code page 5, Move (MS-ASWBXML 2.1.2.1.6): the MoveItems command.</summary>
    public static class MoveTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 5;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Move:";

        public const ushort MoveItems = 0x0505;
        public const ushort Move = 0x0506;
        public const ushort SrcMsgId = 0x0507;
        public const ushort SrcFldId = 0x0508;
        public const ushort DstFldId = 0x0509;
        public const ushort Response = 0x050A;
        public const ushort Status = 0x050B;
        public const ushort DstMsgId = 0x050C;
    }

    /// <summary>Code page 6, GetItemEstimate (MS-ASWBXML 2.1.2.1.7): the GetItemEstimate command.</summary>
    public static class GetItemEstimateTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 6;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "GetItemEstimate:";

        public const ushort GetItemEstimate = 0x0605;
        public const ushort Collections = 0x0607;
        public const ushort Collection = 0x0608;
        public const ushort Class = 0x0609;
        public const ushort CollectionId = 0x060A;
        public const ushort Estimate = 0x060C;
        public const ushort Response = 0x060D;
        public const ushort Status = 0x060E;

        // Earlier protocol revisions (EAS 1.0 to 2.x); not in MS-ASWBXML v24.0. libwbxml's spelling,
        // kept so that traces of old devices decode and old clients are not refused.
        public const ushort Version = 0x0606;
        public const ushort DateTime = 0x060B;
    }

    /// <summary>Code page 7, FolderHierarchy (MS-ASWBXML 2.1.2.1.8): the FolderSync, FolderCreate, FolderDelete and FolderUpdate commands.</summary>
    public static class FolderHierarchyTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 7;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "FolderHierarchy:";

        public const ushort Folders = 0x0705;
        public const ushort Folder = 0x0706;
        public const ushort DisplayName = 0x0707;
        public const ushort ServerId = 0x0708;
        public const ushort ParentId = 0x0709;
        public const ushort Type = 0x070A;
        public const ushort Status = 0x070C;
        public const ushort Changes = 0x070E;
        public const ushort Add = 0x070F;
        public const ushort Delete = 0x0710;
        public const ushort Update = 0x0711;
        public const ushort SyncKey = 0x0712;
        public const ushort FolderCreate = 0x0713;
        public const ushort FolderDelete = 0x0714;
        public const ushort FolderUpdate = 0x0715;
        public const ushort FolderSync = 0x0716;
        public const ushort Count = 0x0717;

        // Earlier protocol revisions (EAS 1.0 to 2.x); not in MS-ASWBXML v24.0. libwbxml's spelling,
        // kept so that traces of old devices decode and old clients are not refused.
        public const ushort Response = 0x070B;
        public const ushort ContentClass = 0x070D;
        public const ushort Version = 0x0718;
    }

    /// <summary>Code page 8, MeetingResponse (MS-ASWBXML 2.1.2.1.9): the MeetingResponse command.</summary>
    public static class MeetingResponseTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 8;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "MeetingResponse:";

        public const ushort CalendarId = 0x0805;
        public const ushort CollectionId = 0x0806;
        public const ushort MeetingResponse = 0x0807;
        public const ushort RequestId = 0x0808;
        public const ushort Request = 0x0809;
        public const ushort Result = 0x080A;
        public const ushort Status = 0x080B;
        public const ushort UserResponse = 0x080C;
        public const ushort InstanceId = 0x080E;
        public const ushort ProposedStartTime = 0x0810;
        public const ushort ProposedEndTime = 0x0811;
        public const ushort SendResponse = 0x0812;

        // Earlier protocol revisions (EAS 1.0 to 2.x); not in MS-ASWBXML v24.0. libwbxml's spelling,
        // kept so that traces of old devices decode and old clients are not refused.
        public const ushort Version = 0x080D;
    }

    /// <summary>Code page 9, Tasks (MS-ASWBXML 2.1.2.1.10): task items (MS-ASTASK).</summary>
    public static class TasksTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 9;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Tasks:";

        public const ushort Body = 0x0905;
        public const ushort BodySize = 0x0906;
        public const ushort BodyTruncated = 0x0907;
        public const ushort Categories = 0x0908;
        public const ushort Category = 0x0909;
        public const ushort Complete = 0x090A;
        public const ushort DateCompleted = 0x090B;
        public const ushort DueDate = 0x090C;
        public const ushort UtcDueDate = 0x090D;
        public const ushort Importance = 0x090E;
        public const ushort Recurrence = 0x090F;
        public const ushort Type = 0x0910;
        public const ushort Start = 0x0911;
        public const ushort Until = 0x0912;
        public const ushort Occurrences = 0x0913;
        public const ushort Interval = 0x0914;
        public const ushort DayOfMonth = 0x0915;
        public const ushort DayOfWeek = 0x0916;
        public const ushort WeekOfMonth = 0x0917;
        public const ushort MonthOfYear = 0x0918;
        public const ushort Regenerate = 0x0919;
        public const ushort DeadOccur = 0x091A;
        public const ushort ReminderSet = 0x091B;
        public const ushort ReminderTime = 0x091C;
        public const ushort Sensitivity = 0x091D;
        public const ushort StartDate = 0x091E;
        public const ushort UtcStartDate = 0x091F;
        public const ushort Subject = 0x0920;
        public const ushort OrdinalDate = 0x0922;
        public const ushort SubOrdinalDate = 0x0923;
        public const ushort CalendarType = 0x0924;
        public const ushort IsLeapMonth = 0x0925;
        public const ushort FirstDayOfWeek = 0x0926;

        // Earlier protocol revisions (EAS 1.0 to 2.x); not in MS-ASWBXML v24.0. libwbxml's spelling,
        // kept so that traces of old devices decode and old clients are not refused.
        public const ushort CompressedRTF = 0x0921;
    }

    /// <summary>Code page 10, ResolveRecipients (MS-ASWBXML 2.1.2.1.11): the ResolveRecipients command.</summary>
    public static class ResolveRecipientsTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 10;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "ResolveRecipients:";

        public const ushort ResolveRecipients = 0x0A05;
        public const ushort Response = 0x0A06;
        public const ushort Status = 0x0A07;
        public const ushort Type = 0x0A08;
        public const ushort Recipient = 0x0A09;
        public const ushort DisplayName = 0x0A0A;
        public const ushort EmailAddress = 0x0A0B;
        public const ushort Certificates = 0x0A0C;
        public const ushort Certificate = 0x0A0D;
        public const ushort MiniCertificate = 0x0A0E;
        public const ushort Options = 0x0A0F;
        public const ushort To = 0x0A10;
        public const ushort CertificateRetrieval = 0x0A11;
        public const ushort RecipientCount = 0x0A12;
        public const ushort MaxCertificates = 0x0A13;
        public const ushort MaxAmbiguousRecipients = 0x0A14;
        public const ushort CertificateCount = 0x0A15;
        public const ushort Availability = 0x0A16;
        public const ushort StartTime = 0x0A17;
        public const ushort EndTime = 0x0A18;
        public const ushort MergedFreeBusy = 0x0A19;
        public const ushort Picture = 0x0A1A;
        public const ushort MaxSize = 0x0A1B;
        [OpaqueContent]
        public const ushort Data = 0x0A1C;
        public const ushort MaxPictures = 0x0A1D;
    }

    /// <summary>Code page 11, ValidateCert (MS-ASWBXML 2.1.2.1.12): the ValidateCert command.</summary>
    public static class ValidateCertTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 11;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "ValidateCert:";

        public const ushort ValidateCert = 0x0B05;
        public const ushort Certificates = 0x0B06;
        public const ushort Certificate = 0x0B07;
        public const ushort CertificateChain = 0x0B08;
        public const ushort CheckCRL = 0x0B09;
        public const ushort Status = 0x0B0A;
    }

    /// <summary>Code page 12, Contacts2 (MS-ASWBXML 2.1.2.1.13): the second contact namespace (MS-ASCNTC).</summary>
    public static class Contacts2Tags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 12;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Contacts2:";

        public const ushort CustomerId = 0x0C05;
        public const ushort GovernmentId = 0x0C06;
        public const ushort IMAddress = 0x0C07;
        public const ushort IMAddress2 = 0x0C08;
        public const ushort IMAddress3 = 0x0C09;
        public const ushort ManagerName = 0x0C0A;
        public const ushort CompanyMainPhone = 0x0C0B;
        public const ushort AccountName = 0x0C0C;
        public const ushort NickName = 0x0C0D;
        public const ushort MMS = 0x0C0E;
    }

    /// <summary>Code page 13, Ping (MS-ASWBXML 2.1.2.1.14): the Ping command.</summary>
    public static class PingTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 13;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Ping:";

        public const ushort Ping = 0x0D05;
        public const ushort Status = 0x0D07;
        public const ushort HeartbeatInterval = 0x0D08;
        public const ushort Folders = 0x0D09;
        public const ushort Folder = 0x0D0A;
        public const ushort Id = 0x0D0B;
        public const ushort Class = 0x0D0C;
        public const ushort MaxFolders = 0x0D0D;

        // Earlier protocol revisions (EAS 1.0 to 2.x); not in MS-ASWBXML v24.0. libwbxml's spelling,
        // kept so that traces of old devices decode and old clients are not refused.
        public const ushort AutdState = 0x0D06;
    }

    /// <summary>Code page 14, Provision (MS-ASWBXML 2.1.2.1.15): the Provision command and policy settings (MS-ASPROV).</summary>
    public static class ProvisionTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 14;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Provision:";

        public const ushort Provision = 0x0E05;
        public const ushort Policies = 0x0E06;
        public const ushort Policy = 0x0E07;
        public const ushort PolicyType = 0x0E08;
        public const ushort PolicyKey = 0x0E09;
        public const ushort Data = 0x0E0A;
        public const ushort Status = 0x0E0B;
        public const ushort RemoteWipe = 0x0E0C;
        public const ushort EASProvisionDoc = 0x0E0D;
        public const ushort DevicePasswordEnabled = 0x0E0E;
        public const ushort AlphanumericDevicePasswordRequired = 0x0E0F;
        public const ushort RequireStorageCardEncryption = 0x0E10;
        public const ushort PasswordRecoveryEnabled = 0x0E11;
        public const ushort AttachmentsEnabled = 0x0E13;
        public const ushort MinDevicePasswordLength = 0x0E14;
        public const ushort MaxInactivityTimeDeviceLock = 0x0E15;
        public const ushort MaxDevicePasswordFailedAttempts = 0x0E16;
        public const ushort MaxAttachmentSize = 0x0E17;
        public const ushort AllowSimpleDevicePassword = 0x0E18;
        public const ushort DevicePasswordExpiration = 0x0E19;
        public const ushort DevicePasswordHistory = 0x0E1A;
        public const ushort AllowStorageCard = 0x0E1B;
        public const ushort AllowCamera = 0x0E1C;
        public const ushort RequireDeviceEncryption = 0x0E1D;
        public const ushort AllowUnsignedApplications = 0x0E1E;
        public const ushort AllowUnsignedInstallationPackages = 0x0E1F;
        public const ushort MinDevicePasswordComplexCharacters = 0x0E20;
        public const ushort AllowWiFi = 0x0E21;
        public const ushort AllowTextMessaging = 0x0E22;
        public const ushort AllowPOPIMAPEmail = 0x0E23;
        public const ushort AllowBluetooth = 0x0E24;
        public const ushort AllowIrDA = 0x0E25;
        public const ushort RequireManualSyncWhenRoaming = 0x0E26;
        public const ushort AllowDesktopSync = 0x0E27;
        public const ushort MaxCalendarAgeFilter = 0x0E28;
        public const ushort AllowHTMLEmail = 0x0E29;
        public const ushort MaxEmailAgeFilter = 0x0E2A;
        public const ushort MaxEmailBodyTruncationSize = 0x0E2B;
        public const ushort MaxEmailHTMLBodyTruncationSize = 0x0E2C;
        public const ushort RequireSignedSMIMEMessages = 0x0E2D;
        public const ushort RequireEncryptedSMIMEMessages = 0x0E2E;
        public const ushort RequireSignedSMIMEAlgorithm = 0x0E2F;
        public const ushort RequireEncryptionSMIMEAlgorithm = 0x0E30;
        public const ushort AllowSMIMEEncryptionAlgorithmNegotiation = 0x0E31;
        public const ushort AllowSMIMESoftCerts = 0x0E32;
        public const ushort AllowBrowser = 0x0E33;
        public const ushort AllowConsumerEmail = 0x0E34;
        public const ushort AllowRemoteDesktop = 0x0E35;
        public const ushort AllowInternetSharing = 0x0E36;
        public const ushort UnapprovedInROMApplicationList = 0x0E37;
        public const ushort ApplicationName = 0x0E38;
        public const ushort ApprovedApplicationList = 0x0E39;
        public const ushort Hash = 0x0E3A;
        public const ushort AccountOnlyRemoteWipe = 0x0E3B;

        // Earlier protocol revisions (EAS 1.0 to 2.x); not in MS-ASWBXML v24.0. libwbxml's spelling,
        // kept so that traces of old devices decode and old clients are not refused.
        public const ushort DocumentBrowseEnabled = 0x0E12;
    }

    /// <summary>Code page 15, Search (MS-ASWBXML 2.1.2.1.16): the Search command.</summary>
    public static class SearchTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 15;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Search:";

        public const ushort Search = 0x0F05;
        public const ushort Store = 0x0F07;
        public const ushort Name = 0x0F08;
        public const ushort Query = 0x0F09;
        public const ushort Options = 0x0F0A;
        public const ushort Range = 0x0F0B;
        public const ushort Status = 0x0F0C;
        public const ushort Response = 0x0F0D;
        public const ushort Result = 0x0F0E;
        public const ushort Properties = 0x0F0F;
        public const ushort Total = 0x0F10;
        public const ushort EqualTo = 0x0F11;
        public const ushort Value = 0x0F12;
        public const ushort And = 0x0F13;
        public const ushort Or = 0x0F14;
        public const ushort FreeText = 0x0F15;
        public const ushort DeepTraversal = 0x0F17;
        public const ushort LongId = 0x0F18;
        public const ushort RebuildResults = 0x0F19;
        public const ushort LessThan = 0x0F1A;
        public const ushort GreaterThan = 0x0F1B;
        public const ushort UserName = 0x0F1E;
        public const ushort Password = 0x0F1F;
        [OpaqueContent]
        public const ushort ConversationId = 0x0F20;
        public const ushort Picture = 0x0F21;
        public const ushort MaxSize = 0x0F22;
        public const ushort MaxPictures = 0x0F23;

        // Earlier protocol revisions (EAS 1.0 to 2.x); not in MS-ASWBXML v24.0. libwbxml's spelling,
        // kept so that traces of old devices decode and old clients are not refused.
        public const ushort Schema = 0x0F1C;
        public const ushort Supported = 0x0F1D;
    }

    /// <summary>Code page 16, GAL (MS-ASWBXML 2.1.2.1.17): global address list results (Search, ResolveRecipients and Find responses).</summary>
    public static class GalTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 16;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Gal:";

        public const ushort DisplayName = 0x1005;
        public const ushort Phone = 0x1006;
        public const ushort Office = 0x1007;
        public const ushort Title = 0x1008;
        public const ushort Company = 0x1009;
        public const ushort Alias = 0x100A;
        public const ushort FirstName = 0x100B;
        public const ushort LastName = 0x100C;
        public const ushort HomePhone = 0x100D;
        public const ushort MobilePhone = 0x100E;
        public const ushort EmailAddress = 0x100F;
        public const ushort Picture = 0x1010;
        public const ushort Status = 0x1011;
        [OpaqueContent]
        public const ushort Data = 0x1012;
    }

    /// <summary>Code page 17, AirSyncBase (MS-ASWBXML 2.1.2.1.18): bodies, attachments and locations shared by all item classes (MS-ASAIRS).</summary>
    public static class AirSyncBaseTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 17;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "AirSyncBase:";

        public const ushort BodyPreference = 0x1105;
        public const ushort Type = 0x1106;
        public const ushort TruncationSize = 0x1107;
        public const ushort AllOrNone = 0x1108;
        public const ushort Body = 0x110A;
        public const ushort Data = 0x110B;
        public const ushort EstimatedDataSize = 0x110C;
        public const ushort Truncated = 0x110D;
        public const ushort Attachments = 0x110E;
        public const ushort Attachment = 0x110F;
        public const ushort DisplayName = 0x1110;
        public const ushort FileReference = 0x1111;
        public const ushort Method = 0x1112;
        public const ushort ContentId = 0x1113;
        public const ushort ContentLocation = 0x1114;
        public const ushort IsInline = 0x1115;
        public const ushort NativeBodyType = 0x1116;
        public const ushort ContentType = 0x1117;
        public const ushort Preview = 0x1118;
        public const ushort BodyPartPreference = 0x1119;
        public const ushort BodyPart = 0x111A;
        public const ushort Status = 0x111B;
        public const ushort Add = 0x111C;
        public const ushort Delete = 0x111D;
        public const ushort ClientId = 0x111E;
        [OpaqueContent]
        public const ushort Content = 0x111F;
        public const ushort Location = 0x1120;
        public const ushort Annotation = 0x1121;
        public const ushort Street = 0x1122;
        public const ushort City = 0x1123;
        public const ushort State = 0x1124;
        public const ushort Country = 0x1125;
        public const ushort PostalCode = 0x1126;
        public const ushort Latitude = 0x1127;
        public const ushort Longitude = 0x1128;
        public const ushort Accuracy = 0x1129;
        public const ushort Altitude = 0x112A;
        public const ushort AltitudeAccuracy = 0x112B;
        public const ushort LocationUri = 0x112C;
        public const ushort InstanceId = 0x112D;
    }

    /// <summary>Code page 18, Settings (MS-ASWBXML 2.1.2.1.19): the Settings command.</summary>
    public static class SettingsTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 18;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Settings:";

        public const ushort Settings = 0x1205;
        public const ushort Status = 0x1206;
        public const ushort Get = 0x1207;
        public const ushort Set = 0x1208;
        public const ushort Oof = 0x1209;
        public const ushort OofState = 0x120A;
        public const ushort StartTime = 0x120B;
        public const ushort EndTime = 0x120C;
        public const ushort OofMessage = 0x120D;
        public const ushort AppliesToInternal = 0x120E;
        public const ushort AppliesToExternalKnown = 0x120F;
        public const ushort AppliesToExternalUnknown = 0x1210;
        public const ushort Enabled = 0x1211;
        public const ushort ReplyMessage = 0x1212;
        public const ushort BodyType = 0x1213;
        public const ushort DevicePassword = 0x1214;
        public const ushort Password = 0x1215;
        public const ushort DeviceInformation = 0x1216;
        public const ushort Model = 0x1217;
        public const ushort IMEI = 0x1218;
        public const ushort FriendlyName = 0x1219;
        public const ushort OS = 0x121A;
        public const ushort OSLanguage = 0x121B;
        public const ushort PhoneNumber = 0x121C;
        public const ushort UserInformation = 0x121D;
        public const ushort EmailAddresses = 0x121E;
        public const ushort SMTPAddress = 0x121F;
        public const ushort UserAgent = 0x1220;
        public const ushort EnableOutboundSMS = 0x1221;
        public const ushort MobileOperator = 0x1222;
        public const ushort PrimarySmtpAddress = 0x1223;
        public const ushort Accounts = 0x1224;
        public const ushort Account = 0x1225;
        public const ushort AccountId = 0x1226;
        public const ushort AccountName = 0x1227;
        public const ushort UserDisplayName = 0x1228;
        public const ushort SendDisabled = 0x1229;
        public const ushort RightsManagementInformation = 0x122B;
    }

    /// <summary>Code page 19, DocumentLibrary (MS-ASWBXML 2.1.2.1.20): document library items (MS-ASDOC).</summary>
    public static class DocumentLibraryTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 19;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "DocumentLibrary:";

        public const ushort LinkId = 0x1305;
        public const ushort DisplayName = 0x1306;
        public const ushort IsFolder = 0x1307;
        public const ushort CreationDate = 0x1308;
        public const ushort LastModifiedDate = 0x1309;
        public const ushort IsHidden = 0x130A;
        public const ushort ContentLength = 0x130B;
        public const ushort ContentType = 0x130C;
    }

    /// <summary>Code page 20, ItemOperations (MS-ASWBXML 2.1.2.1.21): the ItemOperations command.</summary>
    public static class ItemOperationsTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 20;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "ItemOperations:";

        public const ushort ItemOperations = 0x1405;
        public const ushort Fetch = 0x1406;
        public const ushort Store = 0x1407;
        public const ushort Options = 0x1408;
        public const ushort Range = 0x1409;
        public const ushort Total = 0x140A;
        public const ushort Properties = 0x140B;
        public const ushort Data = 0x140C;
        public const ushort Status = 0x140D;
        public const ushort Response = 0x140E;
        public const ushort Version = 0x140F;
        public const ushort Schema = 0x1410;
        public const ushort Part = 0x1411;
        public const ushort EmptyFolderContents = 0x1412;
        public const ushort DeleteSubFolders = 0x1413;
        public const ushort UserName = 0x1414;
        public const ushort Password = 0x1415;
        public const ushort Move = 0x1416;
        public const ushort DstFldId = 0x1417;
        [OpaqueContent]
        public const ushort ConversationId = 0x1418;
        public const ushort MoveAlways = 0x1419;
    }

    /// <summary>Code page 21, ComposeMail (MS-ASWBXML 2.1.2.1.22): the SendMail, SmartForward and SmartReply commands.</summary>
    public static class ComposeMailTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 21;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "ComposeMail:";

        public const ushort SendMail = 0x1505;
        public const ushort SmartForward = 0x1506;
        public const ushort SmartReply = 0x1507;
        public const ushort SaveInSentItems = 0x1508;
        public const ushort ReplaceMime = 0x1509;
        public const ushort Source = 0x150B;
        public const ushort FolderId = 0x150C;
        public const ushort ItemId = 0x150D;
        public const ushort LongId = 0x150E;
        public const ushort InstanceId = 0x150F;
        [OpaqueContent]
        public const ushort Mime = 0x1510;
        public const ushort ClientId = 0x1511;
        public const ushort Status = 0x1512;
        public const ushort AccountId = 0x1513;
        public const ushort Forwardees = 0x1515;
        public const ushort Forwardee = 0x1516;
        public const ushort Name = 0x1517;
        public const ushort Email = 0x1518;
    }

    /// <summary>Code page 22, Email2 (MS-ASWBXML 2.1.2.1.23): the second email namespace (MS-ASEMAIL).</summary>
    public static class Email2Tags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 22;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Email2:";

        public const ushort UmCallerID = 0x1605;
        public const ushort UmUserNotes = 0x1606;
        public const ushort UmAttDuration = 0x1607;
        public const ushort UmAttOrder = 0x1608;
        [OpaqueContent]
        public const ushort ConversationId = 0x1609;
        [OpaqueContent]
        public const ushort ConversationIndex = 0x160A;
        public const ushort LastVerbExecuted = 0x160B;
        public const ushort LastVerbExecutionTime = 0x160C;
        public const ushort ReceivedAsBcc = 0x160D;
        public const ushort Sender = 0x160E;
        public const ushort CalendarType = 0x160F;
        public const ushort IsLeapMonth = 0x1610;
        public const ushort AccountId = 0x1611;
        public const ushort FirstDayOfWeek = 0x1612;
        public const ushort MeetingMessageType = 0x1613;
        public const ushort IsDraft = 0x1615;
        public const ushort Bcc = 0x1616;
        public const ushort Send = 0x1617;
    }

    /// <summary>Code page 23, Notes (MS-ASWBXML 2.1.2.1.24): note items (MS-ASNOTE).</summary>
    public static class NotesTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 23;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Notes:";

        public const ushort Subject = 0x1705;
        public const ushort MessageClass = 0x1706;
        public const ushort LastModifiedDate = 0x1707;
        public const ushort Categories = 0x1708;
        public const ushort Category = 0x1709;
    }

    /// <summary>Code page 24, RightsManagement (MS-ASWBXML 2.1.2.1.25): rights management (MS-ASRM).</summary>
    public static class RightsManagementTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 24;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "RightsManagement:";

        public const ushort RightsManagementSupport = 0x1805;
        public const ushort RightsManagementTemplates = 0x1806;
        public const ushort RightsManagementTemplate = 0x1807;
        public const ushort RightsManagementLicense = 0x1808;
        public const ushort EditAllowed = 0x1809;
        public const ushort ReplyAllowed = 0x180A;
        public const ushort ReplyAllAllowed = 0x180B;
        public const ushort ForwardAllowed = 0x180C;
        public const ushort ModifyRecipientsAllowed = 0x180D;
        public const ushort ExtractAllowed = 0x180E;
        public const ushort PrintAllowed = 0x180F;
        public const ushort ExportAllowed = 0x1810;
        public const ushort ProgrammaticAccessAllowed = 0x1811;
        public const ushort Owner = 0x1812;
        public const ushort ContentExpiryDate = 0x1813;
        public const ushort TemplateID = 0x1814;
        public const ushort TemplateName = 0x1815;
        public const ushort TemplateDescription = 0x1816;
        public const ushort ContentOwner = 0x1817;
        public const ushort RemoveRightsManagementProtection = 0x1818;
    }

    /// <summary>Code page 25, Find (MS-ASWBXML 2.1.2.1.26): the Find command (protocol 16.1).</summary>
    public static class FindTags
    {
        /// <summary>The code page number.</summary>
        public const byte CodePage = 25;

        /// <summary>The XML namespace of this page in libwbxml's XML form: the page name and a colon.</summary>
        public const string Namespace = "Find:";

        public const ushort Find = 0x1905;
        public const ushort SearchId = 0x1906;
        public const ushort ExecuteSearch = 0x1907;
        public const ushort MailBoxSearchCriterion = 0x1908;
        public const ushort Query = 0x1909;
        public const ushort Status = 0x190A;
        public const ushort FreeText = 0x190B;
        public const ushort Options = 0x190C;
        public const ushort Range = 0x190D;
        public const ushort DeepTraversal = 0x190E;
        public const ushort Response = 0x1911;
        public const ushort Result = 0x1912;
        public const ushort Properties = 0x1913;
        public const ushort Preview = 0x1914;
        public const ushort HasAttachments = 0x1915;
        public const ushort Total = 0x1916;
        public const ushort DisplayCc = 0x1917;
        public const ushort DisplayBcc = 0x1918;
        public const ushort GALSearchCriterion = 0x1919;
        public const ushort MaxPictures = 0x1920;
        public const ushort MaxSize = 0x1921;
        public const ushort Picture = 0x1922;
    }
}
