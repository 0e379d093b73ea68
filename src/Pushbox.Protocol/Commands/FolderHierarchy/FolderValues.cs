using System.Globalization;
using System.Text;

namespace Pushbox.Protocol.Commands.FolderHierarchy;

/// <summary>Checks that response types apply to the values they hold, so that no writer emits a value a client cannot store.</summary>
internal static class FolderValues
{
    /// <summary>Throws unless <paramref name="value"/> has 1 to <paramref name="maxLength"/> characters and no U+0000.</summary>
    public static string Require(string value, int maxLength, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        int length = 0;
        foreach (Rune rune in value.EnumerateRunes())
        {
            if (rune.Value == 0)
            {
                throw new ArgumentException("The value contains U+0000, which WBXML strings cannot carry.", paramName);
            }

            length++;
        }

        if (length == 0 || length > maxLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The value must have 1 to {maxLength} characters; it has {length}."),
                paramName);
        }

        return value;
    }

    /// <summary>
    /// Throws when <paramref name="status"/> is a common status code (MS-ASCMD 2.2.2, 101 and above) and
    /// <paramref name="version"/> is older than 14.0: those versions get an HTTP error instead (for 110,
    /// MS-ASCMD_R7550), which the caller must send rather than a body.
    /// </summary>
    public static void RequireStatusKnownTo(int status, EasVersion version, string paramName)
    {
        if (status <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, status, "A status is a positive number.");
        }

        if (status > 100 && version < EasVersion.V140)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                status,
                string.Create(CultureInfo.InvariantCulture, $"Common status {status} exists from protocol 14.0; version {version} expects an HTTP error instead."));
        }
    }
}
