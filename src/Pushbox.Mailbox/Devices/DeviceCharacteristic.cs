namespace Pushbox.Mailbox.Devices;

/// <summary>What a <see cref="DeviceAccessRule"/> matches (Exchange's device access rule characteristics).</summary>
public enum DeviceCharacteristic
{
    /// <summary>The DeviceType of the request (MS-ASHTTP), e.g. iPhone, Android.</summary>
    DeviceType = 0,

    /// <summary>The Model the device reported in Settings:DeviceInformation.</summary>
    Model = 1,

    /// <summary>The User-Agent header of the request.</summary>
    UserAgent = 2,

    /// <summary>The OS the device reported in Settings:DeviceInformation.</summary>
    OS = 3,
}
