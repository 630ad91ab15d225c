using ActorStreams.Lake.Storage;

namespace ActorStreams.Lake.Tests.Storage;

/// <summary>The storage contract on a real S3-compatible server (s3rver), each test under its own key prefix.</summary>
public sealed class S3LakeStorageTests : LakeStorageSpec, IClassFixture<S3rverFixture>, IDisposable
{
    private readonly S3rverFixture _server;
    private readonly string _prefix = $"runs/{Guid.NewGuid():N}/lake";
    private readonly S3LakeStorage _storage;

    public S3LakeStorageTests(S3rverFixture server)
    {
        _server = server;
        _storage = S3LakeStorage.Create(LakeLocation.ForS3(S3rverFixture.Bucket, _prefix), server.Settings);
    }

    protected override ILakeStorage Storage => _storage;

    public void Dispose() => _storage.Dispose();

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ListAsync_MoreKeysThanAPage_FollowsTheContinuationTokens()
    {
        var keys = Enumerable.Range(0, 11).Select(i => $"_chunks/customer-3/{i:D4}").ToList();
        for (var i = 0; i < keys.Count; i++)
        {
            await _storage.PutAsync(keys[i], new byte[] { (byte)i }, CancellationToken.None);
        }

        _storage.PageSize = 3;
        var listed = await _storage.ListAsync("_chunks/", CancellationToken.None);

        Assert.Equal(keys, listed);
        Assert.Equal([10], await _storage.GetAsync(keys[10], CancellationToken.None));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task PutAsync_UnderThePrefix_StoresTheObjectAtPrefixSlashKey()
    {
        using var bucketRoot = S3LakeStorage.Create(LakeLocation.ForS3(S3rverFixture.Bucket, string.Empty), _server.Settings);

        await _storage.PutAsync("merchant_metrics/x.parquet", new byte[] { 4, 2 }, CancellationToken.None);

        Assert.Equal([4, 2], await bucketRoot.GetAsync(_prefix + "/merchant_metrics/x.parquet", CancellationToken.None));
        Assert.Equal([_prefix + "/merchant_metrics/x.parquet"], await bucketRoot.ListAsync(_prefix + "/", CancellationToken.None));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void Description_NamesBucketPrefixAndEndpointButNoSecret()
    {
        Assert.Equal($"s3://{S3rverFixture.Bucket}/{_prefix} at {_server.Endpoint.GetLeftPart(UriPartial.Authority)}", _storage.Description);
        Assert.DoesNotContain(S3rverFixture.SecretKey, _server.Settings.ToString().Replace("AccessKey = S3RVER", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
