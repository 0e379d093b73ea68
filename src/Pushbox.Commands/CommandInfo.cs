using Pushbox.Protocol;

namespace Pushbox.Commands;

/// <summary>One row of the command catalogue: the protocol versions that know the command and whether it needs a provisioned device.</summary>
public sealed record CommandInfo(EasCommand Command, EasVersion MinimumVersion, EasVersion MaximumVersion, bool NeedsProvisioning)
{
    /// <summary>Whether <paramref name="version"/> has this command.</summary>
    public bool IsIn(EasVersion version) => version >= MinimumVersion && version <= MaximumVersion;
}
