namespace Pushbox.Protocol.Commands.Find;

/// <summary>Find statuses (MS-ASCMD 2.2.3.177.2), of the Find element and of the Response element.</summary>
public enum FindStatus
{
    /// <summary>1: success.</summary>
    Success = 1,

    /// <summary>2: one or more of the search parameters were invalid (MS-ASCMD_R72172511).</summary>
    InvalidRequest = 2,

    /// <summary>3 (Find): the folder hierarchy is out of date: FolderSync, then Find again (R72172514).</summary>
    FolderSyncRequired = 3,

    /// <summary>4 (Response): the first request of a search must ask for a range starting at 0 (R72172517).</summary>
    StartWithRangeZero = 4,
}
