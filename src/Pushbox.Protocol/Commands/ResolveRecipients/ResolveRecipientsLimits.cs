namespace Pushbox.Protocol.Commands.ResolveRecipients;

/// <summary>The bounds a ResolveRecipients request is read within (MS-ASCMD 2.2.3.185.2: at most 100 To).</summary>
public static class ResolveRecipientsLimits
{
    /// <summary>The most To elements.</summary>
    public const int MaxTo = 100;

    /// <summary>The longest To value, in characters (ResolveRecipientsResponse.xsd: 256).</summary>
    public const int MaxToLength = 256;

    /// <summary>The most ambiguous suggestions a client may ask for (MaxAmbiguousRecipients 0 to 9999).</summary>
    public const int MaxAmbiguousRecipients = 9999;

    /// <summary>The most certificates a client may ask for (MaxCertificates 0 to 9999).</summary>
    public const int MaxCertificates = 9999;
}
