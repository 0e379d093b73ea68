using System.Buffers;
using Pushbox.Wbxml;

namespace Pushbox.Protocol.Tests.Commands;

/// <summary>Small helpers for command tests: write a document, encode the XML form, compare bytes readably.</summary>
public static class WbxmlTestHelpers
{
    /// <summary>The bytes <paramref name="write"/> produces with a fresh <see cref="WbxmlWriter"/>.</summary>
    public static byte[] Write(Action<WbxmlWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new WbxmlWriter(output);
        write(writer);
        Assert.Equal(0, writer.Depth);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Encodes libwbxml's XML form; the namespace of the root gives its code page.</summary>
    public static byte[] Encode(string xml) => WbxmlXml.FromXml(xml);

    /// <summary>Asserts equal bytes, failing with both documents decoded, which reads better than two hex dumps.</summary>
    public static void AssertSameBytes(byte[] expected, byte[] actual)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            Assert.Fail($"WBXML differs.\nExpected:\n{WbxmlXml.ToXml(expected)}\n{Convert.ToHexString(expected)}\nActual:\n{WbxmlXml.ToXml(actual)}\n{Convert.ToHexString(actual)}");
        }
    }

    /// <summary>Every protocol version, for theories.</summary>
    public static TheoryData<string> AllVersions()
    {
        var data = new TheoryData<string>();
        foreach (EasVersion version in EasVersion.All)
        {
            data.Add(version.ToString());
        }

        return data;
    }

    /// <summary>The version a theory's string names.</summary>
    public static EasVersion Version(string value) =>
        EasVersion.TryParse(value, out EasVersion version) ? version : throw new ArgumentException(value, nameof(value));

    /// <summary>Asserts that <paramref name="parse"/> refuses the body with <paramref name="reason"/>.</summary>
    public static EasProtocolException AssertRejected(Action parse, EasProtocolError reason = EasProtocolError.MalformedBody)
    {
        EasProtocolException e = Assert.Throws<EasProtocolException>(parse);
        Assert.Equal(reason, e.Reason);
        return e;
    }
}
