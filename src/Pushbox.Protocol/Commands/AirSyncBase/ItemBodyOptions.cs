namespace Pushbox.Protocol.Commands.AirSyncBase;

/// <summary>
/// How a client wants item bodies, as Sync, ItemOperations and Search options carry it. 12.0+ clients
/// send <see cref="BodyPreferences"/>; 2.5 clients send the legacy <see cref="Truncation"/> and
/// <see cref="MimeTruncation"/> codes with <see cref="MimeSupport"/>.
/// </summary>
/// <param name="BodyPreferences">The BodyPreference elements in the client's order (empty when none was sent).</param>
/// <param name="BodyPartPreferences">The BodyPartPreference elements (14.1+; conversation body parts).</param>
/// <param name="MimeSupport">MIMESupport: 0 never MIME, 1 MIME for S/MIME messages only, 2 MIME for every message; null when absent.</param>
/// <param name="MimeTruncation">MIMETruncation code 0–8 (0: no body; 1: 4 KB … 7: 100 KB; 8: whole), null when absent.</param>
/// <param name="Truncation">The 2.5 <c>airsync:Truncation</c> code for the email-namespace body (same scale), null when absent.</param>
/// <param name="RightsManagementSupport">The client can handle IRM-protected messages decrypted by the server (14.1+).</param>
public sealed record ItemBodyOptions(
    IReadOnlyList<BodyPreference> BodyPreferences,
    IReadOnlyList<BodyPreference> BodyPartPreferences,
    int? MimeSupport = null,
    int? MimeTruncation = null,
    int? Truncation = null,
    bool RightsManagementSupport = false)
{
    /// <summary>No preferences at all: the server's defaults apply.</summary>
    public static ItemBodyOptions None { get; } = new([], []);
}
