using System.Xml.Linq;
using Pushbox.Testing.Eas;
using Pushbox.Wbxml;

namespace Pushbox.Http.Benchmarks;

/// <summary>
/// A device that has done FolderSync 0 and one FolderSync at its key, with its own client (one
/// keep-alive connection). <see cref="SyncAsync"/> repeats that second request and checks the answer
/// byte for byte: Status 1, the same key, no changes.
/// </summary>
internal sealed class PrimedDevice : IDisposable
{
    private readonly EasClient _client;
    private readonly EasRequest _request;
    private readonly byte[] _expected;

    private PrimedDevice(EasClient client, EasRequest request, byte[] expected)
    {
        _client = client;
        _request = request;
        _expected = expected;
    }

    /// <summary>Creates the device's client, primes it and takes the expected answer.</summary>
    /// <exception cref="EasClientException">The server did not answer as a FolderSync without changes.</exception>
    public static async Task<PrimedDevice> PrimeAsync(EasClientOptions options, CancellationToken cancellationToken)
    {
        var client = new EasClient(options);
        try
        {
            FolderSyncResult initial = await client.FolderSyncAsync("0", cancellationToken: cancellationToken);
            if (initial.Status != 1 || initial.SyncKey is null || initial.Count != 11)
            {
                throw new EasClientException("FolderSync 0 did not list the 11 standard folders", initial.Response);
            }

            XNamespace ns = EasNamespaces.FolderHierarchy;
            string xml = new XElement(ns + "FolderSync", new XElement(ns + "SyncKey", initial.SyncKey)).ToString(SaveOptions.DisableFormatting);
            var request = new EasRequest("FolderSync") { Wbxml = WbxmlXml.FromXml(xml) };
            FolderSyncResult again = FolderSyncResult.From(await client.SendAsync(request, cancellationToken));
            if (again.Status != 1 || again.SyncKey != initial.SyncKey || again.Count != 0)
            {
                throw new EasClientException("FolderSync at the current key was not an answer without changes", again.Response);
            }

            options.DecodeResponses = false; // the measured loop compares bytes instead
            return new PrimedDevice(client, request, again.Response.Body);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>One FolderSync at the current key; true when the answer is exactly the expected one.</summary>
    public async Task<bool> SyncAsync(CancellationToken cancellationToken)
    {
        EasResponse response = await _client.SendAsync(_request, cancellationToken);
        return response.StatusCode == 200 && response.Body.AsSpan().SequenceEqual(_expected);
    }

    /// <summary>One authenticated OPTIONS; true when it answers 200 with the protocol versions.</summary>
    public async Task<bool> OptionsAsync(CancellationToken cancellationToken)
    {
        EasResponse response = await _client.OptionsAsync(cancellationToken);
        return response.StatusCode == 200 && response.Header("MS-ASProtocolVersions") is not null;
    }

    public void Dispose() => _client.Dispose();
}
