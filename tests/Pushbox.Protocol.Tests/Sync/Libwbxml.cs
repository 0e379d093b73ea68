using System.Diagnostics;
using System.Xml.Linq;

namespace Pushbox.Protocol.Tests.Sync;

/// <summary>
/// Debian's libwbxml2-utils (<c>xml2wbxml -v 1.3 -n -a</c>, <c>wbxml2xml -l ACTIVESYNC</c>): the independent
/// encoder and decoder that Sync documents are checked against. Missing tools fail the test, as in
/// Pushbox.Wbxml.Tests: CI installs them, they are never skipped. Use only tags that libwbxml 0.11.8 spells
/// as the specification does (Pushbox.Wbxml.Tests' <c>LibwbxmlSpellings</c> lists the others).
/// </summary>
internal static class Libwbxml
{
    /// <summary>libwbxml's bytes for the XML form (one default namespace per code page, e.g. <c>AirSync:</c>).</summary>
    public static byte[] Encode(string xml)
    {
        string dir = Directory.CreateTempSubdirectory("pushbox-sync-libwbxml-").FullName;
        try
        {
            string input = Path.Combine(dir, "in.xml");
            string output = Path.Combine(dir, "out.wbxml");
            File.WriteAllText(input, "<?xml version=\"1.0\"?>\n" + Pushbox.Wbxml.WbxmlXml.DocType + "\n" + xml);
            Run("xml2wbxml", "-v", "1.3", "-n", "-a", "-o", output, input);
            return File.ReadAllBytes(output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>libwbxml's XML form of <paramref name="wbxml"/>.</summary>
    public static string Decode(byte[] wbxml)
    {
        string dir = Directory.CreateTempSubdirectory("pushbox-sync-libwbxml-").FullName;
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

    /// <summary>Elements, namespaces and text only: white space between elements and the prolog do not count.</summary>
    public static XElement Canonical(string xml)
    {
        XElement root = XDocument.Parse(xml, LoadOptions.None).Root!;
        foreach (XText text in root.DescendantNodes().OfType<XText>().Where(t => string.IsNullOrWhiteSpace(t.Value)).ToList())
        {
            text.Remove();
        }

        return root;
    }

    /// <summary>Asserts that two XML forms hold the same elements and text.</summary>
    public static void AssertSameXml(string expected, string actual)
    {
        XElement e = Canonical(expected);
        XElement a = Canonical(actual);
        Assert.True(XNode.DeepEquals(e, a), $"XML differs.\nExpected:\n{e}\nActual:\n{a}");
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
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                throw new TimeoutException($"{tool} did not finish in 30 s.");
            }

            string output = stdout.Result + stderr.Result;

            // libwbxml's tools exit 0 even on failure; they say "failed" instead.
            if (process.ExitCode != 0 || output.Contains("failed", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed: {output}");
            }
        }
    }
}
