using MimeKit;

namespace Pushbox.Mailbox.Users;

/// <summary>
/// Normalises the addresses Pushbox stores (user addresses and aliases): a bare addr-spec
/// <c>local@domain</c>, no display name or route, the domain in lower case (IDN as its ASCII form), the
/// local part kept as given (it is matched case-insensitively, as every mail system in use does).
/// </summary>
public static class EmailAddress
{
    /// <summary>RFC 5321's limit on a path, which bounds an address.</summary>
    public const int MaxLength = 254;

    /// <summary>Parses and normalises <paramref name="text"/>; throws <see cref="MailboxException"/> (<see cref="MailboxErrorReason.InvalidAddress"/>) when it is not one plain address.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.Length is 0 or > MaxLength
            || trimmed.Contains('<', StringComparison.Ordinal)
            || !MailboxAddress.TryParse(ParserOptions.Default, trimmed, out MailboxAddress? address)
            || address.Route.Count > 0
            || !string.IsNullOrEmpty(address.Name))
        {
            throw Invalid(text);
        }

        string addrSpec = address.Address;
        int at = addrSpec.LastIndexOf('@');
        if (at <= 0 || at == addrSpec.Length - 1 || addrSpec.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw Invalid(text);
        }

        string domain = addrSpec[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) && !domain.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(text);
        }

        try
        {
            domain = new System.Globalization.IdnMapping().GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            throw Invalid(text);
        }

        return addrSpec[..at] + "@" + domain;
    }

    /// <summary>Like <see cref="Normalize"/>, returning false instead of throwing.</summary>
    public static bool TryNormalize(string text, out string normalized)
    {
        try
        {
            normalized = Normalize(text);
            return true;
        }
        catch (MailboxException)
        {
            normalized = string.Empty;
            return false;
        }
    }

    private static MailboxException Invalid(string text) =>
        new(MailboxErrorReason.InvalidAddress, $"'{Printable(text)}' is not an email address (expected name@example.com).");

    private static string Printable(string text) =>
        new(text.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
