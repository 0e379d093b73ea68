using System.Diagnostics;

namespace Pushbox.Wbxml.Tests;

/// <summary>
/// Runs Debian's libwbxml2-utils (xml2wbxml, wbxml2xml), the independent encoder and decoder the
/// codec is checked against. Missing tools fail the test: CI installs them, they are never skipped.
/// </summary>
internal static class Libwbxml
{
    public static byte[] Encode(string xml)
    {
        string dir = Directory.CreateTempSubdirectory("pushbox-libwbxml-").FullName;
        try
        {
            string input = Path.Combine(dir, "in.xml");
            string output = Path.Combine(dir, "out.wbxml");
            File.WriteAllText(input, xml);
            Run("xml2wbxml", "-v", "1.3", "-n", "-a", "-o", output, input);
            return File.ReadAllBytes(output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

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
