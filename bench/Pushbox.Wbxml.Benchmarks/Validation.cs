using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Pushbox.Wbxml.Benchmarks;

/// <summary>
/// Proves the comparison fair before anything is timed: both libraries decode every document to the
/// same structure, both encoders produce the same bytes, and each side's timed operation succeeds.
/// </summary>
internal static class Validation
{
    /// <summary>Where libwbxml 0.11 names a tag of these documents differently from MS-ASWBXML: its name → the specification's.</summary>
    private static readonly Dictionary<string, string> LibwbxmlNames = new(StringComparer.Ordinal)
    {
        ["Email:FlagStatus"] = "Email:Status",
        ["Tasks:UTCStartDate"] = "Tasks:UtcStartDate",
        ["Tasks:UTCDueDate"] = "Tasks:UtcDueDate",
    };

    /// <summary>Checks every distinct document; prints a line per check. Returns false when any fails.</summary>
    public static bool Run(TextWriter log)
    {
        bool ok = true;
        log.WriteLine("Documents (built with WbxmlWriter):");
        log.WriteLine();
        log.WriteLine("| document | WBXML bytes | XML bytes (Pushbox / libwbxml) | elements | text nodes | opaque nodes | max depth |");
        log.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (Sample sample in Corpus.Distinct())
        {
            (int elements, int texts, int opaques, int depth) = Count(sample.Wbxml);
            log.WriteLine($"| {sample.Name} | {sample.Wbxml.Length:N0} | {Encoding.UTF8.GetByteCount(sample.Xml):N0} / {sample.LibwbxmlXmlUtf8.Length:N0} | {elements:N0} | {texts:N0} | {opaques:N0} | {depth} |");
        }

        log.WriteLine($"| Mix (1 Sync, 1 FolderSync, 5 × Ping request + response) | {Corpus.WbxmlBytes(DocumentSet.Mix):N0} | | | | | |");
        log.WriteLine();

        foreach (Sample sample in Corpus.Distinct())
        {
            ok &= Check(log, sample.Name, "libwbxml and Pushbox decode to the same XML tree", () => SameTree(sample));
            ok &= Check(log, sample.Name, "libwbxml's parser (no handler) accepts it", () =>
                LibWbxmlCodec.Parse(sample.Wbxml) == LibWbxml.Ok ? null : "wbxml_parser_parse failed");
            ok &= Check(log, sample.Name, "libwbxml tree -> WBXML gives the same bytes as WbxmlWriter", () =>
            {
                nint tree = LibWbxmlCodec.Tree(sample.Wbxml);
                try
                {
                    LibWbxmlCodec.TreeToWbxml(tree, copy: true, out byte[]? bytes);
                    return Diff(sample.Wbxml, bytes!);
                }
                finally
                {
                    LibWbxml.TreeDestroy(tree);
                }
            });
            ok &= Check(log, sample.Name, "libwbxml XML -> WBXML gives the same bytes", () =>
            {
                LibWbxmlCodec.FromXml(sample.LibwbxmlXmlUtf8, copy: true, out byte[]? bytes);
                return Diff(sample.Wbxml, bytes!);
            });
            ok &= Check(log, sample.Name, "Pushbox XML -> WBXML gives the same bytes", () => Diff(sample.Wbxml, WbxmlXml.FromXml(sample.Xml)));
            ok &= Check(log, sample.Name, "WbxmlWriter from UTF-8 text gives the same bytes", () =>
            {
                var output = new System.Buffers.ArrayBufferWriter<byte>();
                PushboxCodec.Write(sample.Utf8Tree, output);
                return Diff(sample.Wbxml, output.WrittenSpan.ToArray());
            });
            ok &= Check(log, sample.Name, "Pushbox reads the document, with and without strings", () =>
                PushboxCodec.Read(sample.Wbxml) != 0 && PushboxCodec.ReadStrings(sample.Wbxml) != 0 ? null : "empty read");
        }

        log.WriteLine();
        log.WriteLine("Allocation of one WbxmlReader pass (Read, no strings), measured once per document:");
        foreach (Sample sample in Corpus.Distinct())
        {
            PushboxCodec.Read(sample.Wbxml);
            long before = GC.GetAllocatedBytesForCurrentThread();
            PushboxCodec.Read(sample.Wbxml);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            (int elements, int texts, int opaques, _) = Count(sample.Wbxml);
            log.WriteLine($"  {sample.Name,-13} {allocated,6} B for {2 * elements + texts + opaques,6:N0} nodes");
        }

        log.WriteLine();
        log.WriteLine("Native heap held by libwbxml's decoded tree (glibc mallinfo2, chunk overhead included):");
        foreach (Sample sample in Corpus.Distinct())
        {
            log.WriteLine($"  {sample.Name,-13} {TreeNativeBytes(sample.Wbxml),9:N0} B");
        }

        log.WriteLine();
        log.WriteLine(ok ? "Validation passed." : "Validation FAILED.");
        return ok;
    }

