using Pushbox.Commands.Policies;
using Pushbox.Commands.Push;
using Pushbox.Mailbox.Devices;
using Pushbox.Protocol;
using Pushbox.Protocol.Query;

namespace Pushbox.Commands;

/// <summary>
/// Everything a command handler may know about the request besides its body: the authenticated user,
/// the device, the negotiated protocol version and the query. Travels explicitly; there is no ambient
/// request state.
/// </summary>
/// <param name="UserId">The authenticated user.</param>
/// <param name="UserAddress">The user's primary address.</param>
/// <param name="Device">The device as just recorded.</param>
/// <param name="Version">The protocol version the device speaks in this request; writers write for it.</param>
/// <param name="Query">The request's query (command, device, parameters, policy key).</param>
public sealed record EasRequestContext(long UserId, string UserAddress, Device Device, EasVersion Version, EasQuery Query)
{
    /// <summary>
    /// The policy key the device presented (MS-ASPROV 2.2.2.42): the <c>X-MS-PolicyKey</c> header or the
    /// <c>PolicyKey=</c> parameter of a plain query, the policy key field of a base64 one; null when it sent
    /// none. 0 is what a device sends when it holds no key.
    /// </summary>
    public uint? PolicyKey { get; init; }

    /// <summary>
    /// Whether the client asked for ItemOperations content in the multipart form (MS-ASCMD 2.2.1.10.1): the
    /// <c>MS-ASAcceptMultiPart: T</c> header (MS-ASHTTP 2.2.1.1.2.5) or, in a base64 query, the AcceptMultiPart
    /// bit of the Options parameter (MS-ASHTTP 2.2.1.1.1.1.3). Only ItemOperations looks at it.
    /// </summary>
    public bool AcceptMultiPart { get; init; }

    /// <summary>
    /// What the user's effective mailbox policy lets the server send (<see cref="PolicyCaps"/>). The dispatcher sets it
    /// from the policy it checked the device's key against, for every command that needs provisioning; a context
    /// built without the dispatcher caps nothing.
    /// </summary>
    public PolicyCaps Caps { get; init; } = PolicyCaps.None;

    /// <summary>
    /// Whether the device is quarantined (<see cref="DeviceAccessGate"/>): it may provision and see its folders, but
    /// its Sync shows only the quarantine notice in the Inbox. The dispatcher sets it.
    /// </summary>
    public bool Quarantined { get; init; }

    /// <summary>Whether a remote wipe waits for the device: its Provision sends the directive. The dispatcher sets it.</summary>
    public bool WipePending { get; init; }

    /// <summary>
    /// The request's place among the server's active requests, which a request gives back while it is held
    /// (<see cref="HeldRequests.TryBegin"/>); null when the request was admitted without one (tests, tools).
    /// </summary>
    public RequestSlot? Slot { get; init; }
}
