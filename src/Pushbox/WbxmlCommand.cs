using System.Buffers;
using System.CommandLine;
using System.Text;
using Pushbox.Wbxml;

namespace Pushbox;

/// <summary>
/// <c>pushbox wbxml decode|encode [FILE|-]</c>: converts device traces between WBXML and libwbxml's
/// XML form. Errors name the byte offset (WBXML) or line (XML) and the reason, and exit with 1.
/// </summary>
internal static class WbxmlCommand
{
    private const int ExitInvalidDocument = 1;
    private const int ExitCannotRead = 2;

    public static Command Create()
    {
        var command = new Command("wbxml", "Convert Exchange ActiveSync WBXML to XML and back (libwbxml's XML form).");
        command.Subcommands.Add(CreateDecode());
        command.Subcommands.Add(CreateEncode());
        return command;
    }

    private static Command CreateDecode()
    {
        var input = InputArgument("The WBXML document to decode");
        var compact = new Option<bool>("--compact") { Description = "Write the XML on one line instead of indented." };
        var decode = new Command("decode", "Decode a WBXML document and print it as XML.") { input, compact };
        decode.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(input)!;
            byte[]? document = await ReadInputAsync(path, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                return ExitCannotRead;
            }

            try
            {
                string xml = WbxmlXml.ToXml(document, indent: !parse.GetValue(compact));
                await Console.Out.WriteAsync(xml.AsMemory(), cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (WbxmlException e)
            {
                await Console.Error.WriteLineAsync($"pushbox: {DisplayName(path)}: invalid WBXML at byte offset {e.Offset} ({e.Reason}): {e.Detail}").ConfigureAwait(false);
                return ExitInvalidDocument;
            }
        });
        return decode;
    }

    private static Command CreateEncode()
    {
        var input = InputArgument("The XML document to encode");
        var encode = new Command("encode", "Encode an XML document (libwbxml's ActiveSync form) and write the WBXML to standard output.") { input };
        encode.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(input)!;
            byte[]? document = await ReadInputAsync(path, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                return ExitCannotRead;
            }

            var output = new ArrayBufferWriter<byte>();
            try
            {
                using var text = new StreamReader(new MemoryStream(document), Encoding.UTF8);
                WbxmlXml.FromXml(text, output);
            }
            catch (WbxmlException e)
            {
                await Console.Error.WriteLineAsync($"pushbox: {DisplayName(path)}: cannot encode ({e.Reason}): {e.Detail}").ConfigureAwait(false);
                return ExitInvalidDocument;
            }

            using Stream stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return encode;
    }

    private static Argument<string> InputArgument(string description) => new("FILE")
    {
        Description = description + "; - or nothing for standard input.",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => "-",
    };

    private static async Task<byte[]?> ReadInputAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            if (path == "-")
            {
                using Stream stdin = Console.OpenStandardInput();
                using var copy = new MemoryStream();
                await stdin.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                return copy.ToArray();
            }

            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"pushbox: {DisplayName(path)}: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }

    private static string DisplayName(string path) => path == "-" ? "standard input" : path;
}
