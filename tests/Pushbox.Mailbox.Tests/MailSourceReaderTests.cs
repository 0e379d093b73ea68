using System.Text;
using Pushbox.Mailbox.Import;

namespace Pushbox.Mailbox.Tests;

public sealed class MailSourceReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pushbox-import-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void List_MaildirWithSubfolders_FindsEveryMessageWithFolderAndFlags()
    {
        Write("cur/1.host:2,S", "Subject: read\n\nx");
        Write("new/2.host", "Subject: new\n\nx");
        Write(".Sent/cur/3.host:2,FS", "Subject: sent\n\nx");
        Write(".Projects.Acme/cur/4.host:2,", "Subject: acme\n\nx");
        Directory.CreateDirectory(Path.Combine(_root, "tmp"));
        Write("tmp/5.host", "Subject: still being delivered\n\nx");

        IReadOnlyList<ImportSource> sources = MailSourceReader.List(_root, CancellationToken.None);

        Assert.Equal(
            ["Projects/Acme|False|False|acme", "Sent|True|True|sent", "|False|False|new", "|True|False|read"],
            sources.Select(s => $"{string.Join('/', s.FolderPath)}|{s.Read}|{s.Flagged}|{Subject(s)}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void List_MboxFile_SplitsMessagesByteExact()
    {
        string first = "From: a@example.com\nSubject: one\nStatus: RO\n\nbody one\n>From the quoted line\n";
        string second = "From: b@example.com\nSubject: two\nX-Status: F\n\nbody two\n";
        string path = Write("archive.mbox", $"From a@example.com Mon Nov 30 10:00:00 2026\n{first}\nFrom b@example.com Tue Dec  1 11:30:00 2026\n{second}");

        IReadOnlyList<ImportSource> sources = MailSourceReader.List(path, CancellationToken.None);

        Assert.Equal(2, sources.Count);
        Assert.Equal(first, Content(sources[0]).TrimEnd('\n') + "\n");
        Assert.StartsWith(second.TrimEnd('\n'), Content(sources[1]), StringComparison.Ordinal);
        Assert.Equal((true, false), (sources[0].Read, sources[0].Flagged));
        Assert.Equal((false, true), (sources[1].Read, sources[1].Flagged));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), sources[0].ReceivedAt);
        Assert.Empty(sources[0].FolderPath);
    }

    [Fact]
    public void List_SentMboxFile_GoesToSentItems()
    {
        string path = Write("Sent", "From x@example.com Mon Nov 30 10:00:00 2026\nSubject: s\n\nx\n");

        Assert.Equal(["Sent"], MailSourceReader.List(path, CancellationToken.None).Single().FolderPath);
    }

    [Fact]
    public void List_NothingThere_IsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => MailSourceReader.List(Path.Combine(_root, "missing"), CancellationToken.None));
    }

    [Fact]
    public void List_FolderOfOtherFiles_IsInvalidData()
    {
        Write("notes.txt", "hello");

        Assert.Throws<InvalidDataException>(() => MailSourceReader.List(_root, CancellationToken.None));
    }

    private string Write(string relative, string content)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Content(ImportSource source)
    {
        using Stream stream = source.Open();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Subject(ImportSource source) =>
        Content(source).Split('\n')[0]["Subject: ".Length..];
}
