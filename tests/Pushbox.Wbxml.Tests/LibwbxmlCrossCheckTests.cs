namespace Pushbox.Wbxml.Tests;

/// <summary>
/// The corpus (<c>Corpus/*.xml</c>: a request and a response of every EAS command, every code page,
/// opaque MIME, deep nesting) through both codecs: our encoder's bytes equal xml2wbxml's, our decoder
/// agrees with wbxml2xml, and decoding then encoding gives libwbxml's bytes back.
/// </summary>
public class LibwbxmlCrossCheckTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static TheoryData<string> CorpusDocuments() => Documents(CorpusDirectory);

    public static TheoryData<string> SpecOnlyDocuments() => Documents(Path.Combine(CorpusDirectory, "SpecOnly"));

    [Theory]
    [MemberData(nameof(CorpusDocuments))]
    public void Corpus_OurEncoding_EqualsLibwbxmlsBytes(string name)
    {
        string libwbxmlXml = File.ReadAllText(Path.Combine(CorpusDirectory, name));

        byte[] expected = LibwbxmlTools.Encode(libwbxmlXml);
        byte[] actual = WbxmlXml.FromXml(LibwbxmlSpellings.ToSpecNames(libwbxmlXml));

        Assert.Equal(Hex.Format(expected), Hex.Format(actual));
    }

    [Theory]
    [MemberData(nameof(CorpusDocuments))]
    public void Corpus_OurDecoding_AgreesWithLibwbxml(string name)
    {
        byte[] wbxml = LibwbxmlTools.Encode(File.ReadAllText(Path.Combine(CorpusDirectory, name)));

        string theirs = LibwbxmlSpellings.ToSpecNames(LibwbxmlTools.Decode(wbxml));
        string ours = WbxmlXml.ToXml(wbxml);

        Assert.Equal(XmlTree.Canonical(theirs), XmlTree.Canonical(ours));
    }

    [Theory]
    [MemberData(nameof(CorpusDocuments))]
    public void Corpus_DecodeThenEncode_ReproducesLibwbxmlsBytes(string name)
    {
        byte[] wbxml = LibwbxmlTools.Encode(File.ReadAllText(Path.Combine(CorpusDirectory, name)));

        Assert.Equal(Hex.Format(wbxml), Hex.Format(WbxmlXml.FromXml(WbxmlXml.ToXml(wbxml))));
        Assert.Equal(Hex.Format(wbxml), Hex.Format(WbxmlXml.FromXml(WbxmlXml.ToXml(wbxml, indent: false))));
    }

    /// <summary>Documents libwbxml cannot encode (page 25 Find, tags it lacks) round-trip through our codec alone.</summary>
    [Theory]
    [MemberData(nameof(SpecOnlyDocuments))]
    public void SpecOnly_EncodeDecodeEncode_IsStable(string name)
    {
        string xml = File.ReadAllText(Path.Combine(CorpusDirectory, "SpecOnly", name));

        byte[] wbxml = WbxmlXml.FromXml(xml);
        string decoded = WbxmlXml.ToXml(wbxml);

        Assert.Equal(XmlTree.Canonical(xml), XmlTree.Canonical(decoded));
        Assert.Equal(Hex.Format(wbxml), Hex.Format(WbxmlXml.FromXml(decoded)));
    }

    [Fact]
    public void Corpus_CoversEveryCodePage()
    {
        var pages = new HashSet<int>();
        foreach (string path in Directory.EnumerateFiles(CorpusDirectory, "*.xml", SearchOption.AllDirectories))
        {
            var reader = new WbxmlReader(WbxmlXml.FromXml(LibwbxmlSpellings.ToSpecNames(File.ReadAllText(path))));
            while (reader.Read())
            {
                pages.Add(EasCodePages.PageOf(reader.Tag));
            }
        }

        Assert.Equal(Enumerable.Range(0, EasCodePages.PageCount), pages.Order());
    }

    private static TheoryData<string> Documents(string directory)
    {
        var names = new TheoryData<string>();
        foreach (string path in Directory.EnumerateFiles(directory, "*.xml").Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileName(path));
        }

        return names;
    }
}
