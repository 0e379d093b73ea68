namespace Pushbox.Protocol.Commands.ComposeMail;

/// <summary>
/// The statuses of SendMail, SmartReply and SmartForward (MS-ASCMD 2.2.3.177.14 and .16): the common status
/// codes of MS-ASCMD 2.2.2 these commands answer with. A successful request has no status at all (an empty
/// response). Before 14.0 the HTTP status of <see cref="ComposeMailStatusCodes.HttpStatusFor"/> replaces them.
/// </summary>
public enum ComposeMailStatus
{
    /// <summary>101: the body is not what the version expects (e.g. WBXML where 12.x sends MIME, MS-ASCMD_R4813).</summary>
    InvalidContent = 101,

    /// <summary>103: the XML does not follow the protocol (a required element missing).</summary>
    InvalidXml = 103,

    /// <summary>104: InstanceId is not a date-time (MS-ASCMD_R541, R578).</summary>
    InvalidDateTime = 104,

    /// <summary>105: the parameters do not go together (e.g. a Source with neither ItemId nor LongId).</summary>
    InvalidCombinationOfIds = 105,

    /// <summary>106: an ID could not be parsed (not a Pushbox ServerId or CollectionId).</summary>
    InvalidIds = 106,

    /// <summary>107: the MIME could not be parsed.</summary>
    InvalidMime = 107,

    /// <summary>110: an unexpected server error; the device should not retry.</summary>
    ServerError = 110,

    /// <summary>111: a transient server error (the store is unavailable); the device should retry later.</summary>
    ServerErrorRetryLater = 111,

    /// <summary>113: the mailbox is full.</summary>
    MailboxQuotaExceeded = 113,

    /// <summary>115: the message is larger than the server lets one message be.</summary>
    SendQuotaExceeded = 115,

    /// <summary>116: a recipient is not an email address.</summary>
    MessageRecipientUnresolved = 116,

    /// <summary>117: the original may not be replied to or forwarded (not an email).</summary>
    MessageReplyNotAllowed = 117,

    /// <summary>118: this ClientId was sent already; nothing was sent again.</summary>
    MessagePreviouslySent = 118,

    /// <summary>119: the message has no recipient.</summary>
    MessageHasNoRecipient = 119,

    /// <summary>120: the message could not be submitted, e.g. its From is not the user's address or one of its aliases.</summary>
    MailSubmissionFailed = 120,

    /// <summary>121: the reply or forward could not be built from the original.</summary>
    MessageReplyFailed = 121,

    /// <summary>150: the original (ItemId, LongId or InstanceId) does not exist.</summary>
    ItemNotFound = 150,

    /// <summary>166: AccountId names no account of this user.</summary>
    InvalidAccountId = 166,
}
