using System.Globalization;
using System.Net;

namespace Pushbox.Http.Tls;

/// <summary>
/// The server certificate (configuration section <c>Tls</c>). Either <see cref="Certificate"/> names a
/// certificate file, or nothing is configured and Pushbox generates and keeps its own self-signed
/// certificate in <c>&lt;data&gt;/tls</c> (see <see cref="ServerCertificateProvider"/>).
/// <see cref="Validate"/> runs when the certificate is loaded, so a bad setting stops the process at start
/// with a message naming the setting.
/// </summary>
public sealed class TlsOptions
{
    /// <summary>The most <see cref="AdditionalNames"/> accepted.</summary>
    public const int MaxAdditionalNames = 32;

    /// <summary>The longest host name accepted in <see cref="AdditionalNames"/> (RFC 1035).</summary>
    public const int MaxHostNameLength = 253;

    /// <summary>
    /// The certificate file. A name ending in <c>.pfx</c> or <c>.p12</c> is read as PKCS#12 (with its key,
    /// opened with <see cref="Password"/>); any other as PEM, with its private key in <see cref="Key"/> or,
    /// when that is not set, in the same file. Further certificates in the file (a PEM "full chain" or the
    /// PKCS#12 bag) are served as the chain. Null: Pushbox manages a self-signed certificate itself.
    /// </summary>
    public string? Certificate { get; set; }

    /// <summary>The PEM private key file of a PEM <see cref="Certificate"/>; PKCS#8, PKCS#1 or SEC1, encrypted when <see cref="Password"/> is set.</summary>
    public string? Key { get; set; }

    /// <summary>The password of a PKCS#12 <see cref="Certificate"/>, or of an encrypted PEM <see cref="Key"/>. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Further host names or IP addresses put in a generated certificate besides the machine's host name,
    /// <c>localhost</c>, <c>127.0.0.1</c> and <c>::1</c> (for example the public name devices use).
    /// Only used when a certificate is generated: changing it does not regenerate an existing one (delete
    /// <c>&lt;data&gt;/tls</c> for that). Ignored with a configured <see cref="Certificate"/>.
    /// </summary>
    public IList<string> AdditionalNames { get; } = [];

    /// <summary>Whether <see cref="Certificate"/> is read as PKCS#12 (by its extension <c>.pfx</c> or <c>.p12</c>).</summary>
    internal bool IsPkcs12 =>
        Certificate is not null
        && (Certificate.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || Certificate.EndsWith(".p12", StringComparison.OrdinalIgnoreCase));

    /// <summary>The problems with these options, each naming the setting; empty when they are usable. Checks that the files exist.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Certificate))
        {
            if (!string.IsNullOrEmpty(Key))
            {
                errors.Add("Tls:Key is set but Tls:Certificate is not; set both (PEM), or neither to let Pushbox generate a self-signed certificate.");
            }

            if (!string.IsNullOrEmpty(Password))
            {
                errors.Add("Tls:Password is set but Tls:Certificate is not; it opens a PKCS#12 certificate or an encrypted PEM key.");
            }
        }
        else
        {
            CheckFile(errors, "Tls:Certificate", Certificate);
            if (IsPkcs12)
            {
                if (!string.IsNullOrEmpty(Key))
                {
                    errors.Add("Tls:Key is not used with a PKCS#12 (.pfx/.p12) Tls:Certificate, which holds its own key; remove it.");
                }
            }
            else if (!string.IsNullOrEmpty(Key))
            {
                CheckFile(errors, "Tls:Key", Key);
            }
        }

        if (AdditionalNames.Count > MaxAdditionalNames)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Tls:AdditionalNames has {AdditionalNames.Count} entries; at most {MaxAdditionalNames} are allowed."));
        }

        foreach (string name in AdditionalNames)
        {
            if (!IsHostNameOrAddress(name))
            {
                errors.Add($"Tls:AdditionalNames entry '{Printable(name)}' is neither a host name (such as mail.example.com) nor an IP address.");
            }
        }

        return errors;
    }

    /// <summary>Whether <paramref name="name"/> is an IP address literal or a DNS host name (letters, digits and hyphens in dot-separated labels, an optional leading <c>*.</c>).</summary>
    internal static bool IsHostNameOrAddress(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxHostNameLength)
        {
            return false;
        }

        if (IPAddress.TryParse(name, out _))
        {
            return true;
        }

        string host = name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name;
        string[] labels = host.Split('.');
        return labels.All(label =>
            label.Length is >= 1 and <= 63
            && label[0] != '-'
            && label[^1] != '-'
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
    }

    private static void CheckFile(List<string> errors, string setting, string path)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add($"{setting} contains a NUL character.");
        }
        else if (!File.Exists(path))
        {
            errors.Add($"{setting} file '{path}' does not exist (relative paths are taken from the working folder {Environment.CurrentDirectory}).");
        }
    }

    private static string Printable(string text) =>
        new(text.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
