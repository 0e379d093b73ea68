using System.Globalization;
using System.Text;

namespace Pushbox.Sync.Benchmarks;

/// <summary>
/// Writes an mbox of test mail from a fixed seed: sizes spread log-normally around a median (a mix of
/// short notes and long newsletters, as real Inboxes are), HTML and plain text, and every
/// <c>largeEvery</c>-th message carrying a large base64 attachment.
/// </summary>
internal static class MailboxGenerator
{
    private static readonly string[] Words = ["report", "meeting", "budget", "Grüße", "schedule", "review", "quarterly", "déjà", "project", "update", "東京", "customer", "invoice", "travel", "agenda"];

    /// <summary>Writes <paramref name="count"/> messages to <paramref name="path"/>; returns the bytes written.</summary>
    public static long WriteMbox(string path, int count, int medianBytes, int largeEvery, int largeBytes)
    {
        var random = new Random(20261201);
        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        DateTimeOffset start = DateTimeOffset.UtcNow.AddDays(-count / 200.0);
        for (int i = 0; i < count; i++)
        {
            // Log-normal with the median asked for; sigma 0.9 gives a 5th–95th percentile span of ~0.2×–4.4×.
            double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            int bodyBytes = (int)Math.Clamp(medianBytes * Math.Exp(0.9 * normal), 300, 40 * medianBytes);
            DateTimeOffset date = start.AddMinutes(i * 7.2);
            file.Write("From sender@bench.example ");
            file.Write(date.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture));
            file.Write('\n');
            WriteMessage(file, random, i, date, bodyBytes, largeEvery > 0 && i % largeEvery == largeEvery - 1 ? largeBytes : 0);
            file.Write('\n');
        }

        file.Flush();
        return file.BaseStream.Length;
    }

    private static void WriteMessage(StreamWriter file, Random random, int index, DateTimeOffset date, int bodyBytes, int attachmentBytes)
    {
        bool html = index % 3 != 0;
        string boundary = string.Create(CultureInfo.InvariantCulture, $"b{index:x8}");
        file.Write(string.Create(CultureInfo.InvariantCulture, $"From: Sender {index % 50} <sender{index % 50}@bench.example>\nTo: Bench User <bench@bench.example>\nSubject: {Words[index % Words.Length]} {index}\nDate: {date:r}\nMessage-ID: <m{index}@bench.example>\nMIME-Version: 1.0\n"));
        if (attachmentBytes > 0)
        {
            file.Write($"Content-Type: multipart/mixed; boundary=\"{boundary}\"\n\n--{boundary}\n");
        }

        file.Write(html ? "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" : "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n");
        WriteText(file, random, bodyBytes, html);
        if (attachmentBytes > 0)
        {
            file.Write($"\n--{boundary}\nContent-Type: application/pdf; name=\"file{index}.pdf\"\nContent-Disposition: attachment; filename=\"file{index}.pdf\"\nContent-Transfer-Encoding: base64\n\n");
            byte[] chunk = new byte[57];
            for (int written = 0; written < attachmentBytes; written += chunk.Length)
            {
                random.NextBytes(chunk);
                file.Write(Convert.ToBase64String(chunk));
                file.Write('\n');
            }

            file.Write($"--{boundary}--\n");
        }
    }

    private static void WriteText(StreamWriter file, Random random, int bytes, bool html)
    {
        var line = new StringBuilder(100);
        int written = 0;
        if (html)
        {
            file.Write("<html><body><p>");
        }

        while (written < bytes)
        {
            line.Clear();
            while (line.Length < 72)
            {
                line.Append(Words[random.Next(Words.Length)]).Append(' ');
            }

            // No line may start with "From " in an mbox; none of the words is "From".
            file.Write(line.ToString());
            file.Write(html && random.Next(6) == 0 ? "</p>\n<p>" : "\n");
            written += line.Length + 1;
        }

        if (html)
        {
            file.Write("</p></body></html>\n");
        }
    }
}
