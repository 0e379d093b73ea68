using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Pushbox.Protocol;

/// <summary>
/// Looks commands up by their plain-query name and by their base64 command code. One table: the
/// enum's members are the MS-ASCMD 2.2.1 names, and a member's value is its MS-ASHTTP 2.2.1.1.1.1.2
/// code when it is 255 or less.
/// </summary>
public static class EasCommands
{
    private static readonly FrozenDictionary<string, EasCommand> ByName =
        Enum.GetValues<EasCommand>().ToFrozenDictionary(c => c.ToString(), StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, EasCommand>.AlternateLookup<ReadOnlySpan<char>> ByNameSpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Every command: those with a base64 code in code order, then Autodiscover and GetHierarchy.</summary>
    public static IReadOnlyList<EasCommand> All { get; } = Enum.GetValues<EasCommand>();

    /// <summary>
    /// Finds the command a plain query's <c>Cmd=</c> names. The spec spelling is matched ignoring ASCII
    /// case ("FolderSync", "foldersync"); anything else, including surrounding spaces, is false.
    /// </summary>
    public static bool TryParseName(ReadOnlySpan<char> name, out EasCommand command) =>
        ByNameSpan.TryGetValue(name, out command);

    /// <inheritdoc cref="TryParseName(ReadOnlySpan{char}, out EasCommand)"/>
    public static bool TryParseName([NotNullWhen(true)] string? name, out EasCommand command)
    {
        command = default;
        return name is not null && ByName.TryGetValue(name, out command);
    }

    /// <summary>Finds the command for a base64 query's command code byte. False for the unassigned codes 5 to 8 and above 23.</summary>
    public static bool TryFromCode(byte code, out EasCommand command)
    {
        bool assigned = code is <= 4 or (>= 9 and <= 23);
        command = assigned ? (EasCommand)code : default;
        return assigned;
    }

    /// <summary>The command's base64 command code; false for <see cref="EasCommand.Autodiscover"/> and <see cref="EasCommand.GetHierarchy"/>, which have none.</summary>
    public static bool TryGetCode(EasCommand command, out byte code)
    {
        int value = (int)command;
        if (Enum.IsDefined(command) && value <= byte.MaxValue)
        {
            code = (byte)value;
            return true;
        }

        code = 0;
        return false;
    }

    /// <summary>The spec spelling, as sent in <c>Cmd=</c> and listed in <c>MS-ASProtocolCommands</c>.</summary>
    public static string GetName(EasCommand command) =>
        Enum.IsDefined(command)
            ? command.ToString()
            : throw new ArgumentOutOfRangeException(nameof(command), command, "Not an EAS command.");
}
