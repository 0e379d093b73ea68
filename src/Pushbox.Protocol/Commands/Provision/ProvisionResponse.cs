namespace Pushbox.Protocol.Commands.Provision;

/// <summary>
/// A Provision response (MS-ASPROV 3.2.5.1). Which parts a handler sets follows the request's shape:
/// an initial request gets <see cref="Policy"/> with Data (and <see cref="DeviceInformationStatus"/> at 14.1+
/// when the client sent DeviceInformation); an acknowledgement gets <see cref="Policy"/> without Data; an
/// empty request or a wipe acknowledgement gets <see cref="RemoteWipe"/> or <see cref="AccountOnlyRemoteWipe"/>,
/// which must be set only when a wipe was requested for the device (MS-ASPROV_R653).
/// </summary>
/// <param name="Status">The global status.</param>
public sealed record ProvisionResponse(ProvisionStatus Status)
{
    /// <summary>The status of the device information the client sent (written from 14.1 only); null to leave it out.</summary>
    public DeviceInformationStatus? DeviceInformationStatus { get; init; }

    /// <summary>The Policies/Policy element; null to leave it out.</summary>
    public ProvisionResponsePolicy? Policy { get; init; }

    /// <summary>Whether to send the remote wipe directive (an empty RemoteWipe element).</summary>
    public bool RemoteWipe { get; init; }

    /// <summary>Whether to send the account-only remote wipe directive (16.1 only).</summary>
    public bool AccountOnlyRemoteWipe { get; init; }
}
