using System.Text;

namespace Pushbox.Tests;

public class WbxmlCommandTests
{
    private const string PingXml = """
        <?xml version="1.0"?>
        <!DOCTYPE ActiveSync PUBLIC "-//MICROSOFT//DTD ActiveSync//EN" "http://www.microsoft.com/">
        <Ping xmlns="Ping:">
          <HeartbeatInterval>480</HeartbeatInterval>
          <Folders>
            <Folder>
              <Id>5</Id>
              <Class>Email</Class>
            </Folder>
          </Folders>
        </Ping>
        """;

    [Fact]
    public async Task EncodeThenDecode_FromStandardInput_ReproducesTheDocument()
    {
        var encoded = await PushboxProcess.RunAsync(Encoding.UTF8.GetBytes(PingXml), "wbxml", "encode", "-");
        Assert.Equal(0, encoded.ExitCode);
        Assert.Equal("03016A00000D4548033438300001494A4B033500014C03456D61696C0001010101", Convert.ToHexString(encoded.Stdout));

        var decoded = await PushboxProcess.RunAsync(encoded.Stdout, "wbxml", "decode");
        Assert.Equal(0, decoded.ExitCode);
        Assert.Equal(PingXml.ReplaceLineEndings("\n") + "\n", Encoding.UTF8.GetString(decoded.Stdout));

        var again = await PushboxProcess.RunAsync(decoded.Stdout, "wbxml", "encode");
        Assert.Equal(encoded.Stdout, again.Stdout);
    }

    [Fact]
    public async Task Decode_FromFile_PrintsCompactXml()
    {
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, Convert.FromHexString("03016A00000D4548033438300001"+"01"));
            var result = await PushboxProcess.RunAsync([], "wbxml", "decode", "--compact", path);

            Assert.Equal(0, result.ExitCode);
            Assert.EndsWith("<Ping xmlns=\"Ping:\"><HeartbeatInterval>480</HeartbeatInterval></Ping>", Encoding.UTF8.GetString(result.Stdout), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Decode_MalformedDocument_NamesOffsetAndReasonAndExits1()
    {
        // Ping > HeartbeatInterval with an unknown token 0x3F on the Ping page at offset 7.
        var result = await PushboxProcess.RunAsync(Convert.FromHexString("03016A00000D457F01"), "wbxml", "decode");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("byte offset 7", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("UnknownTag", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encode_UnknownElement_NamesLineAndExits1()
    {
        string xml = "<?xml version=\"1.0\"?>\n<Ping xmlns=\"Ping:\">\n  <Heartbeat>1</Heartbeat>\n</Ping>";

        var result = await PushboxProcess.RunAsync(Encoding.UTF8.GetBytes(xml), "wbxml", "encode");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("Line 3", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("<Heartbeat> is not an element of code page \"Ping:\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decode_MissingFile_Exits2()
    {
        var result = await PushboxProcess.RunAsync([], "wbxml", "decode", "/nonexistent/trace.wbxml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/nonexistent/trace.wbxml", result.Stderr, StringComparison.Ordinal);
    }
}
