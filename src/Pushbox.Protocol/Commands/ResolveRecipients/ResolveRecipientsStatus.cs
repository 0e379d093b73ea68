namespace Pushbox.Protocol.Commands.ResolveRecipients;

/// <summary>The statuses of ResolveRecipients (MS-ASCMD 2.2.3.177.12) at every level, with their numbers.</summary>
public enum ResolveRecipientsStatus
{
    /// <summary>1: success (command, recipient resolved, free/busy or certificates returned).</summary>
    Success = 1,

    /// <summary>2 (Response): ambiguous; the recipients are suggestions.</summary>
    Ambiguous = 2,

    /// <summary>3 (Response): ambiguous; a partial list of suggestions, RecipientCount has the total.</summary>
    AmbiguousPartial = 3,

    /// <summary>4 (Response): no GAL entry matches.</summary>
    Unresolved = 4,

    /// <summary>5 (command): protocol error, an invalid parameter or a range past the limits.</summary>
    ProtocolError = 5,

    /// <summary>6 (command): server error; retry.</summary>
    ServerError = 6,

    /// <summary>7 (Certificates): the recipient has no valid S/MIME certificate.</summary>
    NoValidCertificate = 7,

    /// <summary>8 (Certificates): the global certificate limit was reached.</summary>
    CertificateLimitReached = 8,

    /// <summary>160 (Availability): the most recipients free/busy can be asked for was reached.</summary>
    AvailabilityRecipientLimit = 160,

    /// <summary>161 (Availability): a distribution group has more than 20 members.</summary>
    AvailabilityGroupTooLarge = 161,

    /// <summary>162 (Availability): free/busy failed for now; retry.</summary>
    AvailabilityTemporaryFailure = 162,

    /// <summary>163 (Availability): free/busy cannot be retrieved for this recipient; do not retry.</summary>
    AvailabilityNotRetrievable = 163,
}
