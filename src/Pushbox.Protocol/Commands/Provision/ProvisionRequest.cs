namespace Pushbox.Protocol.Commands.Provision;

/// <summary>
/// A Provision request (MS-ASCMD 2.2.1.14, MS-ASPROV 3.1.5.1). At most one of <see cref="Policy"/>,
/// <see cref="RemoteWipeStatus"/> and <see cref="AccountOnlyRemoteWipeStatus"/> is set (the parser enforces
/// it); <see cref="Kind"/> names the shape.
/// </summary>
/// <param name="Policy">The Policies/Policy element of an initial request or a policy acknowledgement.</param>
/// <param name="DeviceInformation">The device's properties, sent by 14.1+ clients with the initial request.</param>
/// <param name="RemoteWipeStatus">The Status of a RemoteWipe acknowledgement.</param>
/// <param name="AccountOnlyRemoteWipeStatus">The Status of an AccountOnlyRemoteWipe acknowledgement (16.1).</param>
public sealed record ProvisionRequest(
    ProvisionRequestPolicy? Policy,
    ProvisionDeviceInformation? DeviceInformation = null,
    RemoteWipeStatus? RemoteWipeStatus = null,
    RemoteWipeStatus? AccountOnlyRemoteWipeStatus = null)
{
    /// <summary>The request's shape.</summary>
    public ProvisionRequestKind Kind =>
        RemoteWipeStatus is not null ? ProvisionRequestKind.RemoteWipeAcknowledgement
        : AccountOnlyRemoteWipeStatus is not null ? ProvisionRequestKind.AccountOnlyRemoteWipeAcknowledgement
        : Policy is null ? ProvisionRequestKind.Empty
        : Policy.PolicyKey is null ? ProvisionRequestKind.Initial
        : ProvisionRequestKind.Acknowledgement;
}
