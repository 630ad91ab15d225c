using System.Text.Json;

namespace ActorStreams.Node.Admin;

// The admin API's bodies (docs/admin-api.md), serialized snake_case by AdminJsonContext.

/// <summary><c>GET /health</c>.</summary>
internal sealed record HealthResponse(string Status, string NodeId);

/// <summary>Every error: <c>{"error": "..."}</c>.</summary>
internal sealed record ErrorResponse(string Error);

/// <summary><c>GET /api/cluster</c>.</summary>
internal sealed record ClusterResponse(string GroupId, string Self, string Version, int Count, IReadOnlyList<MemberResponse> Members);

/// <summary>One member of <c>GET /api/cluster</c>.</summary>
internal sealed record MemberResponse(
    string NodeId,
    string Address,
    string Status,
    IReadOnlyList<int> Partitions,
    int Shards,
    long Entities,
    long Lag,
    DateTimeOffset? StartedAt,
    double? UptimeSeconds,
    DateTimeOffset? LastHeartbeat,
    string Version,
    string AkkaAddress);

/// <summary><c>GET /api/shards</c>.</summary>
internal sealed record ShardsResponse(IReadOnlyList<ShardResponse> Shards, IReadOnlyList<string> Unreachable);

/// <summary>One shard of <c>GET /api/shards</c>.</summary>
internal sealed record ShardResponse(
    string Kind,
    int Partition,
    string Owner,
    int ActiveEntities,
    long CheckpointSequence,
    DateTimeOffset? LastCheckpointAt,
    IReadOnlyDictionary<string, long> NextOffsets,
    long InFlight,
    long Lag);

/// <summary><c>GET /api/lag</c>.</summary>
internal sealed record LagResponse(IReadOnlyList<PartitionLagResponse> Partitions, long Total, IReadOnlyList<string> Unreachable);

/// <summary>One partition of <c>GET /api/lag</c>.</summary>
internal sealed record PartitionLagResponse(string Topic, int Partition, string Owner, long? Position, long? Completed, long? EndOffset, long Lag);

/// <summary><c>GET /api/entities/{kind}/{id}</c>.</summary>
internal sealed record EntityResponse(string Kind, string Id, int Partition, string Owner, bool InMemory, JsonElement State);

/// <summary><c>POST /api/cluster/leave/{node-id}</c> (202).</summary>
internal sealed record LeaveResponse(string NodeId, string Status);

/// <summary><c>GET /api/jobs</c>.</summary>
internal sealed record JobsResponse(bool Enabled, string? SchedulerNode, IReadOnlyList<JobStatusResponse> Jobs, IReadOnlyList<JobRunResponse> Runs);

/// <summary>One job of <c>GET /api/jobs</c>: when it runs next, whether it runs now, its last run.</summary>
internal sealed record JobStatusResponse(string Job, DateTimeOffset? NextRun, bool Running, JobRunResponse? LastRun);

/// <summary>One run of <c>GET /api/jobs</c>.</summary>
internal sealed record JobRunResponse(
    string Job, DateTimeOffset ScheduledFor, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, double DurationSeconds, string Node, string Outcome, string Summary, string? Error);
