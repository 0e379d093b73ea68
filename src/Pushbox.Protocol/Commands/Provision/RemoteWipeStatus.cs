namespace Pushbox.Protocol.Commands.Provision;

/// <summary>
/// The Status a client sends inside RemoteWipe or AccountOnlyRemoteWipe to acknowledge a wipe directive
/// (MS-ASPROV 2.2.2.54.3). The parser accepts any unsigned byte.
/// </summary>
public enum RemoteWipeStatus
{
    /// <summary>1: the wipe succeeded.</summary>
    Success = 1,

    /// <summary>2: the wipe failed; the server answers Status 2 and repeats the directive (MS-ASPROV_R702, R66610).</summary>
    Failure = 2,
}
