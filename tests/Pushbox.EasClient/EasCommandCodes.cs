using System.Collections.Frozen;

namespace Pushbox.Testing.Eas;

/// <summary>
/// The command codes of the base64 query (MS-ASHTTP 2.2.1.1.1.1.2), kept here independently of the
/// server's own table so that a test checks the server against the spec rather than against itself.
/// Autodiscover and GetHierarchy have no code: they are sent with the plain query only.
/// </summary>
public static class EasCommandCodes
{
    private static readonly FrozenDictionary<string, byte> Codes = new Dictionary<string, byte>(StringComparer.OrdinalIgnoreCase)
    {
        ["Sync"] = 0,
        ["SendMail"] = 1,
        ["SmartForward"] = 2,
        ["SmartReply"] = 3,
        ["GetAttachment"] = 4,
        ["FolderSync"] = 9,
        ["FolderCreate"] = 10,
        ["FolderDelete"] = 11,
        ["FolderUpdate"] = 12,
        ["MoveItems"] = 13,
        ["GetItemEstimate"] = 14,
        ["MeetingResponse"] = 15,
        ["Search"] = 16,
        ["Settings"] = 17,
        ["Ping"] = 18,
        ["ItemOperations"] = 19,
        ["Provision"] = 20,
        ["ResolveRecipients"] = 21,
        ["ValidateCert"] = 22,
        ["Find"] = 23,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The code of <paramref name="command"/> (spec spelling, any letter case); false for a command without one.</summary>
    public static bool TryGetCode(string command, out byte code) => Codes.TryGetValue(command, out code);

    /// <summary>The code of <paramref name="command"/>.</summary>
    /// <exception cref="ArgumentException">The command has no base64 code (GetHierarchy, Autodiscover, a made-up name).</exception>
    public static byte GetCode(string command) =>
        TryGetCode(command, out byte code) ? code : throw new ArgumentException($"'{command}' has no base64 command code (MS-ASHTTP 2.2.1.1.1.1.2).", nameof(command));
}
