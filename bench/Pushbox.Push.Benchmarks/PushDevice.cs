using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using Pushbox.Testing.Eas;
using Pushbox.Wbxml;

namespace Pushbox.Push.Benchmarks;

/// <summary>
/// A device with its own client (one keep-alive connection) that has synchronised its folder hierarchy and its
/// Inbox to the end, so that the server holds its Ping until something new arrives.
/// </summary>
internal sealed class PushDevice : IDisposable
{
    public const int HeartbeatInterval = 900;
    private static readonly XNamespace PingNs = "Ping:";

    private readonly EasClient _client;
    private readonly EasRequest _ping;

    private PushDevice(EasClient client, int user, EasRequest ping)
    {
        _client = client;
        User = user;
        _ping = ping;
    }

    /// <summary>The index of the device's user.</summary>
    public int User { get; }

    /// <summary>FolderSync 0, Sync 0, then Syncs of the Inbox until the server has nothing more.</summary>
    /// <exception cref="EasClientException">The server did not answer as expected.</exception>
    public static async Task<PushDevice> PrimeAsync(EasClientOptions options, int user, CancellationToken cancellationToken)
    {
        var client = new EasClient(options);
        try
        {
            FolderSyncResult folders = await client.FolderSyncAsync("0", cancellationToken: cancellationToken);
            string inbox = folders.Status == 1 ? folders.Adds.Single(f => f.Type == 2).ServerId : throw new EasClientException("FolderSync 0 failed", folders.Response);
            SyncCollectionResult sync = (await client.SyncAsync(inbox, "0", cancellationToken: cancellationToken)).Collection;
            do
            {
                if (sync.Status != 1 || sync.SyncKey is null)
                {
                    throw new EasClientException(string.Create(CultureInfo.InvariantCulture, $"Sync of the Inbox answered Status {sync.Status}"));
                }

                sync = (await client.SyncAsync(inbox, sync.SyncKey, windowSize: 100, cancellationToken: cancellationToken)).Collection;
            }
            while (sync.MoreAvailable);

            string xml = new XElement(
                PingNs + "Ping",
                new XElement(PingNs + "HeartbeatInterval", HeartbeatInterval.ToString(CultureInfo.InvariantCulture)),
                new XElement(PingNs + "Folders", new XElement(PingNs + "Folder", new XElement(PingNs + "Id", inbox), new XElement(PingNs + "Class", "Email")))).ToString(SaveOptions.DisableFormatting);
            return new PushDevice(client, user, new EasRequest("Ping") { Wbxml = WbxmlXml.FromXml(xml) });
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An OPTIONS request on the device's connection, so that the connection is fresh when the Ping goes: Kestrel
    /// closes a keep-alive connection idle for 130 s, and priming thousands of devices takes longer than that.
    /// </summary>
    /// <exception cref="EasClientException">The server did not answer 200.</exception>
    public async Task TouchAsync(CancellationToken cancellationToken)
    {
        EasResponse response = await _client.OptionsAsync(cancellationToken);
        if (response.StatusCode != 200)
        {
            throw new EasClientException(string.Create(CultureInfo.InvariantCulture, $"OPTIONS answered HTTP {response.StatusCode}"), response);
        }
    }

    /// <summary>Sends the Ping and waits for its answer; the outcome carries the time the answer arrived.</summary>
    public async Task<PingOutcome> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            EasResponse response = await _client.SendAsync(_ping, cancellationToken);
            long answered = Stopwatch.GetTimestamp();
            string? status = response.StatusCode == 200 ? response.Xml?.Root?.Element(PingNs + "Status")?.Value : null;
            return new PingOutcome(answered, response.StatusCode, status is null ? null : int.Parse(status, CultureInfo.InvariantCulture), null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new PingOutcome(Stopwatch.GetTimestamp(), 0, null, e.GetBaseException().Message);
        }
    }

    public void Dispose() => _client.Dispose();
}
