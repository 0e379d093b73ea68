using Pushbox.Protocol.Query;
using Pushbox.Wbxml;

namespace Pushbox.Http.ActiveSync;

/// <summary>Limits of the <c>/Microsoft-Server-ActiveSync</c> endpoint. Each limit validates itself; <see cref="Validate"/> checks them together.</summary>
public sealed class ActiveSyncOptions
{
    /// <summary>The <c>MS-Server-ActiveSync</c> header value: the Exchange server version Pushbox presents (Exchange 2016's), which some clients read.</summary>
    public const string ServerVersion = "15.1";

    /// <summary>The WBXML limits for request bodies; <see cref="WbxmlLimits.MaxDocumentSize"/> is also the request body limit.</summary>
    public WbxmlLimits Wbxml { get; set; } = new();

    /// <summary>The query limits.</summary>
    public EasQueryLimits Query { get; set; } = new();

    /// <summary>
    /// Requests served at once by this process (default 10,000); beyond it a request is answered at
    /// once with 503 and Retry-After (<see cref="OverloadedRetryAfterSeconds"/>) instead of queueing.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 10_000;

    /// <summary>Seconds an overloaded server tells a client to wait (default 30).</summary>
    public int OverloadedRetryAfterSeconds { get; set; } = 30;

    /// <summary>Seconds a client is told to wait (Retry-After) when the store is unavailable.</summary>
    public int StoreUnavailableRetryAfterSeconds { get; set; } = 30;

    /// <summary>What is wrong with the settings, one line each; empty when they are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Wbxml is null)
        {
            errors.Add("ActiveSync:Wbxml is required.");
        }

        if (Query is null)
        {
            errors.Add("ActiveSync:Query is required.");
        }

        if (MaxConcurrentRequests is < 1 or > 1_000_000)
        {
            errors.Add("ActiveSync:MaxConcurrentRequests must be between 1 and 1000000.");
        }

        if (OverloadedRetryAfterSeconds is < 1 or > 3600)
        {
            errors.Add("ActiveSync:OverloadedRetryAfterSeconds must be between 1 and 3600.");
        }

        if (StoreUnavailableRetryAfterSeconds is < 1 or > 3600)
        {
            errors.Add("ActiveSync:StoreUnavailableRetryAfterSeconds must be between 1 and 3600.");
        }

        return errors;
    }
}
