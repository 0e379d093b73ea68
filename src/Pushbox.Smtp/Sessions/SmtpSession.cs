using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Quotas;
using Pushbox.Smtp.Protocol;

namespace Pushbox.Smtp.Sessions;

/// <summary>
/// One SMTP or LMTP conversation, from the greeting to QUIT. Commands are parsed by
/// <see cref="SmtpCommandParser"/>, checked against <see cref="SmtpStateTable"/> and run here; a
/// message is streamed through <see cref="SmtpDataStream"/> into the blob store and delivered before
/// its 250 is queued, so an acknowledged message is durable and a crash before the acknowledgement
/// makes the sender retry.
/// </summary>
internal sealed class SmtpSession : IDisposable
{
    // A last 421 gets a few seconds at most, whatever the limits say: the session is ending anyway.
    private static readonly TimeSpan FinalReplyTimeout = TimeSpan.FromSeconds(5);

    private readonly SessionServices _services;
    private readonly SmtpLimits _limits;
    private readonly SessionConnection _connection;
    private readonly ListenerProtocol _protocol;
    private readonly string _id;
    private readonly string _remote;
    private readonly string _serverName;
    private readonly CancellationToken _shutdown;
    private OperationTimer? _commandTimer;
    private OperationTimer? _ioTimer;

    private SessionState _state = SessionState.Connected;
    private string? _heloName;
    private bool _extended;
    private SmtpTransaction? _transaction;
    private int _badCommands;
    private int _messages;

    /// <summary>Creates a session over <paramref name="connection"/>.</summary>
    /// <param name="services">The shared services.</param>
    /// <param name="connection">The connection; the caller disposes it after <see cref="RunAsync"/>.</param>
    /// <param name="protocol">SMTP or LMTP.</param>
    /// <param name="id">The session id used in logs, the Received header and replies.</param>
    /// <param name="remote">The client as a Received TCP-info (<c>[192.0.2.1]</c>) or comment.</param>
    /// <param name="shutdown">Cancelled when the service stops: a session waiting for a command closes with 421 (one in a transaction finishes it first).</param>
    public SmtpSession(SessionServices services, SessionConnection connection, ListenerProtocol protocol, string id, string remote, CancellationToken shutdown)
    {
        _services = services;
        _limits = services.Options.Limits;
        _serverName = services.Options.ServerName;
        _connection = connection;
        _protocol = protocol;
        _id = id;
        _remote = remote;
        _shutdown = shutdown;
    }

    private bool IsLmtp => _protocol == ListenerProtocol.Lmtp;

    /// <summary>The RFC 3848 "with" keyword for the Received header.</summary>
    private string WithKeyword => (IsLmtp, _extended, _connection.IsTls) switch
    {
        (true, _, false) => "LMTP",
        (true, _, true) => "LMTPS",
        (false, false, _) => "SMTP",
        (false, true, false) => "ESMTP",
        (false, true, true) => "ESMTPS",
    };

    private OperationTimer CommandTimer => _commandTimer ?? throw new InvalidOperationException("The session is not running.");

    private OperationTimer IoTimer => _ioTimer ?? throw new InvalidOperationException("The session is not running.");

