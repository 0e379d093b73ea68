namespace Pushbox.Protocol.Commands.AirSyncBase;

/// <summary>The body types of MS-ASAIRS 2.2.2.22.1 (<c>airsyncbase:Type</c>) with their numbers.</summary>
public enum BodyType
{
    /// <summary>1: plain text.</summary>
    PlainText = 1,

    /// <summary>2: HTML.</summary>
    Html = 2,

    /// <summary>3: RTF (Pushbox never produces it; a client asking only for RTF gets plain text).</summary>
    Rtf = 3,

    /// <summary>4: the whole message as MIME.</summary>
    Mime = 4,
}
