using ActorStreams.Lake;
using ActorStreams.Lake.Storage;
using ActorStreams.Lake.Tests.Storage;
using ActorStreams.Node.Jobs;
using ActorStreams.Node.Tests.Support;
using ActorStreams.Warehouse;
using ActorStreams.Warehouse.Jobs;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Lake;

/// <summary>
/// A node with the lake in S3 (<c>s3://bucket/prefix</c> on an s3rver the test starts, reached through
/// <c>actorstreams.lake.s3.*</c>): its files are objects under the prefix, and downloaded they read back with DuckDB
/// as exactly the rows of the topics.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NodeLakeS3Tests(ITestOutputHelper output, S3rverFixture s3) : ClusterTest(output), IClassFixture<S3rverFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _download = Directory.CreateTempSubdirectory("actorstreams-node-lake-s3-");
    private readonly string _prefix = $"runs/{Guid.NewGuid():N}/lake";

    public void Dispose() => _download.Delete(recursive: true);

    [Fact]
    public async Task Node_LakeOnS3_ObjectsUnderThePrefixHoldExactlyTheTopicsRows()
    {
        var cluster = CreateCluster(
            ("actorstreams.lake.uri", $"s3://{S3rverFixture.Bucket}/{_prefix}"),
            ("actorstreams.lake.max-file-age", "2s"),
            ("actorstreams.lake.s3.endpoint", s3.Endpoint.ToString()),
            ("actorstreams.lake.s3.force-path-style", "on"),
            ("actorstreams.lake.s3.access-key", S3rverFixture.AccessKey),
            ("actorstreams.lake.s3.secret-key", S3rverFixture.SecretKey));
        var node = await cluster.StartNodeAsync("node-1");
        var produced = await LakeScenario.ProduceAsync(cluster, customers: 3, perCustomer: 3);
        await LakeScenario.ConsumedAsync(node, cluster, produced, Timeout);
        var expected = LakeScenario.Expected(cluster);

        // A graceful stop closes every open file with the final checkpoints and writes it before the node closes the lake.
        await node.StopAsync();

        using var bucket = S3LakeStorage.Create(LakeLocation.ForS3(S3rverFixture.Bucket, string.Empty), s3.Settings);
        var keys = await bucket.ListAsync(string.Empty, CancellationToken.None);
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.StartsWith(_prefix + "/", key, StringComparison.Ordinal));
        foreach (var key in keys)
        {
            var file = Path.Combine(_download.FullName, key[(_prefix.Length + 1)..]);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, (await bucket.GetAsync(key, CancellationToken.None))!);
        }

        LakeAssert.Exactly(_download.FullName, expected, node.NodeId);

        // The scheduled hourly job reads the S3 lake through its mirror next to the warehouse file, and loads every row.
        var warehouse = Path.Combine(_download.FullName, "warehouse", "warehouse.duckdb");
        var lake = LakeSettings.Default with { Location = LakeLocation.ForS3(S3rverFixture.Bucket, _prefix), S3 = s3.Settings };
        var runner = new JobRunner(
            WarehouseSettings.Default with { Path = warehouse, LakeUri = $"s3://{S3rverFixture.Bucket}/{_prefix}" }, JobsSettings.Default, null, "node-1", TimeProvider.System, lake);
        var hourly = await runner.RunAsync(JobNames.Hourly, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.True(hourly.Run.Outcome == JobRun.Ok, $"{hourly.Run.Summary} {hourly.Run.Error}");
        Assert.Equal(
            keys.Count(k => k.EndsWith(".parquet", StringComparison.Ordinal)),
            Directory.EnumerateFiles(Path.Combine(_download.FullName, "warehouse", "lake-mirror"), "*.parquet", SearchOption.AllDirectories).Count());
        Assert.NotEmpty(hourly.Hourly!.Load.Hours);
        Assert.All(hourly.Hourly.Load.Hours, h => Assert.Equal(HourLoadStatus.Loaded, h.Status));
        Assert.True(hourly.Hourly.Load.Hours.Sum(h => h.Rows.GetValueOrDefault("raw_transactions")) > 0, hourly.Run.Summary);
    }
}
