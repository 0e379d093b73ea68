using System.Security.Cryptography;
using Pushbox.Mailbox.Blobs;
using Pushbox.Storage.Blobs;

namespace Pushbox.Storage.Tests;

public sealed class FileBlobStoreTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string root = Path.Combine(Path.GetTempPath(), "pushbox-blob-tests-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider time = new();
    private readonly FileBlobStore store;

    public FileBlobStoreTests()
    {
        store = new FileBlobStore(root, time);
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Put_ReturnsTheSha256AndLength_AndTheContentReadsBack()
    {
        byte[] content = RandomNumberGenerator.GetBytes(200_000);

        BlobRef blob = await store.PutAsync(new MemoryStream(content), content.Length, None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), blob.Hash);
        Assert.Equal(content.Length, blob.Length);
        Assert.True(File.Exists(Path.Combine(root, blob.Hash[..2], blob.Hash[2..])));
        Assert.True(await store.ExistsAsync(blob.Hash, None));
        Stream? stream = await store.OpenReadAsync(blob.Hash, None);
        Assert.NotNull(stream);
        await using (stream)
        {
            FileStream file = Assert.IsType<FileStream>(stream);
            Assert.True(file.IsAsync);
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }
    }

    [Fact]
    public async Task Put_SameContentTwice_KeepsOneFile()
    {
        byte[] content = RandomNumberGenerator.GetBytes(1000);

        BlobRef first = await store.PutAsync(new MemoryStream(content), 1000, None);
        BlobRef second = await store.PutAsync(new MemoryStream(content), 1000, None);

        Assert.Equal(first, second);
        Assert.Single(BlobFiles());
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task Put_SameContentConcurrently_KeepsOneFile()
    {
        byte[] content = RandomNumberGenerator.GetBytes(300_000);

        BlobRef[] blobs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.PutAsync(new MemoryStream(content), content.Length, None))));

        Assert.Single(blobs.Distinct());
        Assert.Single(BlobFiles());
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task Put_EmptyAndExactlyMaxLength_AreAccepted()
    {
        BlobRef empty = await store.PutAsync(new MemoryStream(), 0, None);
        BlobRef exact = await store.PutAsync(new MemoryStream(new byte[10]), 10, None);

        Assert.Equal(("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0L), (empty.Hash, empty.Length));
        Assert.Equal(10, exact.Length);
    }

    [Fact]
    public async Task Put_TooLarge_ThrowsAsSoonAsTheLimitIsPassed_AndLeavesNoFile()
    {
        var endless = new EndlessStream();

        BlobTooLargeException e = await Assert.ThrowsAsync<BlobTooLargeException>(() => store.PutAsync(endless, 1_000_000, None));

        Assert.Equal(1_000_000, e.MaxLength);
        Assert.InRange(endless.BytesRead, 1_000_001, 1_000_000 + 81_920); // stopped within one buffer of the limit
        Assert.Empty(BlobFiles());
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task Put_OneByteOverTheLimit_IsRefused()
    {
        await Assert.ThrowsAsync<BlobTooLargeException>(() => store.PutAsync(new MemoryStream(new byte[11]), 10, None));
        Assert.Empty(BlobFiles());
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task Put_Cancelled_LeavesNoTemporaryFile()
    {
        using var cancellation = new CancellationTokenSource();
        var stream = new EndlessStream(afterBytes: 500_000, onPassed: cancellation.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync(stream, long.MaxValue, cancellation.Token));

        Assert.Empty(BlobFiles());
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task TemporaryFileLeftByACrash_IsNeverServed_AndIsCollectedLater()
    {
        byte[] content = RandomNumberGenerator.GetBytes(5000);
        string hash = Convert.ToHexStringLower(SHA256.HashData(content));

        // A crash after writing the temporary file but before the rename: whole content, even named by its hash.
        Directory.CreateDirectory(Path.Combine(root, FileBlobStore.TempFolderName));
        string crashed = Path.Combine(root, FileBlobStore.TempFolderName, "0123456789abcdef.tmp");
        await File.WriteAllBytesAsync(crashed, content);
        await File.WriteAllBytesAsync(Path.Combine(root, FileBlobStore.TempFolderName, hash), content[..100]);
        File.SetLastWriteTimeUtc(crashed, time.GetUtcNow().UtcDateTime);

        Assert.Null(await store.OpenReadAsync(hash, None));
        Assert.False(await store.ExistsAsync(hash, None));

        BlobRef blob = await store.PutAsync(new MemoryStream(content), content.Length, None);
        Stream? stream = await store.OpenReadAsync(blob.Hash, None);
        await using (stream)
        {
            var copy = new MemoryStream();
            await stream!.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }

        // Within the grace period the leftover stays (a writer might still be busy with it); after it, it goes.
        await store.CollectGarbageAsync(NothingReferenced, time.GetUtcNow().AddHours(-1), None);
        Assert.True(File.Exists(crashed));
        time.Advance(TimeSpan.FromHours(2));
        await store.CollectGarbageAsync(EverythingReferenced, time.GetUtcNow().AddHours(-1), None);
        Assert.False(File.Exists(crashed));
        Assert.True(await store.ExistsAsync(blob.Hash, None));
    }

    [Fact]
    public async Task CollectGarbage_DeletesOnlyUnreferencedBlobsOlderThanTheCutoff()
    {
        BlobRef referencedOld = await PutRandomAsync();
        BlobRef unreferencedOld = await PutRandomAsync();
        time.Advance(TimeSpan.FromHours(2));
        BlobRef unreferencedNew = await PutRandomAsync();
        var asked = new List<string>();

        int deleted = await store.CollectGarbageAsync(
            (hashes, _) =>
            {
                asked.AddRange(hashes);
                return Task.FromResult<IReadOnlySet<string>>(hashes.Where(h => h == referencedOld.Hash).ToHashSet());
            },
            time.GetUtcNow().AddHours(-1),
            None);

        Assert.Equal(1, deleted);
        Assert.Equal(new[] { referencedOld.Hash, unreferencedOld.Hash }.Order(), asked.Order());
        Assert.True(await store.ExistsAsync(referencedOld.Hash, None));
        Assert.False(await store.ExistsAsync(unreferencedOld.Hash, None));
        Assert.Null(await store.OpenReadAsync(unreferencedOld.Hash, None));
        Assert.True(await store.ExistsAsync(unreferencedNew.Hash, None));
    }

    [Fact]
    public async Task Put_OfContentAlreadyStored_RestartsItsGracePeriod()
    {
        byte[] content = RandomNumberGenerator.GetBytes(100);
        BlobRef blob = await store.PutAsync(new MemoryStream(content), 100, None);
        time.Advance(TimeSpan.FromDays(1));

        // Written again (a new message with the same bytes) just before its writer records it.
        await store.PutAsync(new MemoryStream(content), 100, None);
        int deleted = await store.CollectGarbageAsync(NothingReferenced, time.GetUtcNow().AddHours(-1), None);

        Assert.Equal(0, deleted);
        Assert.True(await store.ExistsAsync(blob.Hash, None));
    }

    [Fact]
    public async Task CollectGarbage_AsksInBatches()
    {
        for (int i = 0; i < 1100; i++)
        {
            await store.PutAsync(new MemoryStream(BitConverter.GetBytes(i)), 4, None);
        }

        time.Advance(TimeSpan.FromHours(2));
        var batches = new List<int>();

        int deleted = await store.CollectGarbageAsync(
            (hashes, _) =>
            {
                batches.Add(hashes.Count);
                return Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());
            },
            time.GetUtcNow().AddHours(-1),
            None);

        Assert.Equal(1100, deleted);
        Assert.All(batches, b => Assert.InRange(b, 1, 500));
        Assert.Equal(1100, batches.Sum());
        Assert.Empty(BlobFiles());
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    public async Task OpenRead_OfSomethingThatIsNotAHash_ReturnsNull(string hash)
    {
        await store.PutAsync(new MemoryStream(), 0, None);

        Assert.Null(await store.OpenReadAsync(hash, None));
        Assert.False(await store.ExistsAsync(hash, None));
    }

    private static Task<IReadOnlySet<string>> NothingReferenced(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

    private static Task<IReadOnlySet<string>> EverythingReferenced(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(hashes.ToHashSet());

    private Task<BlobRef> PutRandomAsync() => store.PutAsync(new MemoryStream(RandomNumberGenerator.GetBytes(64)), 64, None);

    private List<string> BlobFiles() =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(Path.GetDirectoryName(f)) != FileBlobStore.TempFolderName).ToList()
            : [];

    private List<string> TempFiles()
    {
        string temp = Path.Combine(root, FileBlobStore.TempFolderName);
        return Directory.Exists(temp) ? Directory.EnumerateFiles(temp).ToList() : [];
    }

    /// <summary>Zeros without end, counting what was read; optionally calls back once past a number of bytes.</summary>
    private sealed class EndlessStream(long afterBytes = long.MaxValue, Action? onPassed = null) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            BytesRead += count;
            if (BytesRead > afterBytes)
            {
                onPassed?.Invoke();
            }

            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            buffer.Span.Clear();
            BytesRead += buffer.Length;
            if (BytesRead > afterBytes)
            {
                onPassed?.Invoke();
            }

            return ValueTask.FromResult(buffer.Length);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
