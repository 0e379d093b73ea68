using System.Security.Cryptography.X509Certificates;
using Pushbox.Commands.Certificates;

namespace Pushbox;

/// <summary>
/// Reads <c>ActiveSync:ValidateCert</c>: <c>TrustedRootsFile</c>, a PEM file of root certificates trusted besides the
/// system store (relative paths are in the data folder), and <c>RevocationTimeout</c> (seconds).
/// </summary>
internal static class ValidateCertConfiguration
{
    public static CertificateValidationOptions Load(IConfiguration configuration, string dataDirectory)
    {
        IConfigurationSection section = configuration.GetSection("ActiveSync:ValidateCert");
        var roots = new List<X509Certificate2>();
        if (section["TrustedRootsFile"] is { Length: > 0 } file)
        {
            string path = Path.Combine(dataDirectory, file);
            if (!File.Exists(path))
            {
                throw new ArgumentException($"ActiveSync:ValidateCert:TrustedRootsFile: {path} does not exist.");
            }

            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(path);
            roots.AddRange(collection);
        }

        var options = new CertificateValidationOptions { ExtraTrustedRoots = roots };
        if (section["RevocationTimeout"] is { Length: > 0 } seconds)
        {
            options.RevocationTimeout = TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
        }

        return options.Validate() is { Count: > 0 } errors ? throw new ArgumentException(string.Join(Environment.NewLine, errors)) : options;
    }
}
