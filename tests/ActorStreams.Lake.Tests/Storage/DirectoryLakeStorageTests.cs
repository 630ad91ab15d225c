using ActorStreams.Lake.Storage;

namespace ActorStreams.Lake.Tests.Storage;

/// <summary>The storage contract on a temporary directory, and what is particular to directories.</summary>
public sealed class DirectoryLakeStorageTests : LakeStorageSpec, IDisposable
{
    private readonly string _root = Path.Combine(Directory.CreateTempSubdirectory("lake-dir-").FullName, "lake");
    private readonly DirectoryLakeStorage _storage;

    public DirectoryLakeStorageTests()
    {
        _storage = new DirectoryLakeStorage(_root);
    }

    protected override ILakeStorage Storage => _storage;

    public void Dispose()
    {
        _storage.Dispose();
        Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task PutAsync_NewKey_CreatesTheDirectoriesAndLeavesNoTemporaryFile()
    {
        await _storage.PutAsync("fraud_alerts/dt=2026-11-22/hour=05/part-n-0-1.parquet", new byte[] { 9 }, CancellationToken.None);
        await _storage.PutAsync("fraud_alerts/dt=2026-11-22/hour=05/part-n-0-1.parquet", new byte[] { 8 }, CancellationToken.None);

        var files = Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_root, f));

        Assert.Equal(["fraud_alerts/dt=2026-11-22/hour=05/part-n-0-1.parquet"], files);
        Assert.Equal([8], await File.ReadAllBytesAsync(Path.Combine(_root, "fraud_alerts/dt=2026-11-22/hour=05/part-n-0-1.parquet")));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task PutAsync_StreamThatFails_KeepsTheOldObjectAndNoTemporaryFile()
    {
        await _storage.PutAsync("k/file", new byte[] { 1, 2 }, CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => _storage.PutAsync("k/file", new FailingStream(), CancellationToken.None));

        Assert.Equal([1, 2], await _storage.GetAsync("k/file", CancellationToken.None));
        Assert.Equal(["file"], Directory.GetFiles(Path.Combine(_root, "k")).Select(Path.GetFileName));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ListAsync_TemporaryFileOfAPutInProgress_IsNotListed()
    {
        Directory.CreateDirectory(Path.Combine(_root, "t"));
        await File.WriteAllBytesAsync(Path.Combine(_root, "t", DirectoryLakeStorage.TemporaryPrefix + "0123"), [1]);
        await _storage.PutAsync("t/done", new byte[] { 2 }, CancellationToken.None);

        Assert.Equal(["t/done"], await _storage.ListAsync("t/", CancellationToken.None));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task DeleteUnfinishedPutsAsync_TemporaryFilesOfACrashedPut_DeletesThoseOfTheKeysUnderThePrefixOnly()
    {
        // What a process killed half-way through putting these keys leaves behind.
        var chunks = Directory.CreateDirectory(Path.Combine(_root, "_chunks", "customer-3")).FullName;
        var hour = Directory.CreateDirectory(Path.Combine(_root, "transactions", "dt=2026-11-22", "hour=05")).FullName;
        var chunk = Path.Combine(chunks, DirectoryLakeStorage.TemporaryPrefix + "0000000000000000007.chunk." + new string('a', 32));
        var file = Path.Combine(hour, DirectoryLakeStorage.TemporaryPrefix + "part-node-1-3-0.parquet." + new string('b', 32));
        var otherFile = Path.Combine(hour, DirectoryLakeStorage.TemporaryPrefix + "part-node-1-3-9.parquet." + new string('c', 32));
        foreach (var path in new[] { chunk, file, otherFile })
        {
            await File.WriteAllBytesAsync(path, [1]);
        }

        await _storage.PutAsync("_chunks/customer-3/0000000000000000006.chunk", new byte[] { 2 }, CancellationToken.None);

        await _storage.DeleteUnfinishedPutsAsync("_chunks/customer-3/", CancellationToken.None);
        await _storage.DeleteUnfinishedPutsAsync("transactions/dt=2026-11-22/hour=05/part-node-1-3-0.parquet", CancellationToken.None);

        Assert.False(File.Exists(chunk));
        Assert.False(File.Exists(file));
        Assert.True(File.Exists(otherFile), "a temporary file of another key is left alone");
        Assert.Equal(["_chunks/customer-3/0000000000000000006.chunk"], await _storage.ListAsync("_chunks/", CancellationToken.None));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task PutAsync_WhileItWrites_ItsTemporaryFileIsNamedAfterTheTarget()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var put = _storage.PutAsync("k/target.bin", new BlockingStream(started, release.Task), CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var temporary = Assert.Single(Directory.GetFiles(Path.Combine(_root, "k")));
        Assert.StartsWith(DirectoryLakeStorage.TemporaryPrefix + "target.bin.", Path.GetFileName(temporary), StringComparison.Ordinal);

        release.SetResult();
        await put;
        Assert.Equal(["k/target.bin"], await _storage.ListAsync("k/", CancellationToken.None));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Description_NamesTheAbsoluteDirectory()
    {
        Assert.Equal($"directory {_root}", _storage.Description);
    }

    /// <summary>A one-byte stream whose read waits for <c>release</c> after signalling <c>started</c>.</summary>
    private sealed class BlockingStream(TaskCompletionSource started, Task release) : MemoryStream(new byte[1])
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            started.TrySetResult();
            await release.ConfigureAwait(false);
            return await base.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>A stream whose read fails half-way, like a lost connection.</summary>
    private sealed class FailingStream : MemoryStream
    {
        public FailingStream()
            : base(new byte[100])
        {
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Position == 0 ? base.ReadAsync(buffer, offset, Math.Min(count, 10), cancellationToken) : throw new IOException("connection lost");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position == 0 ? base.ReadAsync(buffer[..Math.Min(buffer.Length, 10)], cancellationToken) : throw new IOException("connection lost");
    }
}
