namespace Pushbox.Wbxml.Benchmarks;

/// <summary>The documents each benchmark runs over; one operation processes every document of the set once.</summary>
public enum DocumentSet
{
    /// <summary>Sync response: 100 emails with HTML bodies of 500 B to 8 KB, some with attachments.</summary>
    Sync,

    /// <summary>FolderSync response with 40 folders.</summary>
    FolderSync,

    /// <summary>Ping request watching four folders.</summary>
    PingRequest,

    /// <summary>Ping response reporting one changed folder.</summary>
    PingResponse,

    /// <summary>A phone's traffic: 1 Sync, 1 FolderSync and 5 Ping exchanges (5 requests, 5 responses).</summary>
    Mix,
}
