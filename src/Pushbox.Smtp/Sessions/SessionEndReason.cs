namespace Pushbox.Smtp.Sessions;

/// <summary>Why a session ends other than by QUIT.</summary>
internal enum SessionEndReason
{
    /// <summary>The client closed the connection or it broke.</summary>
    ClientGone,

    /// <summary>The client stayed silent past a timeout (421 4.4.2).</summary>
    Timeout,

    /// <summary>The service is stopping and the session was between transactions (421 4.3.2).</summary>
    Shutdown,

    /// <summary>The service stopped waiting for the session (no reply).</summary>
    Aborted,
}
