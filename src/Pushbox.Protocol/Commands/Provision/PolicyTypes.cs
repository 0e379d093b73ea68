namespace Pushbox.Protocol.Commands.Provision;

/// <summary>The values of PolicyType (MS-ASPROV 2.2.2.43), each tied to protocol versions.</summary>
public static class PolicyTypes
{
    /// <summary>The Data element is an <c>EASProvisionDoc</c> in WBXML; protocol 12.0 and later (MS-ASPROV_R971).</summary>
    public const string EasProvisioningWbxml = "MS-EAS-Provisioning-WBXML";

    /// <summary>The Data element is a <c>wap-provisioningdoc</c> XML string; protocol 2.5.</summary>
    public const string WapProvisioningXml = "MS-WAP-Provisioning-XML";

    /// <summary>The PolicyType the spec pairs with <paramref name="version"/>.</summary>
    public static string For(EasVersion version) => version < EasVersion.V120 ? WapProvisioningXml : EasProvisioningWbxml;

    /// <summary>Whether <paramref name="policyType"/> is one of the two the spec defines (ordinal, case-sensitive).</summary>
    public static bool IsKnown(string policyType) => policyType is EasProvisioningWbxml or WapProvisioningXml;
}
