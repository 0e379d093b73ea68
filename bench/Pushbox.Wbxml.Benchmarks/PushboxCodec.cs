using System.Buffers;

namespace Pushbox.Wbxml.Benchmarks;

/// <summary>The Pushbox operations the benchmarks time, shared with the validation pass.</summary>
internal static class PushboxCodec
{
    /// <summary>
    /// Reads every node, touching each tag and each text or opaque value as a span: what a parser
    /// that compares tags and parses numbers in place costs. Returns a checksum so nothing is elided.
    /// </summary>
    public static long Read(byte[] wbxml)
    {
        var reader = new WbxmlReader(wbxml);
        long sum = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case WbxmlNodeType.StartElement:
                    sum += reader.Tag;
                    break;
                case WbxmlNodeType.Text or WbxmlNodeType.Opaque:
                    ReadOnlySpan<byte> value = reader.ValueSpan;
                    sum += value.Length + (value.IsEmpty ? 0 : value[0]);
                    break;
            }
        }

        return sum;
    }

    /// <summary>As <see cref="Read"/>, and a string for every text node: a parser that asks for all strings.</summary>
    public static long ReadStrings(byte[] wbxml)
    {
        var reader = new WbxmlReader(wbxml);
        long sum = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case WbxmlNodeType.StartElement:
                    sum += reader.Tag;
                    break;
                case WbxmlNodeType.Text:
                    sum += reader.GetString().Length;
                    break;
                case WbxmlNodeType.Opaque:
                    sum += reader.ValueSpan.Length;
                    break;
            }
        }

        return sum;
    }

    /// <summary>Writes <paramref name="tree"/> into <paramref name="output"/> after resetting it, as a response writer with a reused buffer does.</summary>
    public static int Write(Element tree, ArrayBufferWriter<byte> output)
    {
        output.ResetWrittenCount();
        tree.WriteTo(new WbxmlWriter(output));
        return output.WrittenCount;
    }
}
