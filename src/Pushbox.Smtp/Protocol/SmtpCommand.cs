namespace Pushbox.Smtp.Protocol;

/// <summary>
/// One command line as parsed: the verb, and the rest of the line with surrounding blanks removed.
/// <see cref="Malformed"/> means the argument held control characters or invalid UTF-8 (its text is then empty).
/// </summary>
internal readonly record struct SmtpCommand(SmtpVerb Verb, string Argument, bool Malformed);
