namespace Pushbox.Mailbox.Items;

/// <summary>Email importance with the values of MS-ASEMAIL Importance.</summary>
public enum Importance
{
    /// <summary>Low.</summary>
    Low = 0,

    /// <summary>Normal, the default.</summary>
    Normal = 1,

    /// <summary>High.</summary>
    High = 2,
}
