using System.Text;

namespace Pushbox.Commands.Tests;

/// <summary>A message with a short text part and one large base64 attachment, for the memory tests.</summary>
internal static class HugeMessage
{
    /// <summary>The MIME bytes; the attachment (part 1) decodes to <paramref name="attachmentSize"/> random bytes.</summary>
    public static byte[] Build(int attachmentSize)
    {
        var mime = new MemoryStream();
        mime.Write(Encoding.ASCII.GetBytes(
            "From: alice@example.com\r\nTo: user@example.com\r\nSubject: Huge\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"huge\"\r\n\r\n--huge\r\nContent-Type: text/plain\r\n\r\nA big file.\r\n"
            + "--huge\r\nContent-Type: application/octet-stream; name=\"huge.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
        var random = new Random(3);
        byte[] line = new byte[57];
        for (int written = 0; written < attachmentSize; written += line.Length)
        {
            int take = Math.Min(line.Length, attachmentSize - written);
            random.NextBytes(line);
            mime.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(line, 0, take) + "\r\n"));
        }

        mime.Write("--huge--\r\n"u8);
        return mime.ToArray();
    }
}
