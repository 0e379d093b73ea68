namespace Pushbox.Mailbox.Items;

/// <summary>The last reply or forward of an email (MS-ASEMAIL 2.2.2.45, email2:LastVerbExecuted); the numbers are the spec's.</summary>
public enum EmailLastVerb
{
    /// <summary>Replied to the sender only.</summary>
    ReplyToSender = 1,

    /// <summary>Replied to all.</summary>
    ReplyToAll = 2,

    /// <summary>Forwarded.</summary>
    Forward = 3,
}
