using System.Net.Sockets;
using System.Text;
using Pushbox.Mailbox.Changes;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage;

/// <summary>
/// With SQLite, carries the changes another process commits (an administrator's CLI: an import, a device
/// wiped, a folder changed) to the running server, whose held requests would otherwise not hear of them. The
/// server listens on a Unix datagram socket in the data folder (<see cref="SocketFileName"/>,
/// <see cref="SqliteChangeListener"/>), or, when that path is too long for a socket address, on a Linux abstract
/// socket named after the data folder; any other process sends each committed change set there, best effort and
/// without waiting: when no server listens nothing is sent, and a datagram the server cannot take (its queue is
/// full) is dropped, which only delays the wake until the device's next request. The server's own commits are
/// announced in-process and not sent.
/// </summary>
internal sealed class SqliteChangeRelay
{
    /// <summary>The socket's file name in the data folder.</summary>
    public const string SocketFileName = "pushbox-changes.sock";

    // sun_path is 108 bytes on Linux, including the terminating NUL.
    private const int MaxSocketPathBytes = 107;

    public SqliteChangeRelay(string dataDirectory)
    {
        string file = Path.Combine(dataDirectory, SocketFileName);
        if (Encoding.UTF8.GetByteCount(file) <= MaxSocketPathBytes)
        {
            SocketPath = file;
        }
        else if (OperatingSystem.IsLinux())
        {
            byte[] hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(dataDirectory));
            SocketPath = "\0pushbox-changes-" + Convert.ToHexStringLower(hash, 0, 16);
            Abstract = true;
        }

        Usable = SocketPath is not null && Socket.OSSupportsUnixDomainSockets;
        EndPoint = Usable ? new UnixDomainSocketEndPoint(SocketPath!) : null;
    }

    /// <summary>The socket's path; for an abstract socket, its name after a NUL character. Null when there is none.</summary>
    public string? SocketPath { get; }

    /// <summary>Whether the socket is a Linux abstract one (no file: the data folder's path is too long for a socket address).</summary>
    public bool Abstract { get; }

    /// <summary>Whether the system has Unix sockets and the address fits one.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(SocketPath), nameof(EndPoint))]
    public bool Usable { get; }

    /// <summary>The socket's address, when <see cref="Usable"/>.</summary>
    public UnixDomainSocketEndPoint? EndPoint { get; }

    /// <summary>Names this process's datagrams, so that the listener skips what it sent itself.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N")[..16];

    /// <summary>Whether this process is the listener, and so announces its own commits in-process only.</summary>
    public bool Listening { get; set; }

    /// <summary>Sends <paramref name="changes"/> to the listening server, if there is one; never throws and never blocks.</summary>
    public void Send(IReadOnlyCollection<MailboxChange> changes)
    {
        if (Listening || !Usable || (!Abstract && !File.Exists(SocketPath)))
        {
            return;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
            foreach (string payload in ChangeNotifications.Encode(Origin, changes))
            {
                socket.SendTo(Encoding.UTF8.GetBytes(payload), EndPoint);
            }
        }
        catch (SocketException)
        {
            // No server listens (a stale socket file), or its queue is full: the wake waits for the device's next request.
        }
    }
}
