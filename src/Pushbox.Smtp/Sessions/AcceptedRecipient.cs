namespace Pushbox.Smtp.Sessions;

/// <summary>A recipient RCPT accepted: the address as the client wrote it and the mailbox it resolved to.</summary>
internal readonly record struct AcceptedRecipient(string Address, long UserId);
