using System.Diagnostics.CodeAnalysis;
using Pushbox.Mailbox.Users;

namespace Pushbox.Http.Security;

/// <summary>
/// Turns the user name a device signs in with into the address to look up in the directory. Devices
/// send one of three forms: the full address (<c>alice@example.com</c>), <c>DOMAIN\user</c> (Windows
/// style: the domain part is ignored, the user part is resolved as below), or the bare local part
/// (<c>alice</c>), completed with <see cref="DefaultDomain"/>.
/// </summary>
public sealed class UserNameResolver
{
    /// <summary>Creates a resolver.</summary>
    /// <param name="defaultDomain">The domain completing a bare user name (<c>example.com</c>); null or empty: bare names resolve to nothing.</param>
    /// <exception cref="ArgumentException"><paramref name="defaultDomain"/> is not a mail domain.</exception>
    public UserNameResolver(string? defaultDomain)
    {
        if (string.IsNullOrWhiteSpace(defaultDomain))
        {
            DefaultDomain = null;
        }
        else if (TryNormalizeDomain(defaultDomain, out string? domain))
        {
            DefaultDomain = domain;
        }
        else
        {
            throw new ArgumentException($"'{defaultDomain}' is not a mail domain (expected a name such as example.com).", nameof(defaultDomain));
        }
    }

    /// <summary>The domain completing bare user names, normalised (lower case, IDN as ASCII); null when none.</summary>
    public string? DefaultDomain { get; }

    /// <summary>
    /// The normalised address (<see cref="EmailAddress.Normalize"/>) that <paramref name="userName"/> stands for.
    /// </summary>
    /// <returns>False when the name is empty, is a bare name with no <see cref="DefaultDomain"/>, or does not make an address.</returns>
    public bool TryResolve(string? userName, [NotNullWhen(true)] out string? address)
    {
        address = null;
        if (userName is null)
        {
            return false;
        }

        string name = userName.Trim();
        int backslash = name.IndexOf('\\', StringComparison.Ordinal);
        if (backslash >= 0)
        {
            name = name[(backslash + 1)..].Trim();
        }

        if (name.Length == 0 || name.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        if (!name.Contains('@', StringComparison.Ordinal))
        {
            if (DefaultDomain is null)
            {
                return false;
            }

            name = name + "@" + DefaultDomain;
        }

        if (!EmailAddress.TryNormalize(name, out string normalized))
        {
            return false;
        }

        address = normalized;
        return true;
    }

    /// <summary>Whether <paramref name="domain"/> is a domain an address can end in; gives it normalised.</summary>
    internal static bool TryNormalizeDomain(string domain, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        string trimmed = domain.Trim().TrimStart('@');
        if (trimmed.Length == 0 || trimmed.Contains('@', StringComparison.Ordinal) || !EmailAddress.TryNormalize("postmaster@" + trimmed, out string address))
        {
            return false;
        }

        normalized = address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..];
        return true;
    }
}
