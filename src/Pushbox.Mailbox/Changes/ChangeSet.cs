namespace Pushbox.Mailbox.Changes;

/// <summary>What a <see cref="ChangeSubscription"/> saw between two waits.</summary>
/// <param name="Folders">The folders whose items changed.</param>
/// <param name="Hierarchy">Whether the folder hierarchy changed.</param>
/// <param name="All">Anything may have changed (notifications were missed or too many to keep): re-read everything.</param>
public sealed record ChangeSet(IReadOnlySet<long> Folders, bool Hierarchy, bool All)
{
    /// <summary>Anything may have changed.</summary>
    public static ChangeSet Everything { get; } = new(new HashSet<long>(), true, true);

    /// <summary>Whether items of <paramref name="folderId"/> may have changed.</summary>
    public bool Touches(long folderId) => All || Folders.Contains(folderId);
}
