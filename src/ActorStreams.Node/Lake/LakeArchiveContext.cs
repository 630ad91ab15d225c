using ActorStreams.Lake;
using ActorStreams.Lake.Storage;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Node.Lake;

/// <summary>What a partition's lake archive works with.</summary>
internal sealed record LakeArchiveContext(
    ILakeStorage Storage,
    LakeSettings Settings,
    LakeRoutes Routes,
    string Kind,
    int Partition,
    string NodeId,
    TimeProvider Time,
    LakeMetrics Metrics,
    ILogger Logger);
