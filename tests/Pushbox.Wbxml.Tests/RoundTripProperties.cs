using FsCheck;
using FsCheck.Xunit;

namespace Pushbox.Wbxml.Tests;

public class RoundTripProperties
{
    [Property(Arbitrary = [typeof(WbxmlTreeArbitrary)], MaxTest = 500)]
    public bool AnyTree_WrittenAndReadBack_IsTheSameTree(WbxmlTree tree)
    {
        WbxmlTree.Element root = tree as WbxmlTree.Element ?? throw new InvalidOperationException();
        return WbxmlTree.Read(root.ToWbxml()).Render() == root.Render();
    }

    [Property(Arbitrary = [typeof(WbxmlTreeArbitrary)], MaxTest = 500)]
    public bool EasTree_ThroughXmlAndBack_GivesTheSameBytes(WbxmlTree.Element tree)
    {
        byte[] wbxml = tree.ToWbxml();
        string xml = WbxmlXml.ToXml(wbxml);
        return WbxmlXml.FromXml(xml).AsSpan().SequenceEqual(wbxml)
            && WbxmlXml.FromXml(WbxmlXml.ToXml(wbxml, indent: false)).AsSpan().SequenceEqual(wbxml);
    }

    [Property(Arbitrary = [typeof(WbxmlTreeArbitrary)], MaxTest = 300)]
    public bool MutatedDocument_IsReadOrRefusedWithWbxmlException(WbxmlTree.Element tree, int seed)
    {
        byte[] document = tree.ToWbxml();
        var random = new Random(seed);
        for (int i = 0, n = random.Next(1, 4); i < n; i++)
        {
            int at = random.Next(document.Length);
            switch (random.Next(3))
            {
                case 0:
                    document[at] = (byte)random.Next(256);
                    break;
                case 1:
                    document = [.. document[..at], (byte)random.Next(256), .. document[at..]];
                    break;
                default:
                    document = [.. document[..at], .. document[(at + 1)..]];
                    break;
            }
        }

        try
        {
            HostileInputTests.ReadAll(document);
            _ = WbxmlXml.ToXml(document);
        }
        catch (WbxmlException)
        {
        }

        return true;
    }
}
