namespace Pushbox.Protocol.Commands.Provision;

/// <summary>The Status of a Policy element in a server response (MS-ASPROV 2.2.2.54.1), policy in scope.</summary>
public enum PolicyStatus
{
    /// <summary>1: success; the policy data, when requested, is in the response and the client applies it.</summary>
    Success = 1,

    /// <summary>2: no policy of the requested type is defined for the client (MS-ASPROV_R499); the client stops asking.</summary>
    NoPolicyForClient = 2,

    /// <summary>3: the PolicyType is unknown to the server (MS-ASPROV_R502).</summary>
    UnknownPolicyType = 3,

    /// <summary>4: the policy data on the server is corrupt (possibly tampered with).</summary>
    PolicyDataCorrupt = 4,

    /// <summary>5: the client acknowledged an out-of-date or invalid policy key (MS-ASPROV_R507); it starts over with an initial request.</summary>
    PolicyKeyMismatch = 5,
}
