using ActorStreams.Persistence;

namespace ActorStreams.Cluster.Internal;

/// <summary>Messages between a shard, its entities, its timers and its region.</summary>
internal static class ShardProtocol
{
    /// <summary>No work of the shard is in flight any more (sent while a checkpoint drains).</summary>
    public sealed class Drained
    {
        public static readonly Drained Instance = new();
    }

    /// <summary>Periodic: time to checkpoint.</summary>
    public sealed class CheckpointTick
    {
        public static readonly CheckpointTick Instance = new();
    }

    /// <summary>Periodic: housekeeping (passivation bookkeeping, the subclass's own tick).</summary>
    public sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    /// <summary>A checkpoint was written (or failed).</summary>
    public sealed record CheckpointWritten(ShardCheckpoint Checkpoint, Exception? Error);

    /// <summary>Describe entity <paramref name="Id"/> (in memory or from the store); null when it does not exist.</summary>
    public sealed record GetEntity(string Id, TaskCompletionSource<Sharding.EntityView?> Result);

    /// <summary>Describe this entity's state (sent by its shard).</summary>
    public sealed record DescribeEntity(TaskCompletionSource<byte[]> Result);

    /// <summary>Report the shard's state.</summary>
    public sealed record GetInfo(TaskCompletionSource<Sharding.ShardInfo> Result);

    /// <summary>An entity failed outside its record handling.</summary>
    public sealed record EntityFailed(Exception Error);

    /// <summary>Write a checkpoint again after a failed attempt.</summary>
    public sealed record RetryWrite(ShardCheckpoint Checkpoint);

    /// <summary>Checkpoint now and report when written: a handoff or the node stopping.</summary>
    public sealed record FinalCheckpoint(TaskCompletionSource Done);

    /// <summary>An output could not be delivered: the shard cannot checkpoint past it.</summary>
    public sealed record DeliveryFailed(string Error);

    /// <summary>An entity's state was loaded from the store (or failed to load).</summary>
    public sealed record EntityLoaded(byte[]? State, Exception? Error);
}
