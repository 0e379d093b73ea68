namespace Pushbox.Protocol.Commands.Provision;

/// <summary>Which of the Provision request shapes of MS-ASPROV 3.1.5.1 a request is.</summary>
public enum ProvisionRequestKind
{
    /// <summary>
    /// An empty <c>Provision</c>: what a client sends after a status told it a remote wipe is pending
    /// (MS-ASPROV_R622). The server answers Status and RemoteWipe or AccountOnlyRemoteWipe (MS-ASPROV_R493).
    /// </summary>
    Empty,

    /// <summary>Policies/Policy with a PolicyType and no PolicyKey: download the policy (MS-ASPROV 3.1.5.1.1).</summary>
    Initial,

    /// <summary>Policies/Policy with PolicyType, PolicyKey and Status: acknowledge the policy (MS-ASPROV 3.1.5.1.2.1).</summary>
    Acknowledgement,

    /// <summary>RemoteWipe/Status: acknowledge a remote wipe directive (MS-ASPROV 3.1.5.1.2.2).</summary>
    RemoteWipeAcknowledgement,

    /// <summary>AccountOnlyRemoteWipe/Status: acknowledge an account-only remote wipe directive, 16.1 (MS-ASPROV 3.1.5.1.2.3).</summary>
    AccountOnlyRemoteWipeAcknowledgement,
}
