namespace Pushbox.Protocol.Commands.Settings;

/// <summary>The OofState values (MS-ASCMD 2.2.3.124, MS-ASCMD_R3530).</summary>
public enum OofState
{
    /// <summary>0: Out of Office is off.</summary>
    Disabled = 0,

    /// <summary>1: Out of Office is on until turned off.</summary>
    Global = 1,

    /// <summary>2: Out of Office is on between StartTime and EndTime.</summary>
    TimeBased = 2,
}
