using ActorStreams.Kafka.Consumer;
using ActorStreams.Persistence.Ledger;

namespace ActorStreams.Cluster.Partitions;

/// <summary>What leaves a partition's checkpoint gate: a record, a tick, or a checkpoint barrier.</summary>
public abstract class PartitionEvent
{
    private protected PartitionEvent()
    {
    }
}

/// <summary>A record of one of the partition's input topics.</summary>
/// <param name="record">The record.</param>
public sealed class RecordArrived(ConsumedRecord record) : PartitionEvent
{
    /// <summary>The record.</summary>
    public ConsumedRecord Record { get; } = record;
}

/// <summary>A second has passed (watermark announcements, idleness, passivation).</summary>
/// <param name="inputWait">
/// How long the pipeline waited for input since the previous tick: ready for a record while none came and the consumer
/// had read every input partition to its end (zero while it was busy or behind).
/// </param>
public sealed class PartitionTick(TimeSpan inputWait) : PartitionEvent
{
    /// <summary>How long the pipeline waited for input since the previous tick.</summary>
    public TimeSpan InputWait { get; } = inputWait;
}

/// <summary>
/// A checkpoint barrier (docs/design.md §3): every record before it is handled and its outputs delivered by the time
/// it reaches the end of the pipeline, and nothing after it is handled until the entities' states are captured. The
/// stages fill it on its way: the gate its offsets, the flow its stream state, the router the changed entities' states.
/// </summary>
public sealed class CheckpointBarrier : PartitionEvent
{
    /// <summary>Creates a barrier.</summary>
    public CheckpointBarrier(long id, bool final, IReadOnlyDictionary<string, long> offsets, DateTimeOffset takenAt)
    {
        Id = id;
        Final = final;
        Offsets = offsets;
        TakenAt = takenAt;
    }

    /// <summary>The barrier's number within this pipeline.</summary>
    public long Id { get; }

    /// <summary>The last barrier of a stopping consumer (a handoff): nothing follows it.</summary>
    public bool Final { get; }

    /// <summary>Next offset per input topic: every record before them precedes the barrier.</summary>
    public IReadOnlyDictionary<string, long> Offsets { get; }

    /// <summary>When the gate let the barrier through.</summary>
    public DateTimeOffset TakenAt { get; }

    /// <summary>The flow's state at the barrier, as it was when the barrier passed the dispatch step.</summary>
    public byte[]? DispatchState { get; set; }

    /// <summary>The flow's state at the barrier, as it was when the barrier passed the forward step.</summary>
    public byte[]? ForwardState { get; set; }

    /// <summary>The states of the entities changed since the previous barrier.</summary>
    public List<EntityStateRecord> Entities { get; } = [];

    /// <summary>The archive's part of the checkpoint, as it was when the barrier passed the forward step; null without an archive.</summary>
    public ArchiveBarrier? Archive { get; set; }
}

/// <summary>What the router gets: work for one entity, for every entity in memory, for none, a tick or a barrier.</summary>
public abstract class RouterWork
{
    private protected RouterWork(ConsumedRecord? record)
    {
        Record = record;
    }

    /// <summary>The input record this work comes from (its offset completes when the work's outputs are delivered), or null.</summary>
    public ConsumedRecord? Record { get; }
}

/// <summary>Work for one entity.</summary>
/// <param name="entityId">The sharding entity id.</param>
/// <param name="payload">The command the entity handles.</param>
/// <param name="record">The input record, or null.</param>
public sealed class EntityWork(string entityId, object payload, ConsumedRecord? record) : RouterWork(record)
{
    /// <summary>The sharding entity id.</summary>
    public string EntityId { get; } = entityId;

    /// <summary>The command the entity handles.</summary>
    public object Payload { get; } = payload;
}

/// <summary>The same command for every entity in memory and every entity that must stay active (e.g. close windows).</summary>
/// <param name="payload">The command.</param>
public sealed class BroadcastWork(object payload) : RouterWork(null)
{
    /// <summary>The command.</summary>
    public object Payload { get; } = payload;
}

/// <summary>Nothing for the entities: <paramref name="payload"/> goes straight to the forward step (a dead letter, a skipped record).</summary>
/// <param name="payload">What the forward step turns into outputs.</param>
/// <param name="record">The input record, or null.</param>
public sealed class PassWork(object payload, ConsumedRecord? record) : RouterWork(record)
{
    /// <summary>What the forward step turns into outputs.</summary>
    public object Payload { get; } = payload;
}

/// <summary>A tick, with the flow's signal for the forward step (e.g. a watermark announcement), if any.</summary>
/// <param name="signal">The flow's signal, or null.</param>
public sealed class TickWork(object? signal) : RouterWork(null)
{
    /// <summary>The flow's signal, or null.</summary>
    public object? Signal { get; } = signal;
}

/// <summary>A checkpoint barrier on its way through the router.</summary>
/// <param name="barrier">The barrier.</param>
public sealed class BarrierWork(CheckpointBarrier barrier) : RouterWork(null)
{
    /// <summary>The barrier.</summary>
    public CheckpointBarrier CheckpointBarrier { get; } = barrier;
}

/// <summary>Work the entities have handled, with their results, in the order the work came in.</summary>
/// <remarks>
/// The router keeps its bookkeeping of the work in flight here too, and this object is the list of its results: one
/// object per piece of work on the router's path rather than three (slot, result array, routed work).
/// </remarks>
public sealed class RoutedWork : IReadOnlyList<object?>
{
    private object? _result;
    private List<object?>? _results;

    /// <summary>Work on its way through the router, its results to come.</summary>
    internal RoutedWork(RouterWork work) => Work = work;

    /// <summary>The work.</summary>
    public RouterWork Work { get; }

    /// <summary>The entities' results: one for entity work, one per entity for a broadcast, none otherwise.</summary>
    public IReadOnlyList<object?> Results => this;

    /// <inheritdoc />
    int IReadOnlyCollection<object?>.Count => Work switch
    {
        EntityWork => 1,
        BroadcastWork => _results?.Count ?? 0,
        _ => 0,
    };

    /// <summary>Entities (or the barrier capture) still to answer; the router's bookkeeping.</summary>
    internal int Awaiting { get; set; }

    /// <summary>True once every answer is in; the router's bookkeeping.</summary>
    internal bool Done { get; set; }

    /// <inheritdoc />
    object? IReadOnlyList<object?>.this[int index] => Work switch
    {
        EntityWork when index == 0 => _result,
        BroadcastWork when _results is { } results => results[index],
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <inheritdoc />
    IEnumerator<object?> IEnumerable<object?>.GetEnumerator()
    {
        var results = Results;
        for (var i = 0; i < results.Count; i++)
        {
            yield return results[i];
        }
    }

    /// <inheritdoc />
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => ((IEnumerable<object?>)this).GetEnumerator();

    /// <summary>Adds an entity's answer (the router's bookkeeping).</summary>
    internal void Add(object? result)
    {
        if (Work is BroadcastWork)
        {
            (_results ??= []).Add(result);
        }
        else
        {
            _result = result;
        }
    }
}

/// <summary>A record to dead-letter, with the reason (a <see cref="PassWork"/> payload).</summary>
/// <param name="Reason">Why the record cannot be processed: the dead letter's <c>error</c>.</param>
/// <param name="Cause">The reason's class, which the dead-letter metric counts by.</param>
public sealed record DeadLetterReason(string Reason, DeadLetterCause Cause);
