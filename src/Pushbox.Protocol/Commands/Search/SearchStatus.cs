namespace Pushbox.Protocol.Commands.Search;

/// <summary>Search statuses (MS-ASCMD 2.2.3.177.13), of the Search element and of the Store element.</summary>
public enum SearchStatus
{
    /// <summary>1: success.</summary>
    Success = 1,

    /// <summary>2 (Store): one or more search parameters were invalid.</summary>
    InvalidRequest = 2,

    /// <summary>3: an error occurred on the server; retry.</summary>
    ServerError = 3,

    /// <summary>4 (Store): a bad link was supplied (document library).</summary>
    BadLink = 4,

    /// <summary>5 (Store): access denied.</summary>
    AccessDenied = 5,

    /// <summary>6 (Store): not found.</summary>
    NotFound = 6,

    /// <summary>7 (Store): connection failed.</summary>
    ConnectionFailed = 7,

    /// <summary>8 (Store): the query was too complex.</summary>
    TooComplex = 8,

    /// <summary>10 (Store): the search timed out.</summary>
    TimedOut = 10,

    /// <summary>11 (Store): the folder hierarchy is out of date: FolderSync.</summary>
    FolderSyncRequired = 11,

    /// <summary>12 (Store): the range went past the end of the retrievable results.</summary>
    EndOfRetrievableRange = 12,

    /// <summary>13 (Store): access blocked.</summary>
    AccessBlocked = 13,

    /// <summary>14 (Store): credentials required.</summary>
    CredentialsRequired = 14,
}
