namespace Pushbox.Protocol.Commands.Provision;

/// <summary>
/// The Status a client sends in a Policy element when it acknowledges a policy (MS-ASPROV 2.2.2.54.1,
/// request values 1 to 4). The parser accepts any unsigned byte; a handler decides what an unknown value means.
/// </summary>
public enum PolicyAcknowledgementStatus
{
    /// <summary>1: the policy was applied.</summary>
    Success = 1,

    /// <summary>2: the policy was applied only in part.</summary>
    PartialSuccess = 2,

    /// <summary>3: the policy was not applied.</summary>
    NotApplied = 3,

    /// <summary>4: the device is managed by a third party, which applies the policy.</summary>
    ExternallyManaged = 4,
}
