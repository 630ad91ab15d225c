using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.DeadLetters;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Cluster.Partitions;

/// <summary>
/// The kind-specific steps of one partition's pipeline (docs/design.md §1): <em>dispatch</em> turns each record into
/// work for an entity (or a dead letter), <em>forward</em> turns the entities' results into the records to produce. One
/// instance per pipeline run, holding the partition's stream state (e.g. watermarks); both steps run on the pipeline's
/// own thread, one element at a time, in order.
/// </summary>
public abstract class PartitionFlow
{
    private readonly PartitionContext _context;
    private readonly List<ProducerRecord> _records = [];

    /// <summary>Creates the flow of <paramref name="context"/>'s partition.</summary>
    protected PartitionFlow(PartitionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>The partition, its settings and services.</summary>
    protected PartitionContext Context => _context;

    /// <summary>The dispatch step: one gate event in, the work for the router added to <paramref name="output"/>.</summary>
    public void Dispatch(PartitionEvent e, List<RouterWork> output)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(output);
        switch (e)
        {
            case RecordArrived { Record.Value.Length: var length } arrived when length > _context.Services.Kafka.Consumer.MaxRecordBytes:
                output.Add(new PassWork(
                    new DeadLetterReason(
                        $"value of {length} bytes exceeds actorstreams.kafka.consumer.max-record-bytes ({_context.Services.Kafka.Consumer.MaxRecordBytes})",
                        DeadLetterCause.TooLarge),
                    arrived.Record));
                break;
            case RecordArrived arrived:
                DispatchRecord(arrived.Record, output);
                break;
            case PartitionTick tick:
                output.Add(new TickWork(OnTick(tick.InputWait)));
                break;
            case CheckpointBarrier barrier:
                barrier.DispatchState = SaveDispatchState();
                output.Add(new BarrierWork(barrier));
                break;
            default:
                throw new ArgumentException($"unknown partition event {e.GetType().Name}", nameof(e));
        }
    }

    /// <summary>The forward step: routed work in, the records to produce (with the work passed through) out.</summary>
    public ProducerEnvelope<RouterWork> Forward(RoutedWork routed)
    {
        ArgumentNullException.ThrowIfNull(routed);
        var records = _records;
        records.Clear();
        switch (routed.Work)
        {
            case PassWork { Payload: DeadLetterReason reason } pass when pass.Record is { } record:
                records.Add(DeadLetter(record, reason.Reason, reason.Cause));
                break;
            case BarrierWork barrier:
                barrier.CheckpointBarrier.ForwardState = SaveForwardState();
                barrier.CheckpointBarrier.Archive = _context.Archive?.Barrier(barrier.CheckpointBarrier.Final);
                return new ProducerEnvelope<RouterWork>([], routed.Work);
            case EntityWork { Record: { } record } when routed.Results is [HandlingFailed failed]:
                records.Add(DeadLetter(record, failed.Reason, DeadLetterCause.HandlerFailed));
                break;
            default:
                ForwardWork(routed, records);
                break;
        }

        var outputs = records.Count == 0 ? [] : records.ToArray();
        _context.Archive?.Add(routed.Work.Record, outputs, IsDuplicate(routed));
        return new ProducerEnvelope<RouterWork>(outputs, routed.Work);
    }

    /// <summary>Whether the entity found <paramref name="routed"/>'s record a duplicate (docs/design.md §6): it changed no state.</summary>
    protected virtual bool IsDuplicate(RoutedWork routed) => false;

    /// <summary>Adds the work for one record to <paramref name="output"/>: usually one <see cref="EntityWork"/>, or a <see cref="PassWork"/> with a <see cref="DeadLetterReason"/>.</summary>
    protected abstract void DispatchRecord(ConsumedRecord record, List<RouterWork> output);

    /// <summary>
    /// A second passed, of which the pipeline waited <paramref name="inputWait"/> for input with every input partition
    /// read to its end; the returned signal reaches <see cref="ForwardWork"/> in order with the records (null: none).
    /// </summary>
    protected virtual object? OnTick(TimeSpan inputWait) => null;

    /// <summary>The records to produce for routed work (entity results, broadcast results, ticks, passes).</summary>
    protected abstract void ForwardWork(RoutedWork routed, List<ProducerRecord> output);

    /// <summary>The dispatch step's state to checkpoint, or null.</summary>
    protected virtual byte[]? SaveDispatchState() => null;

    /// <summary>The forward step's state to checkpoint, or null.</summary>
    protected virtual byte[]? SaveForwardState() => null;

    /// <summary>A dead letter for <paramref name="record"/> (docs/design.md §5), counted by its source topic and <paramref name="cause"/>.</summary>
    protected ProducerRecord DeadLetter(ConsumedRecord record, string reason, DeadLetterCause cause)
    {
        ArgumentNullException.ThrowIfNull(record);
        _context.Services.ShardMetrics.DeadLetter(record.Topic, cause);
        var letter = DeadLetterRecord.Create(record.Topic, record.Partition, record.Offset, record.Key, record.Value, reason, _context.Services.Time.GetUtcNow());
        return new ProducerRecord(_context.Services.Kafka.Topics.DeadLetter, record.Key, letter.ToJsonUtf8());
    }
}
