namespace Pushbox.Mailbox.Search;

/// <summary>The indexed fields of an email a word condition may be restricted to.</summary>
[Flags]
public enum SearchField
{
    /// <summary>The subject.</summary>
    Subject = 1,

    /// <summary>The sender (From).</summary>
    From = 2,

    /// <summary>The To recipients.</summary>
    To = 4,

    /// <summary>The Cc recipients.</summary>
    Cc = 8,

    /// <summary>The body text, with the names of the attachments.</summary>
    Body = 16,

    /// <summary>Sender and recipients (KQL participants).</summary>
    Participants = From | To | Cc,

    /// <summary>Every indexed field.</summary>
    All = Subject | From | To | Cc | Body,
}
