using System.Buffers;

namespace Pushbox.Wbxml.Benchmarks;

/// <summary>The benchmark documents, built once per process, and the document sets over them.</summary>
internal static class Corpus
{
    private static readonly Lazy<Dictionary<DocumentSet, Sample[]>> Sets = new(Build);

    /// <summary>The documents of <paramref name="set"/>, in the order one operation processes them.</summary>
    public static Sample[] Get(DocumentSet set) => Sets.Value[set];

    /// <summary>The WBXML bytes one operation over <paramref name="set"/> decodes or encodes.</summary>
    public static long WbxmlBytes(DocumentSet set) => Get(set).Sum(s => (long)s.Wbxml.Length);

    /// <summary>The distinct documents (the sets other than <see cref="DocumentSet.Mix"/>).</summary>
    public static IEnumerable<Sample> Distinct() =>
        Enum.GetValues<DocumentSet>().Where(s => s != DocumentSet.Mix).Select(s => Get(s)[0]);

    private static Dictionary<DocumentSet, Sample[]> Build()
    {
        Sample sync = Create("Sync", SampleDocuments.SyncResponse());
        Sample folderSync = Create("FolderSync", SampleDocuments.FolderSyncResponse());
        Sample pingRequest = Create("PingRequest", SampleDocuments.PingRequest());
        Sample pingResponse = Create("PingResponse", SampleDocuments.PingResponse());
        var mix = new List<Sample> { sync, folderSync };
        for (int i = 0; i < 5; i++)
        {
            mix.Add(pingRequest);
            mix.Add(pingResponse);
        }

        return new Dictionary<DocumentSet, Sample[]>
        {
            [DocumentSet.Sync] = [sync],
            [DocumentSet.FolderSync] = [folderSync],
            [DocumentSet.PingRequest] = [pingRequest],
            [DocumentSet.PingResponse] = [pingResponse],
            [DocumentSet.Mix] = [.. mix],
        };
    }

    private static Sample Create(string name, Element tree)
    {
        var output = new ArrayBufferWriter<byte>();
        tree.WriteTo(new WbxmlWriter(output));
        byte[] wbxml = output.WrittenSpan.ToArray();
        return new Sample(name, tree, wbxml, WbxmlXml.ToXml(wbxml, indent: false));
    }
}
