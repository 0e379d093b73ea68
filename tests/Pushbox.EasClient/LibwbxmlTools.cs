using System.Diagnostics;
using System.Text;

namespace Pushbox.Testing.Eas;

/// <summary>
/// Debian's libwbxml2-utils (<c>xml2wbxml -v 1.3 -n -a</c>, <c>wbxml2xml -l ACTIVESYNC</c>): the independent
/// encoder and decoder that Pushbox's WBXML is checked against. Missing tools fail the test: CI installs them,
/// they are never skipped.
/// </summary>
public static class LibwbxmlTools
{
    /// <summary>libwbxml's bytes for <paramref name="xml"/>, a whole document (prolog and DOCTYPE included).</summary>
    public static byte[] Encode(string xml)
    {
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

    /// <summary>libwbxml's XML form of <paramref name="wbxml"/>.</summary>
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
