using System.Buffers;
using System.Security.Cryptography;
using Pushbox.Mailbox.Blobs;

namespace Pushbox.Storage.Blobs;

/// <summary>
/// <see cref="IBlobStore"/> in a folder: each blob is a file named by the SHA-256 of its content,
/// <c>ab/cdef…</c> (the first two hex digits are a subfolder). A write streams into <c>tmp/</c> while
/// hashing and counting (never holding the content in memory), flushes the file to disk, renames it
/// into place and flushes the folder, so that when <see cref="PutAsync"/> returns the blob survives
/// a crash or power loss. Readers only ever look at final names: a temporary file left by a crash is
/// never served, and garbage collection removes it once it is older than the grace period.
/// </summary>
public sealed class FileBlobStore : IBlobStore
{
    /// <summary>The folder, inside the store, of files being written.</summary>
    public const string TempFolderName = "tmp";

    private const int BufferSize = 81920;
    private const int ReadBufferSize = 4096;
    private const int HashLength = 64;
    private const int GarbageBatch = 500;

    private readonly string root;
    private readonly string tempFolder;
    private readonly TimeProvider time;

    /// <summary>A store in <paramref name="directory"/> (created when missing); <paramref name="time"/> stamps written blobs for the garbage collector's grace period.</summary>
    public FileBlobStore(string directory, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(time);
        root = Path.GetFullPath(directory);
        tempFolder = Path.Combine(root, TempFolderName);
        this.time = time;
    }

    /// <summary>The folder holding the blobs.</summary>
    public string Directory => root;

    /// <inheritdoc />
    public async Task<BlobRef> PutAsync(Stream content, long maxLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        System.IO.Directory.CreateDirectory(tempFolder);
        string tempPath = Path.Combine(tempFolder, Guid.NewGuid().ToString("N") + ".tmp");
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            string hash;
            long length = 0;
            var file = new FileStream(tempPath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 0,
                Options = FileOptions.Asynchronous,
            });
            await using (file.ConfigureAwait(false))
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > maxLength)
                    {
                        throw new BlobTooLargeException(maxLength);
                    }

                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                hash = Convert.ToHexStringLower(sha.GetHashAndReset());

                // fsync: the bytes are on disk before the name says they exist.
                file.Flush(flushToDisk: true);
            }

            string target = PathOf(hash);
            string folder = Path.GetDirectoryName(target)!;
            if (File.Exists(target))
            {
                // Same content already stored. Refresh its time so a collection running now, which may
                // have found it unreferenced, leaves it to the writer that is about to refer to it.
                File.Delete(tempPath);
                File.SetLastWriteTimeUtc(target, time.GetUtcNow().UtcDateTime);
            }
            else
            {
                System.IO.Directory.CreateDirectory(folder);
                File.SetLastWriteTimeUtc(tempPath, time.GetUtcNow().UtcDateTime);

                // Atomic on one file system; a concurrent writer of the same content renames identical bytes.
                File.Move(tempPath, target, overwrite: true);
                DirectorySync.Flush(folder);
            }

            return new BlobRef(hash, length);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public Task<Stream?> OpenReadAsync(string hash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!IsHash(hash))
        {
            return Task.FromResult<Stream?>(null);
        }

        try
        {
            // FileShare.Delete: garbage collection may unlink a blob that a reader still streams.
            Stream stream = new FileStream(PathOf(hash), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,

                // Readers (MimeKit's parser, stream copies) buffer themselves: a small buffer here saves ~80 KB of
                // garbage per message a Sync renders.
                BufferSize = ReadBufferSize,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(IsHash(hash) && File.Exists(PathOf(hash)));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Also removes temporary files older than <paramref name="olderThan"/> (left by a crash mid-write;
    /// not counted). A blob is checked again just before it is deleted, so one written again since the
    /// listing began stays.
    /// </remarks>
    public async Task<int> CollectGarbageAsync(Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlySet<string>>> isReferenced, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isReferenced);
        if (!System.IO.Directory.Exists(root))
        {
            return 0;
        }

        DateTime cutoff = olderThan.UtcDateTime;
        if (System.IO.Directory.Exists(tempFolder))
        {
            foreach (FileInfo stale in new DirectoryInfo(tempFolder).EnumerateFiles())
            {
                if (stale.LastWriteTimeUtc < cutoff)
                {
                    TryDelete(stale.FullName);
                }
            }
        }

        int deleted = 0;
        var batch = new List<string>(GarbageBatch);
        foreach (DirectoryInfo prefix in new DirectoryInfo(root).EnumerateDirectories())
        {
            if (prefix.Name.Length != 2 || !prefix.Name.All(char.IsAsciiHexDigitLower))
            {
                continue;
            }

            foreach (FileInfo file in prefix.EnumerateFiles())
            {
                cancellationToken.ThrowIfCancellationRequested();
                string hash = prefix.Name + file.Name;
                if (IsHash(hash) && file.LastWriteTimeUtc < cutoff)
                {
                    batch.Add(hash);
                    if (batch.Count == GarbageBatch)
                    {
                        deleted += await CollectBatchAsync(batch, isReferenced, cutoff, cancellationToken).ConfigureAwait(false);
                        batch.Clear();
                    }
                }
            }
        }

        if (batch.Count > 0)
        {
            deleted += await CollectBatchAsync(batch, isReferenced, cutoff, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    private static bool IsHash(string? hash) => hash is { Length: HashLength } && hash.All(char.IsAsciiHexDigitLower);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: garbage collection retries later.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private string PathOf(string hash) => Path.Combine(root, hash[..2], hash[2..]);

    private async Task<int> CollectBatchAsync(List<string> batch, Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlySet<string>>> isReferenced, DateTime cutoff, CancellationToken cancellationToken)
    {
        IReadOnlySet<string> referenced = await isReferenced(batch.ToArray(), cancellationToken).ConfigureAwait(false);
        int deleted = 0;
        foreach (string hash in batch)
        {
            if (referenced.Contains(hash))
            {
                continue;
            }

            var file = new FileInfo(PathOf(hash));
            if (file.Exists && file.LastWriteTimeUtc < cutoff)
            {
                file.Delete();
                deleted++;
            }
        }

        return deleted;
    }
}
