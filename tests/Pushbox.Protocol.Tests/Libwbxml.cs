using System.Diagnostics;
using System.Text;
using System.Xml.Linq;
using Pushbox.Wbxml;

namespace Pushbox.Protocol.Tests;

/// <summary>
/// Debian's libwbxml2-utils (xml2wbxml, wbxml2xml) as an independent encoder and decoder for command tests:
/// request bodies encoded by libwbxml go into our parsers, and our writers' bytes must decode in libwbxml to
/// the document we meant and re-encode to the same bytes. Missing tools fail the test: CI installs them
/// (as for Pushbox.Wbxml.Tests, whose runner this mirrors); they are never skipped.
/// </summary>
internal static class Libwbxml
{
    /// <summary>libwbxml's encoding of the XML form (<c>xml2wbxml -v 1.3 -n -a</c>).</summary>
    public static byte[] Encode(string xml)
    {
        if (!xml.Contains("<!DOCTYPE", StringComparison.Ordinal))
        {
            xml = "<?xml version=\"1.0\"?>\n" + WbxmlXml.DocType + "\n" + xml;
        }

        string dir = Directory.CreateTempSubdirectory("pushbox-libwbxml-").FullName;
        try
        {
            string input = Path.Combine(dir, "in.xml");
            string output = Path.Combine(dir, "out.wbxml");
            File.WriteAllText(input, xml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            Run("xml2wbxml", "-v", "1.3", "-n", "-a", "-o", output, input);
            return File.ReadAllBytes(output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>libwbxml's decoding to its XML form (<c>wbxml2xml -l ACTIVESYNC</c>).</summary>
    public static string Decode(byte[] wbxml)
    {
        string dir = Directory.CreateTempSubdirectory("pushbox-libwbxml-").FullName;
        try
        {
            string input = Path.Combine(dir, "in.wbxml");
            string output = Path.Combine(dir, "out.xml");
            File.WriteAllBytes(input, wbxml);
            Run("wbxml2xml", "-l", "ACTIVESYNC", "-m", "0", "-o", output, input);
            return File.ReadAllText(output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Asserts that libwbxml reads <paramref name="wbxml"/> as the same tree our decoder does (names, namespaces,
    /// text) and, when <paramref name="sameBytes"/>, that its re-encoding of what it read is byte for byte ours.
    /// (A text written in several pieces re-encodes as one, so streamed Data compares by tree only.)
    /// </summary>
    public static void AssertRoundTrip(byte[] wbxml, bool sameBytes = true)
    {
        string theirs = Decode(wbxml);
        Assert.Equal(Canonical(WbxmlXml.ToXml(wbxml)), Canonical(theirs));
        if (sameBytes)
        {
            Assert.Equal(Convert.ToHexString(wbxml), Convert.ToHexString(Encode(theirs)));
        }
    }

    /// <summary>Asserts that two XML forms hold the same elements, namespaces and text (layout does not count).</summary>
    public static void AssertSameXml(string expected, string actual) => Assert.Equal(Canonical(expected), Canonical(actual));

    /// <summary>The structure of an XML document as one string: names with namespaces and leaf text, not layout.</summary>
    public static string Canonical(string xml)
    {
        var text = new StringBuilder();
        Append(XDocument.Parse(xml).Root!, text);
        return text.ToString();
    }

    private static void Append(XElement element, StringBuilder text)
    {
        text.Append('<').Append(element.Name.NamespaceName).Append(element.Name.LocalName).Append('>');
        if (element.HasElements)
        {
            foreach (XElement child in element.Elements())
            {
                Append(child, text);
            }
        }
        else
        {
            text.Append(element.Value);
        }

        text.Append("</>");
    }

    private static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not installed: install Debian's libwbxml2-utils (.ci/run does).", e);
        }

        using (process)
        {
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                throw new TimeoutException($"{tool} did not finish in 30 s.");
            }

            // libwbxml's tools exit 0 even on failure; they say "failed" instead.
            if (process.ExitCode != 0 || stdout.Contains("failed", StringComparison.Ordinal) || stderr.Contains("failed", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed: {stdout}{stderr}");
            }
        }
    }
}
