namespace Pushbox.Protocol.Commands.Provision;

/// <summary>The length limits of Provision values, from the spec.</summary>
public static class ProvisionLimits
{
    /// <summary>PolicyKey: at most 64 characters (MS-ASPROV_R312).</summary>
    public const int MaxPolicyKeyLength = 64;

    /// <summary>
    /// PolicyType: the spec defines two values of 23 and 25 characters; anything up to this length is read so
    /// that an unknown type can be answered with <see cref="PolicyStatus.UnknownPolicyType"/> rather than a 400.
    /// </summary>
    public const int MaxPolicyTypeLength = 256;

    /// <summary>Each DeviceInformation string: at most 1,024 characters (Settings.xsd, DeviceInformationStringType).</summary>
    public const int MaxDeviceInformationLength = 1024;
}
