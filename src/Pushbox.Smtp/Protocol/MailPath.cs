namespace Pushbox.Smtp.Protocol;

/// <summary>
/// A reverse- or forward-path without its angle brackets and source route. <see cref="IsNull"/> is the
/// null reverse-path <c>&lt;&gt;</c> of bounces; <see cref="HasNonAscii"/> means it needs SMTPUTF8.
/// </summary>
internal readonly record struct MailPath(string Address, bool IsNull, bool HasNonAscii);
