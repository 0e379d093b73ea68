using BenchmarkDotNet.Attributes;

namespace Pushbox.Wbxml.Benchmarks;

/// <summary>
/// WBXML → something, per document set. Category Decode compares the pull reader with libwbxml's
/// decoders (baseline: the tree, as libwbxml's converters use it); DecodeToXml compares the two
/// WBXML → XML text conversions.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private Sample[] _samples = [];

    [ParamsAllValues]
    public DocumentSet Document { get; set; }

    [GlobalSetup]
    public void Setup() => _samples = Corpus.Get(Document);

    /// <summary>libwbxml: wbxml_tree_from_wbxml then wbxml_tree_destroy.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Decode")]
    public void Libwbxml_Tree()
    {
        foreach (Sample sample in _samples)
        {
            LibWbxmlCodec.TreeAndDestroy(sample.Wbxml);
        }
    }

    /// <summary>libwbxml: wbxml_parser_parse with no content handler, its cheapest full decode.</summary>
    [Benchmark]
    [BenchmarkCategory("Decode")]
    public int Libwbxml_Parse()
    {
        int errors = 0;
        foreach (Sample sample in _samples)
        {
            errors += LibWbxmlCodec.Parse(sample.Wbxml);
        }

        return errors;
    }

    /// <summary>Pushbox: WbxmlReader over every node, values as spans, no strings.</summary>
    [Benchmark]
    [BenchmarkCategory("Decode")]
    public long Pushbox_Read()
    {
        long sum = 0;
        foreach (Sample sample in _samples)
        {
            sum += PushboxCodec.Read(sample.Wbxml);
        }

        return sum;
    }

    /// <summary>Pushbox: WbxmlReader over every node and GetString() on every text node.</summary>
    [Benchmark]
    [BenchmarkCategory("Decode")]
    public long Pushbox_ReadStrings()
    {
        long sum = 0;
        foreach (Sample sample in _samples)
        {
            sum += PushboxCodec.ReadStrings(sample.Wbxml);
        }

        return sum;
    }

    /// <summary>libwbxml: wbxml_conv_wbxml2xml (compact), output freed.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("DecodeToXml")]
    public int Libwbxml_ToXml()
    {
        int length = 0;
        foreach (Sample sample in _samples)
        {
            length += LibWbxmlCodec.ToXml(sample.Wbxml, copy: false, out _);
        }

        return length;
    }

    /// <summary>Pushbox: WbxmlXml.ToXml without indentation, to a string.</summary>
    [Benchmark]
    [BenchmarkCategory("DecodeToXml")]
    public int Pushbox_ToXml()
    {
        int length = 0;
        foreach (Sample sample in _samples)
        {
            length += WbxmlXml.ToXml(sample.Wbxml, indent: false).Length;
        }

        return length;
    }
}
