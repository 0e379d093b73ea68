namespace Pushbox.Smtp;

/// <summary>
/// The limits one SMTP or LMTP session works within. Every default is safe for a public MX; each
/// setter refuses a value outside its documented range at once, so a bad configuration fails at start
/// rather than under load.
/// </summary>
public sealed class SmtpLimits
{
    /// <summary>The largest <see cref="MaxCommandLineLength"/> accepted: each session holds a buffer of about this size.</summary>
    public const int MaxCommandLineLengthCeiling = 64 * 1024;

    private long _maxMessageSize = 35L * 1024 * 1024;
    private int _maxRecipients = 100;
    private int _maxCommandLineLength = 2048;
    private TimeSpan _commandTimeout = TimeSpan.FromMinutes(5);
    private TimeSpan _dataTimeout = TimeSpan.FromMinutes(5);
    private int _maxConcurrentSessions = 500;
    private int _maxBadCommands = 10;

    /// <summary>
    /// The largest message accepted, in bytes as the client sends it (after dot-unstuffing, before the
    /// trace headers Pushbox adds). Advertised as <c>SIZE</c>; a <c>MAIL FROM … SIZE=</c> above it is
    /// refused with <c>552 5.3.4</c>, and a longer body is read to its end without being kept and then
    /// refused the same way. Defaults to 35 MiB (36,700,160 bytes), the common limit of hosted mail.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1 or more than 1 TiB.</exception>
    public long MaxMessageSize
    {
        get => _maxMessageSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1L << 40);
            _maxMessageSize = value;
        }
    }

    /// <summary>
    /// The most recipients one transaction may have; the next <c>RCPT TO</c> is answered
    /// <c>452 4.5.3</c> and the client sends the rest in another transaction. Defaults to 100, the
    /// minimum RFC 5321 §4.5.3.1.8 asks a server to accept.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1 or more than 10,000.</exception>
    public int MaxRecipients
    {
        get => _maxRecipients;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 10_000);
            _maxRecipients = value;
        }
    }

    /// <summary>
    /// The longest command line, in bytes including its CRLF; a longer one is discarded as it arrives
    /// and answered <c>500 5.5.6</c>. Defaults to 2048: RFC 5321 §4.5.3.1.4 requires 512, and
    /// parameters such as SMTPUTF8 addresses need more.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 512 or more than <see cref="MaxCommandLineLengthCeiling"/>.</exception>
    public int MaxCommandLineLength
    {
        get => _maxCommandLineLength;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 512);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxCommandLineLengthCeiling);
            _maxCommandLineLength = value;
        }
    }

    /// <summary>
    /// How long a session may stay silent while Pushbox waits for its next command (and how long a
    /// reply or the TLS handshake may take); then it is closed with <c>421 4.4.2</c>. Defaults to 5
    /// minutes, RFC 5321 §4.5.3.2.7's minimum server timeout.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or more than one day.</exception>
    public TimeSpan CommandTimeout
    {
        get => _commandTimeout;
        set => _commandTimeout = CheckTimeout(value);
    }

    /// <summary>
    /// How long the message body may pause between two reads of the network after <c>354</c>; then the
    /// transaction is abandoned (nothing is delivered) and the session closed with <c>421 4.4.2</c>.
    /// Defaults to 5 minutes: the sender's own data-block timeout is 3 minutes (RFC 5321 §4.5.3.2.5),
    /// so an honest sender never hits it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or more than one day.</exception>
    public TimeSpan DataTimeout
    {
        get => _dataTimeout;
        set => _dataTimeout = CheckTimeout(value);
    }

    /// <summary>
    /// The most sessions served at once over all listeners; a connection beyond it is answered
    /// <c>421 4.3.2</c> and closed. Defaults to 500.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1 or more than 100,000.</exception>
    public int MaxConcurrentSessions
    {
        get => _maxConcurrentSessions;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100_000);
            _maxConcurrentSessions = value;
        }
    }

    /// <summary>
    /// How many commands a session may get refused for syntax or sequence (replies 500, 501, 502, 503,
    /// 555, and over-long lines); the command that reaches this count is answered <c>421 4.7.0</c>
    /// instead and the connection closed. Defaults to 10.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1 or more than 1,000.</exception>
    public int MaxBadCommands
    {
        get => _maxBadCommands;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1_000);
            _maxBadCommands = value;
        }
    }

    private static TimeSpan CheckTimeout(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromDays(1));
        return value;
    }
}
