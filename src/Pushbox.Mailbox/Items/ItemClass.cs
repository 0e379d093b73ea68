namespace Pushbox.Mailbox.Items;

/// <summary>The kinds of item a mailbox holds; the EAS Class names are Email, Calendar, Contacts, Tasks, Notes.</summary>
public enum ItemClass
{
    /// <summary>An email, kept as its original MIME.</summary>
    Email = 1,

    /// <summary>A calendar item.</summary>
    Calendar = 2,

    /// <summary>A contact.</summary>
    Contact = 3,

    /// <summary>A task.</summary>
    Task = 4,

    /// <summary>A note.</summary>
    Note = 5,

    /// <summary>A journal entry (not synchronised by EAS; kept so imported journals are not lost).</summary>
    Journal = 6,
}
