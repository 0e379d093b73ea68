namespace Pushbox.Testing.Eas;

/// <summary>
/// The schema file lists that <see cref="XsdValidator"/> needs for the responses that carry items or that
/// refer to AirSyncBase: AirSyncBase.xsd refers to the types of every content code page, and those refer to
/// each other (MeetingResponseResponse.xsd declares what Email.xsd and Calendar.xsd take from MeetingResponse),
/// so they are only ever compiled together. One list here instead of a copy, or a stub, per test.
/// </summary>
public static class EasSchemas
{
    /// <summary>AirSyncBase and every code page an item's content can use.</summary>
    public static readonly string[] ItemContent =
    [
        "AirSyncBase.xsd", "AirSync.xsd", "Calendar.xsd", "Contacts.xsd", "Contacts2.xsd", "DocumentLibrary.xsd", "Email.xsd",
        "Email2.xsd", "Notes.xsd", "RightsManagement.xsd", "Tasks.xsd", "ItemOperations.xsd", "ComposeMail.xsd",
        "MeetingResponseResponse.xsd",
    ];

    /// <summary>A Sync response.</summary>
    public static readonly string[] Sync = ["SyncResponse.xsd", .. ItemContent];

    /// <summary>A Settings response.</summary>
    public static readonly string[] Settings = ["SettingsResponse.xsd", "Settings.xsd", .. ItemContent];

    /// <summary>A Provision response (its DeviceInformation status comes from Settings).</summary>
    public static readonly string[] Provision = ["ProvisionResponse.xsd", "Provision.xsd", "SettingsResponse.xsd", "Settings.xsd", .. ItemContent];
}
