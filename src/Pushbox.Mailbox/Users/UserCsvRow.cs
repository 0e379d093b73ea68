namespace Pushbox.Mailbox.Users;

/// <summary>One line of a user import file: its line number, the fields, or why it cannot be used.</summary>
public sealed record UserCsvRow(int Line, string Address, string Password, string DisplayName, string? Error);
