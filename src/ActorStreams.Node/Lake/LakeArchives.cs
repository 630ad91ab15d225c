using ActorStreams.Cluster.Partitions;
using ActorStreams.Lake;
using ActorStreams.Lake.Storage;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Node.Lake;

/// <summary>
/// The node's lake sink (docs/lake.md): every partition's pipeline archives its raw records and outputs as Parquet files
/// in <paramref name="storage"/>, exactly once.
/// </summary>
/// <param name="storage">The lake.</param>
/// <param name="settings">File limits.</param>
/// <param name="routes">Which topics go to which dataset.</param>
/// <param name="nodeId">This node's id, in the names of the files it starts.</param>
/// <param name="time">Wall-clock time (file age).</param>
/// <param name="loggerFactory">Logging.</param>
public sealed class LakeArchives(ILakeStorage storage, LakeSettings settings, LakeRoutes routes, string nodeId, TimeProvider time, ILoggerFactory loggerFactory)
    : IPartitionArchives
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<LakeArchives>();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Kind, int Partition), LakeArchive> _latest = new();

    /// <summary>The sink's counters.</summary>
    public LakeMetrics Metrics { get; } = new();

    /// <summary>Where the files go, for logs.</summary>
    public string Description => storage.Description;

    /// <inheritdoc />
    public async Task<IPartitionArchive> OpenAsync(string kind, int partition, byte[]? state, CancellationToken cancellationToken)
    {
        var archive = await LakeArchive.OpenAsync(new LakeArchiveContext(storage, settings, routes, kind, partition, nodeId, time, Metrics, _logger), state, cancellationToken)
            .ConfigureAwait(false);
        _latest[(kind, partition)] = archive;
        return archive;
    }

    /// <summary>
    /// Completes once the files the partitions' written checkpoints cover are written (or their writes failed and were
    /// logged), e.g. before the node closes the lake after its partitions' final checkpoints.
    /// </summary>
    public Task WhenPublishedAsync() => Task.WhenAll(_latest.Values.Select(a => a.Published));
}
