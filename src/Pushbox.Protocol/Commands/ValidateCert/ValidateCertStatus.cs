namespace Pushbox.Protocol.Commands.ValidateCert;

/// <summary>ValidateCert statuses (MS-ASCMD 2.2.3.177.18).</summary>
public enum ValidateCertStatus
{
    /// <summary>1: success.</summary>
    Success = 1,

    /// <summary>2: protocol error, parameters out of range or invalid.</summary>
    ProtocolError = 2,

    /// <summary>3: the signature cannot be validated.</summary>
    SignatureInvalid = 3,

    /// <summary>4: issued by an untrusted source.</summary>
    UntrustedSource = 4,

    /// <summary>5: the chain was not created correctly.</summary>
    ChainInvalid = 5,

    /// <summary>6: not valid for signing email.</summary>
    NotForEmail = 6,

    /// <summary>7: expired or not yet valid.</summary>
    Expired = 7,

    /// <summary>8: the validity periods of the chain are not consistent.</summary>
    TimeNestingInvalid = 8,

    /// <summary>9: a certificate in the chain is used incorrectly.</summary>
    UsedIncorrectly = 9,

    /// <summary>10: information is missing or incorrect (format).</summary>
    InfoMissing = 10,

    /// <summary>11: an end-entity used as a CA or the other way round.</summary>
    BasicConstraints = 11,

    /// <summary>12: the certificate does not match the recipient.</summary>
    AddressMismatch = 12,

    /// <summary>13: the certificate was revoked.</summary>
    Revoked = 13,

    /// <summary>14: the revocation server cannot be contacted.</summary>
    RevocationOffline = 14,

    /// <summary>15: a certificate in the chain was revoked.</summary>
    ChainRevoked = 15,

    /// <summary>16: the revocation status cannot be determined.</summary>
    RevocationUnknown = 16,

    /// <summary>17: an unknown server error.</summary>
    ServerError = 17,
}
