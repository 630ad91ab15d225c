using System.Text;
using ActorStreams.Lake.Storage;

namespace ActorStreams.Lake.Tests.Storage;

/// <summary>The contract of <see cref="ILakeStorage"/>, run against every implementation.</summary>
public abstract class LakeStorageSpec
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The storage under test, empty at the start of each test.</summary>
    protected abstract ILakeStorage Storage { get; }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task PutAsync_Bytes_GetReturnsThemAndExistsIsTrue()
    {
        const string key = "transactions/dt=2026-11-22/hour=05/part-node-1-3-0.parquet";

        await Storage.PutAsync(key, Encoding.UTF8.GetBytes("first"), None);

        Assert.Equal("first", Encoding.UTF8.GetString((await Storage.GetAsync(key, None))!));
        Assert.True(await Storage.ExistsAsync(key, None));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task PutAsync_ExistingKey_ReplacesTheWholeObject()
    {
        await Storage.PutAsync("a/b.bin", new byte[10_000], None);

        await Storage.PutAsync("a/b.bin", new byte[] { 1, 2, 3 }, None);

        Assert.Equal([1, 2, 3], await Storage.GetAsync("a/b.bin", None));
        Assert.Equal(["a/b.bin"], await Storage.ListAsync(string.Empty, None));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task PutAsync_SeekableAndForwardOnlyStreams_StoreTheirRest()
    {
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        using var seekable = new MemoryStream(bytes) { Position = 100 };
        using var forwardOnly = new ForwardOnlyStream(bytes);

        await Storage.PutAsync("s/seekable", seekable, None);
        await Storage.PutAsync("s/forward-only", forwardOnly, None);

        Assert.Equal(bytes[100..], await Storage.GetAsync("s/seekable", None));
        Assert.Equal(bytes, await Storage.GetAsync("s/forward-only", None));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task GetAsync_AbsentKey_IsNullAndExistsIsFalse()
    {
        Assert.Null(await Storage.GetAsync("nothing/here.parquet", None));
        Assert.False(await Storage.ExistsAsync("nothing/here.parquet", None));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ListAsync_Prefixes_GiveMatchingKeysAtAnyDepthInOrder()
    {
        string[] keys =
        [
            "transactions/dt=2026-11-22/hour=05/part-n-1-0.parquet",
            "transactions/dt=2026-11-22/hour=06/part-n-1-9.parquet",
            "transactions/dt=2026-11-23/hour=00/part-n-2-4.parquet",
            "transactions_old/x",
            "_chunks/customer-1/0001",
            "fraud_alerts/dt=2026-11-22/hour=05/part-n-1-0.parquet",
        ];
        foreach (var key in keys)
        {
            await Storage.PutAsync(key, Encoding.UTF8.GetBytes(key), None);
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), await Storage.ListAsync(string.Empty, None));
        Assert.Equal(keys[..3], await Storage.ListAsync("transactions/", None));
        Assert.Equal([.. keys[..4]], await Storage.ListAsync("transactions", None));
        Assert.Equal(keys[..2], await Storage.ListAsync("transactions/dt=2026-11-22/", None));
        Assert.Equal(keys[..2], await Storage.ListAsync("transactions/dt=2026-11-22/hour=0", None));
        Assert.Empty(await Storage.ListAsync("merchant_metrics/", None));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task DeleteAsync_PresentAndAbsentKeys_RemovesWithoutErrors()
    {
        await Storage.PutAsync("d/one", new byte[] { 1 }, None);
        await Storage.PutAsync("d/two", new byte[] { 2 }, None);

        await Storage.DeleteAsync("d/one", None);
        await Storage.DeleteAsync("d/one", None);
        await Storage.DeleteAsync("never/was", None);

        Assert.Equal(["d/two"], await Storage.ListAsync("d/", None));
        Assert.Null(await Storage.GetAsync("d/one", None));
    }

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("")]
    [InlineData("/absolute")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("a/./b")]
    [InlineData("trailing/")]
    [InlineData("back\\slash")]
    public async Task PutAsync_KeyOffTheRules_Throws(string key)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Storage.PutAsync(key, new byte[] { 1 }, None));

        Assert.StartsWith($"\"{key}\" is not a lake key: ", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Storage.ListAsync(string.Empty, None));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ListAsync_PrefixEscapingTheRoot_Throws()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Storage.ListAsync("../", None));

        Assert.StartsWith("\"../\" is not a lake key prefix: ", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A stream that cannot seek or tell its length, like a pipe.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
