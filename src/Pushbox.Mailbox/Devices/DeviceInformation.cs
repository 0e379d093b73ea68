namespace Pushbox.Mailbox.Devices;

/// <summary>
/// What a device says about itself in Settings:DeviceInformation (MS-ASCMD 2.2.3.157.4), as sent; any
/// field may be absent. The User-Agent it also carries is kept on <see cref="Device.UserAgent"/>.
/// </summary>
/// <param name="Model">Model.</param>
/// <param name="Imei">IMEI.</param>
/// <param name="FriendlyName">FriendlyName.</param>
/// <param name="OS">OS.</param>
/// <param name="OSLanguage">OSLanguage.</param>
/// <param name="PhoneNumber">PhoneNumber.</param>
/// <param name="MobileOperator">MobileOperator.</param>
public sealed record DeviceInformation(
    string? Model = null,
    string? Imei = null,
    string? FriendlyName = null,
    string? OS = null,
    string? OSLanguage = null,
    string? PhoneNumber = null,
    string? MobileOperator = null)
{
    /// <summary>
    /// The longest value the store keeps for one field, in UTF-16 code units. The spec sets no limit; the
    /// caller truncates (the store refuses longer values rather than cut them silently).
    /// </summary>
    public const int MaxFieldLength = 1024;

    /// <summary>Nothing known.</summary>
    public static DeviceInformation None { get; } = new();

    /// <summary>The fields in declaration order (for validation and display).</summary>
    public IEnumerable<string?> Fields => [Model, Imei, FriendlyName, OS, OSLanguage, PhoneNumber, MobileOperator];
}