    /// <summary>
    /// Runs the conversation until QUIT, a fatal error, a timeout or shutdown. Never throws. Cancelling
    /// <paramref name="cancellationToken"/> cuts the session off without a reply (the sender retries).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _commandTimer = new OperationTimer(_shutdown, cancellationToken);
        _ioTimer = new OperationTimer(cancellationToken, CancellationToken.None);
        _services.Logger.SessionStarted(_id, IsLmtp ? "LMTP" : "SMTP", _remote);
        try
        {
            await ReplyAsync($"220 {_serverName} {(IsLmtp ? "LMTP" : "ESMTP")} Pushbox ready", cancellationToken).ConfigureAwait(false);
            while (true)
            {
                CommandRead read = await ReadCommandAsync(cancellationToken).ConfigureAwait(false);
                if (read.EndOfInput)
                {
                    break;
                }

                bool goOn = read.LineTooLong
                    ? await RejectAsync("500 5.5.6 Line too long", cancellationToken).ConfigureAwait(false)
                    : await ExecuteAsync(read.Command, cancellationToken).ConfigureAwait(false);
                if (!goOn)
                {
                    break;
                }
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SessionEndException e)
        {
            await EndAsync(e, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The service stopped waiting; the sender hears nothing and retries.
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            _services.Logger.ClientGone(_id, e);
        }
#pragma warning disable CA1031 // A session must never take the service down; the client gets 421 and the log gets the rest.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _services.Logger.SessionFailed(_id, e);
            await TryFinalReplyAsync($"421 4.3.0 {_serverName} Internal error; closing connection", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _services.Logger.SessionEnded(_id, _messages);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _commandTimer?.Dispose();
        _ioTimer?.Dispose();
    }

    private async Task EndAsync(SessionEndException end, CancellationToken cancellationToken)
    {
        switch (end.Reason)
        {
            case SessionEndReason.Timeout:
                _services.Logger.SessionTimedOut(_id, _state);
                await TryFinalReplyAsync($"421 4.4.2 {_serverName} Timeout; closing connection", cancellationToken).ConfigureAwait(false);
                break;
            case SessionEndReason.Shutdown:
                await TryFinalReplyAsync($"421 4.3.2 {_serverName} Service shutting down; closing connection", cancellationToken).ConfigureAwait(false);
                break;
            case SessionEndReason.ClientGone:
                _services.Logger.ClientGone(_id, end.InnerException);
                break;
            default:
                break;
        }
    }

    private async ValueTask<CommandRead> ReadCommandAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (_connection.TryReadLine(_limits.MaxCommandLineLength, out ReadOnlyMemory<byte> line))
            {
                case LineStatus.Line:
                    return new CommandRead(SmtpCommandParser.Parse(line.Span));
                case LineStatus.TooLong:
                    return new CommandRead(default, LineTooLong: true);
                default:
                    break;
            }

            // Replies to pipelined commands go out together, when the client has nothing more queued (RFC 2920 §3.2).
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            if (_shutdown.IsCancellationRequested)
            {
                throw new SessionEndException(SessionEndReason.Shutdown);
            }

            bool more;
            try
            {
                more = await _connection.FillAsync(CommandTimer.Start(_limits.CommandTimeout)).ConfigureAwait(false);
                CommandTimer.Stop();
            }
            catch (OperationCanceledException e)
            {
                throw new SessionEndException(
                    cancellationToken.IsCancellationRequested ? SessionEndReason.Aborted
                    : _shutdown.IsCancellationRequested ? SessionEndReason.Shutdown
                    : SessionEndReason.Timeout,
                    e);
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                throw new SessionEndException(SessionEndReason.ClientGone, e);
            }

            if (!more)
            {
                return new CommandRead(default, EndOfInput: true);
            }
        }
    }

    private async ValueTask<bool> ExecuteAsync(SmtpCommand command, CancellationToken cancellationToken)
    {
        SmtpVerb verb = command.Verb;
        if (!SmtpStateTable.IsCommandOf(verb, _protocol))
        {
            return await RejectAsync(verb switch
            {
                SmtpVerb.Helo or SmtpVerb.Ehlo => "500 5.5.1 This is an LMTP server; use LHLO",
                SmtpVerb.Lhlo => "500 5.5.1 This is an SMTP server; use EHLO",
                _ => "500 5.5.2 Command unrecognized",
            }, cancellationToken).ConfigureAwait(false);
        }

        if (verb == SmtpVerb.NotImplemented)
        {
            return await RejectAsync("502 5.5.1 Command not implemented", cancellationToken).ConfigureAwait(false);
        }

        if (!SmtpStateTable.IsAllowed(verb, _state, out string hint))
        {
            if (verb == SmtpVerb.Data && _state == SessionState.HasSender)
            {
                // RFC 2920 §3.1: every RCPT of a pipelined transaction failed.
                await ReplyAsync("554 5.5.1 No valid recipients", cancellationToken).ConfigureAwait(false);
                return true;
            }

            return await RejectAsync($"503 5.5.1 Bad sequence of commands: {hint}", cancellationToken).ConfigureAwait(false);
        }

        if (command.Malformed)
        {
            return await RejectAsync("501 5.5.2 Invalid characters in command arguments", cancellationToken).ConfigureAwait(false);
        }

        return verb switch
        {
            SmtpVerb.Helo or SmtpVerb.Ehlo or SmtpVerb.Lhlo => await HelloAsync(command, cancellationToken).ConfigureAwait(false),
            SmtpVerb.Mail => await MailAsync(command.Argument, cancellationToken).ConfigureAwait(false),
            SmtpVerb.Rcpt => await RcptAsync(command.Argument, cancellationToken).ConfigureAwait(false),
            SmtpVerb.Data => await DataAsync(command.Argument, cancellationToken).ConfigureAwait(false),
            SmtpVerb.StartTls => await StartTlsAsync(command.Argument, cancellationToken).ConfigureAwait(false),
            SmtpVerb.Rset => await ResetAsync(cancellationToken).ConfigureAwait(false),
            SmtpVerb.Noop => await OkAsync("250 2.0.0 OK", cancellationToken).ConfigureAwait(false),
            SmtpVerb.Vrfy => await OkAsync("252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery", cancellationToken).ConfigureAwait(false),
            SmtpVerb.Help => await OkAsync(IsLmtp
                ? "214 2.0.0 Commands: LHLO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP STARTTLS"
                : "214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP STARTTLS", cancellationToken).ConfigureAwait(false),
            SmtpVerb.Quit => await QuitAsync(cancellationToken).ConfigureAwait(false),
            _ => await RejectAsync("500 5.5.2 Command unrecognized", cancellationToken).ConfigureAwait(false),
        };
    }

