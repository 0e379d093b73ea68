namespace Pushbox.Protocol.Commands.Provision;

/// <summary>
/// The <c>settings:DeviceInformation/settings:Set</c> a 14.1+ client sends with its initial Provision request
/// (MS-ASPROV 2.2.2.53, MS-ASCMD 2.2.3.45); the server should store it (MS-ASPROV_R488). Every value is
/// optional and as the client sent it, at most 1,024 characters (Settings.xsd). Values are user data:
/// never log them.
/// </summary>
public sealed record ProvisionDeviceInformation
{
    /// <summary>The device model (the spec requires it, MS-ASPROV_R607; the parser does not, so a handler can decide).</summary>
    public string? Model { get; init; }

    /// <summary>The IMEI.</summary>
    public string? Imei { get; init; }

    /// <summary>A name the user gave the device.</summary>
    public string? FriendlyName { get; init; }

    /// <summary>The operating system.</summary>
    public string? OS { get; init; }

    /// <summary>The language of the operating system.</summary>
    public string? OSLanguage { get; init; }

    /// <summary>The device's phone number.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>The client's user agent.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Whether the device sends SMS through the server (EnableOutboundSMS 1); null when not sent.</summary>
    public bool? EnableOutboundSms { get; init; }

    /// <summary>The mobile operator.</summary>
    public string? MobileOperator { get; init; }
}
