using System.Globalization;
using MimeKit;

namespace Pushbox.Mailbox.Import;

/// <summary>
/// Lists the messages of a Maildir (with Maildir++ subfolders) or of mbox files, without reading
/// their bodies: an mbox is scanned once for message boundaries and each message is later opened as a
/// window onto the file.
/// </summary>
internal static class MailSourceReader
{
    /// <summary>The messages under <paramref name="path"/>: a Maildir, a directory of mbox files, or one mbox file.</summary>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">It is neither a Maildir nor an mbox.</exception>
    public static IReadOnlyList<ImportSource> List(string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return ListMbox(path, FolderPathOfMboxFile(path, isSingleFile: true), cancellationToken);
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"No Maildir or mbox at '{path}'.", path);
        }

        if (IsMaildir(path))
        {
            return ListMaildir(path, cancellationToken);
        }

        var sources = new List<ImportSource>();
        foreach (string file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
        {
            if (LooksLikeMbox(file))
            {
                sources.AddRange(ListMbox(file, FolderPathOfMboxFile(file, isSingleFile: false), cancellationToken));
            }
        }

        return sources.Count > 0 || !Directory.EnumerateFileSystemEntries(path).Any()
            ? sources
            : throw new InvalidDataException($"'{path}' is neither a Maildir (cur/ and new/) nor a folder of mbox files.");
    }

    private static bool IsMaildir(string path) =>
        Directory.Exists(Path.Combine(path, "cur")) || Directory.Exists(Path.Combine(path, "new"));

    private static List<ImportSource> ListMaildir(string root, CancellationToken cancellationToken)
    {
        var sources = new List<ImportSource>();
        AddMaildirFolder(sources, root, [], cancellationToken);
        foreach (string sub in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(sub);
            if (name.StartsWith('.') && name.Length > 1 && IsMaildir(sub))
            {
                // Maildir++: ".Parent.Child" is Child inside Parent.
                AddMaildirFolder(sources, sub, name[1..].Split('.', StringSplitOptions.RemoveEmptyEntries), cancellationToken);
            }
        }

        return sources;
    }

    private static void AddMaildirFolder(List<ImportSource> sources, string folder, IReadOnlyList<string> folderPath, CancellationToken cancellationToken)
    {
        foreach (string sub in new[] { "cur", "new" })
        {
            string dir = Path.Combine(folder, sub);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                string flags = MaildirFlags(Path.GetFileName(file));
                sources.Add(new ImportSource(
                    () => file,
                    () => new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan),
                    folderPath,
                    Read: flags.Contains('S', StringComparison.Ordinal),
                    Flagged: flags.Contains('F', StringComparison.Ordinal),
                    ReceivedAt: File.GetLastWriteTimeUtc(file)));
            }
        }
    }

    /// <summary>The flag letters after ":2," in a Maildir file name (Dovecot also uses ",").</summary>
    private static string MaildirFlags(string fileName)
    {
        int info = fileName.LastIndexOf(":2,", StringComparison.Ordinal);
        if (info < 0)
        {
            info = fileName.LastIndexOf("!2,", StringComparison.Ordinal);
        }

        return info < 0 ? string.Empty : fileName[(info + 3)..];
    }

    private static bool LooksLikeMbox(string file)
    {
        Span<byte> start = stackalloc byte[5];
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        return stream.Read(start) == 5 && start.SequenceEqual("From "u8);
    }

    /// <summary>A single mbox goes to the folder its name names when that is a standard one, else the Inbox; in a directory each file is a folder.</summary>
    private static IReadOnlyList<string> FolderPathOfMboxFile(string file, bool isSingleFile)
    {
        string name = Path.GetFileNameWithoutExtension(file);
        if (isSingleFile && FolderMapping.Map([name]) is null)
        {
            return [];
        }

        return [name];
    }

    private static List<ImportSource> ListMbox(string file, IReadOnlyList<string> folderPath, CancellationToken cancellationToken)
    {
        var sources = new List<ImportSource>();
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        var parser = new MimeParser(stream, MimeFormat.Mbox, persistent: true);
        string? marker = null;
        parser.MimeMessageBegin += (_, e) =>
        {
            if (e.Parent is null)
            {
                marker = parser.MboxMarker;
            }
        };
        parser.MimeMessageEnd += (_, e) =>
        {
            if (e.Parent is not null)
            {
                return; // an embedded message/rfc822, not a message of the mbox
            }

            long start = e.BeginOffset;
            long length = e.EndOffset - e.BeginOffset;
            string header = e.Message.Headers[HeaderId.Status] ?? string.Empty;
            string xStatus = e.Message.Headers["X-Status"] ?? string.Empty;
            int index = sources.Count + 1;
            sources.Add(new ImportSource(
                () => string.Create(CultureInfo.InvariantCulture, $"{file} message {index}"),
                () => new WindowStream(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan), start, length),
                folderPath,
                Read: header.Contains('R', StringComparison.Ordinal),
                Flagged: xStatus.Contains('F', StringComparison.Ordinal),
                ReceivedAt: MarkerDate(marker)));
        };

        while (!parser.IsEndOfStream)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                parser.ParseMessage(cancellationToken);
            }
            catch (FormatException)
            {
                break; // the rest of the file is not mbox; what was found is imported
            }
        }

        return sources;
    }

    /// <summary>The date of a "From sender Tue Nov 30 10:00:00 2026" line, if it has one.</summary>
    private static DateTimeOffset? MarkerDate(string? marker)
    {
        if (marker is null)
        {
            return null;
        }

        string[] parts = marker.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 7)
        {
            return null;
        }

        string text = string.Join(' ', parts[^5..]);
        return DateTime.TryParseExact(text, "ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime date)
            ? new DateTimeOffset(date, TimeSpan.Zero)
            : null;
    }
}
