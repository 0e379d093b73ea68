using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Pushbox.Wbxml.Tests;

/// <summary>A WBXML document as a tree, for property tests: elements with children, text or opaque leaves.</summary>
public abstract record WbxmlTree
{
    public sealed record Element(ushort Tag, WbxmlTree[] Children) : WbxmlTree;

    public sealed record Text(string Value) : WbxmlTree;

    public sealed record Opaque(byte[] Value) : WbxmlTree;

    public byte[] ToWbxml()
    {
        var output = new ArrayBufferWriter<byte>();
        Write(new WbxmlWriter(output), this);
        return output.WrittenSpan.ToArray();
    }

    public static WbxmlTree Read(ReadOnlyMemory<byte> document)
    {
        var reader = new WbxmlReader(document);
        reader.Read();
        return ReadElement(reader);
    }

    public sealed override string ToString() => Render();

    /// <summary>A rendering that equals for equal trees (records compare arrays by reference).</summary>
    public string Render()
    {
        var text = new StringBuilder();
        Render(this, text);
        return text.ToString();
    }

    private static void Write(WbxmlWriter writer, WbxmlTree node)
    {
        switch (node)
        {
            case Element element:
                writer.WriteStartElement(element.Tag);
                foreach (WbxmlTree child in element.Children)
                {
                    Write(writer, child);
                }

                writer.WriteEndElement();
                break;
            case Text text:
                writer.WriteString(text.Value);
                break;
            case Opaque opaque:
                writer.WriteOpaque(opaque.Value);
                break;
        }
    }

    private static Element ReadElement(WbxmlReader reader)
    {
        ushort tag = reader.Tag;
        var children = new List<WbxmlTree>();
        while (reader.Read() && reader.NodeType != WbxmlNodeType.EndElement)
        {
            children.Add(reader.NodeType switch
            {
                WbxmlNodeType.StartElement => ReadElement(reader),
                WbxmlNodeType.Text => new Text(reader.GetString()),
                _ => new Opaque(reader.ValueSpan.ToArray()),
            });
        }

        return new Element(tag, [.. children]);
    }

    private static void Render(WbxmlTree node, StringBuilder text)
    {
        switch (node)
        {
            case Element element:
                text.Append('<').Append(EasCodePages.Describe(element.Tag)).Append('>');
                foreach (WbxmlTree child in element.Children)
                {
                    Render(child, text);
                }

                text.Append("</>");
                break;
            case Text t:
                text.Append("T(").Append(t.Value).Append(')');
                break;
            case Opaque o:
                text.Append("O(").Append(Convert.ToHexString(o.Value)).Append(')');
                break;
        }
    }
}

/// <summary>FsCheck generators of <see cref="WbxmlTree"/>.</summary>
public static class WbxmlTreeArbitrary
{
    private static readonly ushort[] Tags = [.. EasCodePages.AllTags()];

    private static readonly ushort[] OpaqueTags = [.. Tags.Where(EasCodePages.HasOpaqueContent)];

    private static readonly string[] Pieces =
    [
        "a", "Z", "0", "42", " ", "  ", "&", "<", ">", "\"", "'", "é", "ß", "中文", "😀", "\n", "\t", "\r\n", "]]>",
        "\u0001", "\u001F", "\uFFFD", "Inbox", "5:12", "2026-11-30T10:00:00.000Z", "=?utf-8?q?x?=",
    ];

    /// <summary>Any tree: elements may mix several text and opaque nodes and children (WBXML allows it).</summary>
    public static Arbitrary<WbxmlTree> AnyTree() => Arb.From(Gen.Sized(size => Node(Math.Min(size, 30), mixed: true)));

    /// <summary>EAS-shaped trees: an element holds children, or one text or opaque value, or nothing.</summary>
    public static Arbitrary<WbxmlTree.Element> EasTree() =>
        Arb.From(Gen.Sized(size => Node(Math.Min(size, 30), mixed: false)).Select(n => (WbxmlTree.Element)n));

    private static Gen<WbxmlTree> Node(int size, bool mixed)
    {
        Gen<ushort> tag = Gen.Frequency((4, Gen.Elements(Tags)), (1, Gen.Elements(OpaqueTags)));
        Gen<WbxmlTree> leafContent = Gen.OneOf(
            Text().Select(t => (WbxmlTree)new WbxmlTree.Text(t)),
            Bytes().Select(b => (WbxmlTree)new WbxmlTree.Opaque(b)));
        if (size <= 1)
        {
            return from t in tag
                   from content in Gen.ArrayOf(leafContent, 1).Or(Gen.Constant(Array.Empty<WbxmlTree>()))
                   select (WbxmlTree)new WbxmlTree.Element(t, content);
        }

        Gen<WbxmlTree> child = Gen.Sized(s => Node(size / 3, mixed));
        Gen<WbxmlTree[]> children = mixed
            ? Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Frequency((2, child), (1, leafContent)), n))
            : Gen.Frequency(
                (3, Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(child, n))),
                (2, Gen.ArrayOf(leafContent, 1)),
                (1, Gen.Constant(Array.Empty<WbxmlTree>())));
        return from t in tag
               from c in children
               select (WbxmlTree)new WbxmlTree.Element(t, c);
    }

    private static Gen<string> Text() =>
        Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(Gen.Elements(Pieces), n)).Select(string.Concat);

    private static Gen<byte[]> Bytes() =>
        Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));
}
