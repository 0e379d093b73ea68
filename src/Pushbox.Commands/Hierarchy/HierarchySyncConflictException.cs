namespace Pushbox.Commands.Hierarchy;

/// <summary>Requests of one device kept racing for its hierarchy state; the command answers with a server-error status and the device retries.</summary>
public sealed class HierarchySyncConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HierarchySyncConflictException()
        : base("Concurrent requests of one device kept changing its hierarchy state.")
    {
    }
}
