using System.Text;
using Pushbox.Smtp.Protocol;

namespace Pushbox.Smtp.Tests;

/// <summary>DATA transparency (RFC 5321 §4.5.2), fed in every possible chunking.</summary>
public sealed class DotUnstufferTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        // wire (after DATA), message, what follows the terminator
        { ".\r\n", "", "" },
        { "a\r\n.\r\n", "a\r\n", "" },
        { "..a\r\n.\r\n", ".a\r\n", "" },
        { "..\r\n.\r\n", ".\r\n", "" },
        { "...\r\n.\r\n", "..\r\n", "" },
        { "a\r\n..\r\n.\r\nQUIT\r\n", "a\r\n.\r\n", "QUIT\r\n" },
        { "a.\r\n.b\r\n.\r\n", "a.\r\nb\r\n", "" },
        { "x\n.\ny\r\n.\r\n", "x\n.\ny\r\n", "" },
        { "x\n.\r\ny\r\n.\r\n", "x\n.\r\ny\r\n", "" },
        { "x\r.\r\ny\r\n.\r\n", "x\r.\r\ny\r\n", "" },
        { "x\r\n.\ry\r\n.\r\n", "x\r\n\ry\r\n", "" },
        { "x\r\n.\r\r\n.\r\n", "x\r\n\r\r\n", "" },
        { "\r\r\n.\r\n", "\r\r\n", "" },
        { "\r\n\r\n.\r\n", "\r\n\r\n", "" },
        { "no end\r\n", "no end\r\n", null! },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unstuff_AnyChunking_GivesTheMessageAndStopsAtTheTerminator(string wire, string message, string? rest)
    {
        byte[] input = Encoding.Latin1.GetBytes(wire);
        for (int chunk = 1; chunk <= input.Length; chunk++)
        {
            for (int outputSize = 1; outputSize <= 3; outputSize++)
            {
                (string decoded, int consumed, bool complete) = Run(input, chunk, outputSize);
                Assert.Equal(message, decoded);
                Assert.Equal(rest is not null, complete);
                if (rest is not null)
                {
                    Assert.Equal(rest, wire[consumed..]);
                }
            }
        }
    }

    [Fact]
    public void Unstuff_AllByteValues_PassThrough()
    {
        byte[] all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        byte[] wire = [.. all, (byte)'\r', (byte)'\n', (byte)'.', (byte)'\r', (byte)'\n'];

        (string decoded, _, bool complete) = Run(wire, wire.Length, 4096);

        Assert.True(complete);
        Assert.Equal(Encoding.Latin1.GetString([.. all, (byte)'\r', (byte)'\n']), decoded);
    }

    private static (string Decoded, int Consumed, bool Complete) Run(byte[] input, int chunk, int outputSize)
    {
        var unstuffer = default(DotUnstuffer);
        var output = new List<byte>();
        byte[] scratch = new byte[outputSize];
        int offset = 0;
        while (offset < input.Length && !unstuffer.IsComplete)
        {
            int end = Math.Min(input.Length, offset + chunk);
            while (offset < end && !unstuffer.IsComplete)
            {
                unstuffer.Unstuff(input.AsSpan(offset, end - offset), scratch, out int consumed, out int written);
                offset += consumed;
                output.AddRange(scratch.AsSpan(0, written));
                if (consumed == 0 && written == 0)
                {
                    break;
                }
            }
        }

        return (Encoding.Latin1.GetString(output.ToArray()), offset, unstuffer.IsComplete);
    }
}
