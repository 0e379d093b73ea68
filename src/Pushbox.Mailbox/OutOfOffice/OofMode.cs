namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>Whether a user is out of the office (the values of MS-ASCMD OofState).</summary>
public enum OofMode
{
    /// <summary>No automatic replies.</summary>
    Off = 0,

    /// <summary>Replies until turned off.</summary>
    On = 1,

    /// <summary>Replies between <see cref="OofSettings.Start"/> and <see cref="OofSettings.End"/>.</summary>
    Scheduled = 2,
}
