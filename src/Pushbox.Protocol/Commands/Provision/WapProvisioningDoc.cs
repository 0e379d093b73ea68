using System.Globalization;
using System.Text;

namespace Pushbox.Protocol.Commands.Provision;

/// <summary>
/// Renders the <c>wap-provisioningdoc</c> that protocol 2.5 carries as the string value of Data
/// (PolicyType MS-WAP-Provisioning-XML, MS-ASPROV 2.2.2.24.2). 2.5 knows only the password and wipe
/// settings: a SecurityPolicy characteristic (parm 4131: 0 when a password is required, 1 when not;
/// parm 4133, written as 0) and, when a password is required, Registry characteristics for the inactivity
/// lock (AEFrequencyType/AEFrequencyValue in minutes), the wipe threshold (DeviceWipeThreshold, with
/// CodewordFrequency), the minimum length and the complexity (0 alphanumeric, 2 any).
/// </summary>
public static class WapProvisioningDoc
{
    private const string AuthenticationEventKey = @"HKLM\Comm\Security\Policy\LASSD\AE\{50C13377-C66D-400C-889E-C316FC4AB374}";
    private const string LassdKey = @"HKLM\Comm\Security\Policy\LASSD";
    private const string PasswordKey = @"HKLM\Comm\Security\Policy\LASSD\LAP\lap_pw";

    /// <summary>The XML text of the document (no declaration, no indentation), for the Data element.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value of <paramref name="doc"/> is out of range.</exception>
    public static string Render(EasProvisionDoc doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        doc.Validate();
        var xml = new StringBuilder("<wap-provisioningdoc>");
        xml.Append("<characteristic type=\"SecurityPolicy\">");
        Parm(xml, "4131", doc.DevicePasswordEnabled ? 0 : 1);
        Parm(xml, "4133", 0);
        xml.Append("</characteristic>");
        if (doc.DevicePasswordEnabled)
        {
            xml.Append("<characteristic type=\"Registry\">");
            Open(xml, AuthenticationEventKey);
            if (doc.MaxInactivityTimeDeviceLock is long seconds)
            {
                // Windows Mobile counts whole minutes; a lock sooner than asked would be the safe side.
                Parm(xml, "AEFrequencyType", 1);
                Parm(xml, "AEFrequencyValue", Math.Max(1, seconds / 60));
            }
            else
            {
                Parm(xml, "AEFrequencyType", 0);
            }

            xml.Append("</characteristic>");
            if (doc.MaxDevicePasswordFailedAttempts is int attempts)
            {
                Open(xml, LassdKey);
                Parm(xml, "DeviceWipeThreshold", attempts);
                xml.Append("</characteristic>");
                Open(xml, LassdKey);
                Parm(xml, "CodewordFrequency", attempts / 2);
                xml.Append("</characteristic>");
            }

            Open(xml, PasswordKey);
            Parm(xml, "MinimumPasswordLength", doc.MinDevicePasswordLength ?? 1);
            xml.Append("</characteristic>");
            Open(xml, PasswordKey);
            Parm(xml, "PasswordComplexity", doc.AlphanumericDevicePasswordRequired ? 0 : 2);
            xml.Append("</characteristic>");
            xml.Append("</characteristic>");
        }

        return xml.Append("</wap-provisioningdoc>").ToString();
    }

    private static void Open(StringBuilder xml, string type) => xml.Append("<characteristic type=\"").Append(type).Append("\">");

    private static void Parm(StringBuilder xml, string name, long value) =>
        xml.Append("<parm name=\"").Append(name).Append("\" value=\"").Append(value.ToString(CultureInfo.InvariantCulture)).Append("\"/>");
}
