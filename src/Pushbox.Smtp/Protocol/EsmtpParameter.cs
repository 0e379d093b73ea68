namespace Pushbox.Smtp.Protocol;

/// <summary>One ESMTP parameter of MAIL or RCPT (RFC 5321 §4.1.2 esmtp-param); <see cref="Value"/> is null for a bare keyword.</summary>
internal readonly record struct EsmtpParameter(string Keyword, string? Value);