    private async ValueTask<bool> HelloAsync(SmtpCommand command, CancellationToken cancellationToken)
    {
        string name = command.Argument;
        if (name.Length is 0 or > 255 || name.Any(c => c is <= ' ' or > '~'))
        {
            return await RejectAsync($"501 5.5.4 Syntax: {command.Verb.ToString().ToUpperInvariant()} hostname", cancellationToken).ConfigureAwait(false);
        }

        _heloName = name;
        _extended = command.Verb != SmtpVerb.Helo;
        _transaction = null;
        _state = SessionState.Greeted;
        if (!_extended)
        {
            await ReplyAsync($"250 {_serverName} Hello {name}", cancellationToken).ConfigureAwait(false);
            return true;
        }

        // RFC 2034 §3: EHLO/LHLO lines carry no enhanced code; each line after the first is a keyword.
        await ReplyAsync($"250-{_serverName} Hello {name}", cancellationToken).ConfigureAwait(false);
        await ReplyAsync(string.Create(CultureInfo.InvariantCulture, $"250-SIZE {_limits.MaxMessageSize}"), cancellationToken).ConfigureAwait(false);
        await ReplyAsync("250-8BITMIME", cancellationToken).ConfigureAwait(false);
        await ReplyAsync("250-PIPELINING", cancellationToken).ConfigureAwait(false);
        await ReplyAsync("250-ENHANCEDSTATUSCODES", cancellationToken).ConfigureAwait(false);
        if (_services.Certificate is not null && !_connection.IsTls)
        {
            await ReplyAsync("250-STARTTLS", cancellationToken).ConfigureAwait(false);
        }

        await ReplyAsync("250 SMTPUTF8", cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async ValueTask<bool> MailAsync(string argument, CancellationToken cancellationToken)
    {
        switch (MailPathParser.Parse(argument, "FROM", out MailPath sender, out IReadOnlyList<EsmtpParameter> parameters))
        {
            case PathStatus.Syntax:
                return await RejectAsync("501 5.5.4 Syntax: MAIL FROM:<address> [parameters]", cancellationToken).ConfigureAwait(false);
            case PathStatus.BadAddress:
                return await RejectAsync("501 5.1.7 Bad sender address syntax", cancellationToken).ConfigureAwait(false);
            case PathStatus.BadParameter:
                return await RejectAsync("501 5.5.4 Malformed MAIL parameter", cancellationToken).ConfigureAwait(false);
            default:
                break;
        }

        bool smtpUtf8 = false;
        foreach (EsmtpParameter parameter in parameters)
        {
            if (parameter.Keyword.Equals("SIZE", StringComparison.OrdinalIgnoreCase))
            {
                if (parameter.Value is null || parameter.Value.Length > 20 || !parameter.Value.All(char.IsAsciiDigit))
                {
                    return await RejectAsync("501 5.5.4 SIZE takes a number of bytes", cancellationToken).ConfigureAwait(false);
                }

                if (!long.TryParse(parameter.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long size) || size > _limits.MaxMessageSize)
                {
                    _services.Logger.DeclaredSizeTooLarge(_id, parameter.Value, _limits.MaxMessageSize);
                    await ReplyAsync("552 5.3.4 Message size exceeds fixed maximum message size", cancellationToken).ConfigureAwait(false);
                    return true;
                }
            }
            else if (parameter.Keyword.Equals("BODY", StringComparison.OrdinalIgnoreCase))
            {
                if (!"7BIT".Equals(parameter.Value, StringComparison.OrdinalIgnoreCase) && !"8BITMIME".Equals(parameter.Value, StringComparison.OrdinalIgnoreCase))
                {
                    return await RejectAsync("555 5.5.4 Unsupported BODY type; 7BIT and 8BITMIME are supported", cancellationToken).ConfigureAwait(false);
                }
            }
            else if (parameter.Keyword.Equals("SMTPUTF8", StringComparison.OrdinalIgnoreCase) && parameter.Value is null)
            {
                smtpUtf8 = true;
            }
            else
            {
                return await RejectAsync("555 5.5.4 Unsupported MAIL parameter", cancellationToken).ConfigureAwait(false);
            }
        }

        if (sender.HasNonAscii && !smtpUtf8)
        {
            await ReplyAsync("553 5.6.7 Non-ASCII address needs the SMTPUTF8 parameter", cancellationToken).ConfigureAwait(false);
            return true;
        }

        _transaction = new SmtpTransaction(sender, smtpUtf8);
        _state = SessionState.HasSender;
        await ReplyAsync("250 2.1.0 Sender OK", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The recipient's quota status when the mailbox is past ProhibitSendReceive; null when it receives (or its size cannot be read: then the mail is accepted).</summary>
    private async Task<QuotaStatus?> FullMailboxAsync(MailboxQuotas quotas, long userId, CancellationToken cancellationToken)
    {
        try
        {
            QuotaStatus? status = await quotas.GetStatusAsync(userId, cancellationToken).ConfigureAwait(false);
            return status is { ReceiveProhibited: true } ? status : null;
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new SessionEndException(SessionEndReason.Aborted, e);
        }
#pragma warning disable CA1031 // The size could not be read: accept rather than refuse a mailbox that may have room.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _services.Logger.RecipientLookupFailed(_id, e);
            return null;
        }
    }

    private async ValueTask<bool> RcptAsync(string argument, CancellationToken cancellationToken)
    {
        SmtpTransaction transaction = _transaction ?? throw new InvalidOperationException("RCPT without a transaction passed the state table.");
        switch (MailPathParser.Parse(argument, "TO", out MailPath recipient, out IReadOnlyList<EsmtpParameter> parameters))
        {
            case PathStatus.Syntax:
                return await RejectAsync("501 5.5.4 Syntax: RCPT TO:<address>", cancellationToken).ConfigureAwait(false);
            case PathStatus.BadAddress:
                return await RejectAsync("501 5.1.3 Bad recipient address syntax", cancellationToken).ConfigureAwait(false);
            case PathStatus.BadParameter:
                return await RejectAsync("501 5.5.4 Malformed RCPT parameter", cancellationToken).ConfigureAwait(false);
            default:
                break;
        }

        if (recipient.IsNull)
        {
            return await RejectAsync("501 5.1.3 Bad recipient address syntax", cancellationToken).ConfigureAwait(false);
        }

        if (parameters.Count > 0)
        {
            return await RejectAsync("555 5.5.4 Unsupported RCPT parameter", cancellationToken).ConfigureAwait(false);
        }

        if (recipient.HasNonAscii && !transaction.SmtpUtf8)
        {
            await ReplyAsync("553 5.6.7 Non-ASCII address needs the SMTPUTF8 parameter", cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (transaction.Recipients.Count >= _limits.MaxRecipients)
        {
            await ReplyAsync("452 4.5.3 Too many recipients", cancellationToken).ConfigureAwait(false);
            return true;
        }

        long? userId;
        try
        {
            string lookup = recipient.Address.Equals("postmaster", StringComparison.OrdinalIgnoreCase) && _services.Options.PostmasterAddress is { } postmaster
                ? postmaster
                : recipient.Address;
            userId = await _services.Delivery.ResolveRecipientAsync(lookup, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new SessionEndException(SessionEndReason.Aborted, e);
        }
#pragma warning disable CA1031 // Whatever the directory throws, the sender gets a temporary failure and retries.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _services.Logger.RecipientLookupFailed(_id, e);
            await ReplyAsync("451 4.3.0 Temporary failure looking up the recipient; try again later", cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (userId is null)
        {
            _services.Logger.RecipientRejected(_id, recipient.Address);
            await ReplyAsync($"550 5.1.1 <{recipient.Address}>: no such mailbox here", cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (await FullMailboxAsync(_services.Quotas, userId.Value, cancellationToken).ConfigureAwait(false) is { } status)
        {
            // RFC 3463 X.2.2 (mailbox full) "should be used as a persistent transient failure": the user can make room,
            // so the sending MTA keeps the message and retries (452, RFC 5321 section 4.2.2) rather than bouncing it at
            // once. The other recipients of the transaction are unaffected.
            _services.Quotas.Refused(QuotaRefusal.SmtpRecipient, userId.Value, status);
            await ReplyAsync($"452 4.2.2 <{recipient.Address}>: mailbox full", cancellationToken).ConfigureAwait(false);
            return true;
        }

        transaction.Add(new AcceptedRecipient(recipient.Address, userId.Value));
        _state = SessionState.HasRecipients;
        await ReplyAsync("250 2.1.5 Recipient OK", cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async ValueTask<bool> DataAsync(string argument, CancellationToken cancellationToken)
    {
        if (argument.Length > 0)
        {
            return await RejectAsync("501 5.5.4 DATA takes no parameters", cancellationToken).ConfigureAwait(false);
        }

        SmtpTransaction transaction = _transaction ?? throw new InvalidOperationException("DATA without a transaction passed the state table.");
        _transaction = null;
        _state = SessionState.Greeted;
        _messages++;
        string messageId = string.Create(CultureInfo.InvariantCulture, $"{_id}.{_messages}");
        DateTimeOffset receivedAt = _services.Time.GetUtcNow();
        byte[] trace = TraceHeaders.Build(
            transaction.Sender.Address,
            _heloName ?? string.Empty,
            _remote,
            _serverName,
            WithKeyword,
            messageId,
            transaction.Recipients.Count == 1 ? transaction.Recipients[0].Address : null,
            receivedAt);

        await ReplyAsync("354 Start mail input; end with <CRLF>.<CRLF>", cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);

        var data = new SmtpDataStream(_connection, trace, IoTimer, _limits.DataTimeout, cancellationToken);
        (StoreOutcome outcome, BlobRef? content) = await StoreAsync(data, trace.Length, messageId, cancellationToken).ConfigureAwait(false);
        if (outcome == StoreOutcome.TooLarge)
        {
            _services.Logger.MessageTooLarge(_id, messageId, _limits.MaxMessageSize);
        }

        if (IsLmtp)
        {
            await AnswerEachRecipientAsync(transaction, outcome, content, receivedAt, messageId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await AnswerTransactionAsync(transaction, outcome, content, receivedAt, messageId, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// Streams the message into the blob store and reads DATA to its end whatever the store did. Network
    /// failures end the session (nothing is acknowledged, the sender retries); store failures are
    /// outcomes the sender is told about.
    /// </summary>
    private async Task<(StoreOutcome Outcome, BlobRef? Content)> StoreAsync(SmtpDataStream data, int traceLength, string messageId, CancellationToken cancellationToken)
    {
        StoreOutcome outcome;
        BlobRef? content = null;
        try
        {
            content = await _services.Blobs.PutAsync(data, _limits.MaxMessageSize + traceLength, cancellationToken).ConfigureAwait(false);
            if (data.IsComplete)
            {
                outcome = StoreOutcome.Stored;
            }
            else
            {
                // A store that stops reading early must not get a truncated message acknowledged.
                _services.Logger.StoreReadShort(_id, messageId);
                outcome = StoreOutcome.Failed;
            }
        }
        catch (Exception) when (data.Failure is { } failure)
        {
            throw failure;
        }
        catch (BlobTooLargeException)
        {
            outcome = StoreOutcome.TooLarge;
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new SessionEndException(SessionEndReason.Aborted, e);
        }
#pragma warning disable CA1031 // Whatever the store throws, the sender gets 451 and retries.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _services.Logger.StoreFailed(_id, messageId, e);
            outcome = StoreOutcome.Failed;
        }

        if (!data.IsComplete)
        {
            await data.DrainAsync().ConfigureAwait(false);
        }

        return (outcome, content);
    }

    private async Task AnswerTransactionAsync(SmtpTransaction transaction, StoreOutcome outcome, BlobRef? content, DateTimeOffset receivedAt, string messageId, CancellationToken cancellationToken)
    {
        if (outcome == StoreOutcome.TooLarge)
        {
            await ReplyAsync("552 5.3.4 Message size exceeds fixed maximum message size", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (outcome == StoreOutcome.Failed || content is null)
        {
            await ReplyAsync("451 4.3.0 Temporary failure storing the message; try again later", cancellationToken).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<StoredItem> items;
        try
        {
            items = await _services.Delivery.DeliverInboundAsync(content, ReversePath(transaction), transaction.DistinctUsers(), receivedAt, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new SessionEndException(SessionEndReason.Aborted, e);
        }
#pragma warning disable CA1031 // Whatever the store throws, the sender gets 451 and retries; mailboxes already written get the message twice, none loses it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _services.Logger.DeliveryFailed(_id, messageId, e);
            await ReplyAsync("451 4.3.0 Temporary failure delivering the message; try again later", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (items.Count == 0)
        {
            await ReplyAsync("550 5.1.1 No recipient mailbox exists any more", cancellationToken).ConfigureAwait(false);
            return;
        }

        _services.Logger.MessageAccepted(_id, messageId, content.Length, items.Count, transaction.Sender.Address);
        await ReplyAsync($"250 2.0.0 Message accepted as {messageId}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>RFC 2033 §4.2: after DATA, one reply per accepted recipient, in RCPT order.</summary>
    private async Task AnswerEachRecipientAsync(SmtpTransaction transaction, StoreOutcome outcome, BlobRef? content, DateTimeOffset receivedAt, string messageId, CancellationToken cancellationToken)
    {
        var results = new Dictionary<long, RecipientOutcome>();
        if (outcome == StoreOutcome.Stored && content is not null)
        {
            foreach (long userId in transaction.DistinctUsers())
            {
                try
                {
                    IReadOnlyList<StoredItem> items = await _services.Delivery.DeliverInboundAsync(content, ReversePath(transaction), [userId], receivedAt, cancellationToken).ConfigureAwait(false);
                    results[userId] = items.Count > 0 ? RecipientOutcome.Delivered : RecipientOutcome.Gone;
                }
                catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
                {
                    throw new SessionEndException(SessionEndReason.Aborted, e);
                }
#pragma warning disable CA1031 // One mailbox failing does not fail the others; its recipient gets 451.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _services.Logger.DeliveryFailed(_id, messageId, e);
                    results[userId] = RecipientOutcome.Failed;
                }
            }

            int delivered = results.Values.Count(r => r == RecipientOutcome.Delivered);
            if (delivered > 0)
            {
                _services.Logger.MessageAccepted(_id, messageId, content.Length, delivered, transaction.Sender.Address);
            }
        }

        foreach (AcceptedRecipient recipient in transaction.Recipients)
        {
            string reply = outcome switch
            {
                StoreOutcome.TooLarge => $"552 5.3.4 <{recipient.Address}> Message size exceeds fixed maximum message size",
                StoreOutcome.Failed => $"451 4.3.0 <{recipient.Address}> Temporary failure storing the message; try again later",
                _ => results.GetValueOrDefault(recipient.UserId, RecipientOutcome.Failed) switch
                {
                    RecipientOutcome.Delivered => $"250 2.1.5 <{recipient.Address}> delivered as {messageId}",
                    RecipientOutcome.Gone => $"550 5.1.1 <{recipient.Address}> no such mailbox here",
                    _ => $"451 4.3.0 <{recipient.Address}> Temporary failure delivering the message; try again later",
                },
            };
            await ReplyAsync(reply, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The envelope sender as delivery observers take it: the bare address, empty for the null reverse-path.</summary>
    private static string ReversePath(SmtpTransaction transaction) => transaction.Sender.IsNull ? string.Empty : transaction.Sender.Address;

    private async ValueTask<bool> StartTlsAsync(string argument, CancellationToken cancellationToken)
    {
        if (_services.Certificate is not { } certificate)
        {
            return await RejectAsync("502 5.5.1 STARTTLS not available", cancellationToken).ConfigureAwait(false);
        }

        if (_connection.IsTls)
        {
            return await RejectAsync("503 5.5.1 TLS already active", cancellationToken).ConfigureAwait(false);
        }

        if (argument.Length > 0)
        {
            return await RejectAsync("501 5.5.4 STARTTLS takes no parameters", cancellationToken).ConfigureAwait(false);
        }

        if (_connection.HasBufferedInput)
        {
            // Plaintext sent behind STARTTLS would otherwise be taken as if sent inside TLS (CVE-2011-0411).
            _services.Logger.StartTlsPipelined(_id, _remote);
            await ReplyAsync("554 5.5.1 Commands pipelined after STARTTLS; closing connection", cancellationToken).ConfigureAwait(false);
            return false;
        }

        await ReplyAsync("220 2.0.0 Ready to start TLS", cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _connection.StartTlsAsync(certificate, IoTimer.Start(_limits.CommandTimeout)).ConfigureAwait(false);
            IoTimer.Stop();
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new SessionEndException(SessionEndReason.Aborted, e);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            _services.Logger.TlsFailed(_id, _remote, e);
            return false;
        }

        // RFC 3207 §4.2: forget everything learned before TLS; the client greets again.
        _state = SessionState.Connected;
        _heloName = null;
        _extended = false;
        _transaction = null;
        _services.Logger.TlsStarted(_id, _connection.TlsDescription);
        return true;
    }

    private async ValueTask<bool> ResetAsync(CancellationToken cancellationToken)
    {
        _transaction = null;
        _state = _heloName is null ? SessionState.Connected : SessionState.Greeted;
        await ReplyAsync("250 2.0.0 OK", cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async ValueTask<bool> OkAsync(string reply, CancellationToken cancellationToken)
    {
        await ReplyAsync(reply, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async ValueTask<bool> QuitAsync(CancellationToken cancellationToken)
    {
        await ReplyAsync($"221 2.0.0 {_serverName} closing connection", cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>Answers a command refused for syntax or sequence; the one that reaches the limit closes the session instead.</summary>
    private async ValueTask<bool> RejectAsync(string reply, CancellationToken cancellationToken)
    {
        _badCommands++;
        if (_badCommands >= _limits.MaxBadCommands)
        {
            _services.Logger.TooManyBadCommands(_id, _remote, _badCommands);
            await ReplyAsync($"421 4.7.0 {_serverName} Too many errors; closing connection", cancellationToken).ConfigureAwait(false);
            return false;
        }

        await ReplyAsync(reply, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async ValueTask ReplyAsync(string line, CancellationToken cancellationToken)
    {
        if (!_connection.TryAppendLine(line))
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            _connection.TryAppendLine(line);
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (!_connection.HasPendingOutput)
        {
            return;
        }

        try
        {
            await _connection.FlushAsync(IoTimer.Start(_limits.CommandTimeout)).ConfigureAwait(false);
            IoTimer.Stop();
        }
        catch (OperationCanceledException e)
        {
            throw new SessionEndException(cancellationToken.IsCancellationRequested ? SessionEndReason.Aborted : SessionEndReason.Timeout, e);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            throw new SessionEndException(SessionEndReason.ClientGone, e);
        }
    }

    /// <summary>Sends a last reply before closing, if the connection still takes it.</summary>
    private async Task TryFinalReplyAsync(string line, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(FinalReplyTimeout);
            if (!_connection.TryAppendLine(line))
            {
                await _connection.FlushAsync(timeout.Token).ConfigureAwait(false);
                _connection.TryAppendLine(line);
            }

            await _connection.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or NotSupportedException or InvalidOperationException)
        {
            // The client is gone or not reading; closing is all that is left.
        }
    }

    private readonly record struct CommandRead(SmtpCommand Command, bool LineTooLong = false, bool EndOfInput = false);
}
