namespace Pushbox.Protocol.Commands.ResolveRecipients;

/// <summary>Which certificates ResolveRecipients returns (MS-ASCMD 2.2.3.25).</summary>
public enum CertificateRetrieval
{
    /// <summary>1: none.</summary>
    None = 1,

    /// <summary>2: the full certificates.</summary>
    Full = 2,

    /// <summary>3: the mini certificates.</summary>
    Mini = 3,
}
