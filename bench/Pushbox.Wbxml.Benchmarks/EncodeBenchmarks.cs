using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace Pushbox.Wbxml.Benchmarks;

/// <summary>
/// Something → WBXML, per document set. Category Encode writes from an in-memory tree (Pushbox:
/// our element tree through WbxmlWriter into a reused buffer; libwbxml: its own WBXMLTree through
/// wbxml_tree_to_wbxml); EncodeFromXml converts the same XML text with both.
/// </summary>
[MemoryDiagnoser]
public class EncodeBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private Sample[] _samples = [];
    private nint[] _trees = [];

    [ParamsAllValues]
    public DocumentSet Document { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _samples = Corpus.Get(Document);
        _trees = [.. _samples.Select(s => LibWbxmlCodec.Tree(s.Wbxml))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (nint tree in _trees)
        {
            LibWbxml.TreeDestroy(tree);
        }

        _trees = [];
    }

    /// <summary>libwbxml: wbxml_tree_to_wbxml from a tree decoded in setup, output freed.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Encode")]
    public int Libwbxml_TreeToWbxml()
    {
        int length = 0;
        foreach (nint tree in _trees)
        {
            length += LibWbxmlCodec.TreeToWbxml(tree, copy: false, out _);
        }

        return length;
    }

    /// <summary>Pushbox: WbxmlWriter from the element tree into a reused ArrayBufferWriter.</summary>
    [Benchmark]
    [BenchmarkCategory("Encode")]
    public int Pushbox_Write()
    {
        int length = 0;
        foreach (Sample sample in _samples)
        {
            length += PushboxCodec.Write(sample.Tree, _output);
        }

        return length;
    }

    /// <summary>Pushbox: as <see cref="Pushbox_Write"/>, the text held as UTF-8 bytes (WriteUtf8String): the writer without transcoding, as libwbxml's tree holds UTF-8.</summary>
    [Benchmark]
    [BenchmarkCategory("Encode")]
    public int Pushbox_WriteUtf8()
    {
        int length = 0;
        foreach (Sample sample in _samples)
        {
            length += PushboxCodec.Write(sample.Utf8Tree, _output);
        }

        return length;
    }

    /// <summary>libwbxml: wbxml_conv_xml2wbxml from UTF-8 XML, output freed.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("EncodeFromXml")]
    public int Libwbxml_FromXml()
    {
        int length = 0;
        foreach (Sample sample in _samples)
        {
            length += LibWbxmlCodec.FromXml(sample.LibwbxmlXmlUtf8, copy: false, out _);
        }

        return length;
    }

    /// <summary>Pushbox: WbxmlXml.FromXml from the XML string to a new byte array.</summary>
    [Benchmark]
    [BenchmarkCategory("EncodeFromXml")]
    public int Pushbox_FromXml()
    {
        int length = 0;
        foreach (Sample sample in _samples)
        {
            length += WbxmlXml.FromXml(sample.Xml).Length;
        }

        return length;
    }
}
