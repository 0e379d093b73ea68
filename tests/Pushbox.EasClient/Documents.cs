using System.Globalization;
using System.Xml.Linq;

namespace Pushbox.Testing.Eas;

/// <summary>Shared checks of the helpers' response readers.</summary>
internal static class Documents
{
    public static XElement Root(EasResponse response, XName expected)
    {
        if (response.StatusCode != 200)
        {
            throw new EasClientException($"Expected HTTP 200 with {expected.LocalName}", response);
        }

        XElement? root = response.Xml?.Root;
        return root is not null && root.Name == expected
            ? root
            : throw new EasClientException($"Expected a {expected.LocalName} document{(response.DecodeError is null ? string.Empty : " (" + response.DecodeError + ")")}", response);
    }

    public static int Status(EasResponse response, XElement root, XNamespace ns) =>
        root.Element(ns + "Status") is { } status && int.TryParse(status.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new EasClientException($"{root.Name.LocalName} has no numeric Status", response);
}