    /// <summary>Writes each document as WBXML, Pushbox XML and libwbxml XML into <paramref name="directory"/>, for inspection.</summary>
    public static void Dump(string directory, TextWriter log)
    {
        Directory.CreateDirectory(directory);
        foreach (Sample sample in Corpus.Distinct())
        {
            File.WriteAllBytes(Path.Combine(directory, sample.Name + ".wbxml"), sample.Wbxml);
            File.WriteAllText(Path.Combine(directory, sample.Name + ".pushbox.xml"), WbxmlXml.ToXml(sample.Wbxml));
            File.WriteAllBytes(Path.Combine(directory, sample.Name + ".libwbxml.xml"), sample.LibwbxmlXmlUtf8);
        }

        log.WriteLine($"Documents written to {Path.GetFullPath(directory)}");
    }

    /// <summary>Native bytes a libwbxml tree of <paramref name="wbxml"/> holds between decode and destroy (median of five).</summary>
    public static long TreeNativeBytes(byte[] wbxml)
    {
        var held = new List<long>();
        for (int i = 0; i < 5; i++)
        {
            long before = NativeHeap.InUse();
            nint tree = LibWbxmlCodec.Tree(wbxml);
            held.Add(NativeHeap.InUse() - before);
            LibWbxml.TreeDestroy(tree);
        }

        held.Sort();
        return held[held.Count / 2];
    }

    private static string? SameTree(Sample sample)
    {
        string ours = Canonical(WbxmlXml.ToXml(sample.Wbxml, indent: false));
        LibWbxmlCodec.ToXml(sample.Wbxml, copy: true, out byte[]? xml);
        string theirs = Canonical(Encoding.UTF8.GetString(xml!), LibwbxmlNames);
        if (ours == theirs)
        {
            return null;
        }

        int at = 0;
        while (at < Math.Min(ours.Length, theirs.Length) && ours[at] == theirs[at])
        {
            at++;
        }

        int from = Math.Max(0, at - 60);
        return $"trees differ at {at}: Pushbox …{Excerpt(ours, from)}… libwbxml …{Excerpt(theirs, from)}…";
    }

    private static string Excerpt(string text, int from) => text.Substring(from, Math.Min(160, text.Length - from));

    /// <summary>
    /// Element names with their namespace and leaf text, nothing of layout; line ends normalised to
    /// LF; names found in <paramref name="aliases"/> replaced by the specification's.
    /// </summary>
    private static string Canonical(string xml, IReadOnlyDictionary<string, string>? aliases = null)
    {
        var text = new StringBuilder();
        Append(XDocument.Parse(xml).Root!, text, aliases ?? new Dictionary<string, string>());
        return text.ToString();

        static void Append(XElement element, StringBuilder text, IReadOnlyDictionary<string, string> aliases)
        {
            string name = element.Name.NamespaceName + element.Name.LocalName;
            text.Append('<').Append(aliases.GetValueOrDefault(name, name)).Append('>');
            if (element.HasElements)
            {
                foreach (XElement child in element.Elements())
                {
                    Append(child, text, aliases);
                }
            }
            else
            {
                text.Append(element.Value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
            }

            text.Append("</>");
        }
    }

    private static string? Diff(byte[] expected, byte[] actual)
    {
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return null;
        }

        int at = expected.AsSpan().CommonPrefixLength(actual);
        return string.Create(CultureInfo.InvariantCulture, $"{actual.Length} bytes instead of {expected.Length}, first difference at byte {at}: {Convert.ToHexString(expected.AsSpan(at, Math.Min(16, expected.Length - at)))} vs {Convert.ToHexString(actual.AsSpan(at, Math.Min(16, actual.Length - at)))}");
    }

    private static bool Check(TextWriter log, string document, string what, Func<string?> check)
    {
        string? failure;
        try
        {
            failure = check();
        }
        catch (Exception e) when (e is InvalidOperationException or WbxmlException or System.Xml.XmlException)
        {
            failure = e.Message;
        }

        log.WriteLine(failure is null ? $"  ok    {document,-13} {what}" : $"  FAIL  {document,-13} {what}: {failure}");
        return failure is null;
    }

    private static (int Elements, int Texts, int Opaques, int Depth) Count(byte[] wbxml)
    {
        var reader = new WbxmlReader(wbxml);
        int elements = 0, texts = 0, opaques = 0, depth = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case WbxmlNodeType.StartElement:
                    elements++;
                    depth = Math.Max(depth, reader.Depth);
                    break;
                case WbxmlNodeType.Text:
                    texts++;
                    break;
                case WbxmlNodeType.Opaque:
                    opaques++;
                    break;
            }
        }

        return (elements, texts, opaques, depth);
    }
}
