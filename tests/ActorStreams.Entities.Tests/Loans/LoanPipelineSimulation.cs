using System.Buffers;
using System.Text;
using ActorStreams.Cluster;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Domain.Loans;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Internal;
using ActorStreams.Entities.Loans;
using ActorStreams.Entities.Offers;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Partitioning;
using ActorStreams.Kafka.Producer;
using ActorStreams.Persistence.Ledger;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Entities.Tests.Loans;

/// <summary>How a loan partition picks its next record among its upstream sources (the order they land in its log).</summary>
public enum Interleaving
{
    /// <summary>Bursty: mostly stays on one source, so sources drift far apart.</summary>
    Random,

    /// <summary>Always the first source with records (customer partitions 0…N−1, then loan partitions).</summary>
    SourcesInOrder,

    /// <summary>Always the last source with records.</summary>
    SourcesReversed,

    /// <summary>One record of each source in turn.</summary>
    RoundRobin,
}

/// <summary>What varies between runs of <see cref="LoanPipelineSimulation"/>.</summary>
internal sealed record SimulationOptions
{
    /// <summary>How each loan partition interleaves its sources.</summary>
    public Interleaving Interleaving { get; init; } = Interleaving.Random;

    /// <summary>Chance, per step of a loan partition, that a checkpoint barrier enters its pipeline.</summary>
    public double CheckpointRate { get; init; }

    /// <summary>
    /// Chance, per step of a loan partition, that it fails over: work in flight is lost, the flow and its entities restart
    /// from the last completed checkpoint and the log is read again from the checkpointed offset (outputs produced since
    /// are produced again: at least once).
    /// </summary>
    public double CrashRate { get; init; }

    /// <summary>At most this many failovers per loan partition (so that every run ends).</summary>
    public int MaxCrashesPerPartition { get; init; } = 3;

    /// <summary>
    /// Chance, per record a loan partition produces to another, that the last records it produced to that partition are
    /// delivered again (as after a failover of the producing partition that replays from an earlier checkpoint).
    /// </summary>
    public double PartialReplayRate { get; init; }
}

/// <summary>A record of <c>actorstreams-repartition-loans</c> on its way to a loan partition.</summary>
internal sealed record Message(byte[]? Key, byte[] Value);

/// <summary>
/// What the customer partitions send to the loan partitions: each customer partition's applications in offset order, with
/// the carried loan watermark, the watermark announcements and the final idle declaration, exactly as
/// <see cref="ActorStreams.Entities.Customers.CustomerFlow"/> produces them (its <see cref="CustomerPartitionWatermark"/> and
/// <see cref="DownstreamOutlet"/>), split into one ordered outbox per loan partition (murmur2 of the key, or the explicit
/// partition of a control record).
/// </summary>
internal sealed class Upstream
{
    private Upstream(int loanPartitions, List<Message>[][] outboxes, List<LoanForward> applications)
    {
        LoanPartitions = loanPartitions;
        Outboxes = outboxes;
        Applications = applications;
    }

    /// <summary>Number of customer partitions (sources of the first tier).</summary>
    public int CustomerPartitions => Outboxes.Length;

    /// <summary>Number of loan partitions.</summary>
    public int LoanPartitions { get; }

    /// <summary>[customer partition][loan partition]: the ordered records from one to the other.</summary>
    public List<Message>[][] Outboxes { get; }

    /// <summary>Every application forwarded (once), with its source partition, offset and carried watermark.</summary>
    public List<LoanForward> Applications { get; }

    /// <summary>
    /// Forwards <paramref name="drafts"/>[p] (in offset order) from customer partition p. The source fields of a draft are
    /// filled in here. Watermarks are announced at random moments (<paramref name="random"/>), once more after the last
    /// application, and the idle declaration follows when <paramref name="idleAtEnd"/>. A partition also declares itself
    /// idle after the applications (partition, offset) for which <paramref name="idleAfter"/> is true, as when it waited
    /// for input for the idle timeout, and announces itself back before its next application.
    /// </summary>
    public static Upstream Build(int loanPartitions, IReadOnlyList<IReadOnlyList<LoanForward>> drafts, Random random, bool idleAtEnd = true,
        Func<int, int, bool>? idleAfter = null)
    {
        var settings = MerchantWindowSettings.Default;
        var topic = KafkaTopics.Default.RepartitionLoans;
        var outboxes = new List<Message>[drafts.Count][];
        var applications = new List<LoanForward>();
        for (var p = 0; p < drafts.Count; p++)
        {
            var partition = p;
            var codec = new LoanRecordCodec();
            var tracker = new CustomerPartitionWatermark(partition, settings);
            var outlet = new DownstreamOutlet(topic, loanPartitions,
                watermark => codec.EncodeWatermark(partition, watermark, partial: false), () => codec.EncodeIdle(partition, partial: false));
            var produced = new List<ProducerRecord>();
            for (var offset = 0; offset < drafts[p].Count; offset++)
            {
                var draft = drafts[p][offset];
                var carried = tracker.ObserveRecord(draft.EventTime);
                var application = draft with { SourcePartition = partition, SourceOffset = offset, SourceWatermark = carried };
                applications.Add(application);
                var key = Encoding.UTF8.GetBytes(LoanWindowKeys.Device(application.DeviceId));
                outlet.Forward(new ProducerRecord(topic, key, codec.EncodeApplication(application)), carried, produced);
                if (random.Next(5) == 0)
                {
                    outlet.OnSignal(tracker.Poll(TimeSpan.Zero), produced);
                }

                if (idleAfter?.Invoke(partition, offset) == true)
                {
                    outlet.OnSignal(tracker.Poll(TimeSpan.Zero), produced);
                    outlet.OnSignal(tracker.Poll(settings.IdleTimeout), produced);
                }
            }

            outlet.OnSignal(tracker.Poll(TimeSpan.Zero), produced);
            if (idleAtEnd)
            {
                outlet.OnSignal(tracker.Poll(settings.IdleTimeout), produced);
            }

            outboxes[p] = Enumerable.Range(0, loanPartitions).Select(_ => new List<Message>()).ToArray();
            foreach (var record in produced)
            {
                outboxes[p][Target(record, loanPartitions)].Add(new Message(record.Key, record.Value));
            }
        }

        return new Upstream(loanPartitions, outboxes, applications);
    }

    /// <summary>The same upstream with other outboxes (replays).</summary>
    public Upstream WithOutboxes(List<Message>[][] outboxes) => new(LoanPartitions, outboxes, Applications);

    /// <summary>The partition a record goes to: its explicit partition, or murmur2 of its key as the producer does.</summary>
    public static int Target(ProducerRecord record, int partitions) =>
        record.Partition ?? Murmur2Partitioner.Partition(record.Key ?? throw new InvalidOperationException("a keyed record without key"), partitions);
}

/// <summary>What a simulated run produced.</summary>
/// <param name="Outputs">Every record produced to a topic other than the repartition topic, in production order.</param>
/// <param name="Shipped">Every record the loan partitions produced to the repartition topic: from, to, record.</param>
/// <param name="Metrics">The analytics counters (the flows' and the entity handlers').</param>
/// <param name="Crashes">Failovers simulated.</param>
/// <param name="Checkpoints">Checkpoints completed.</param>
/// <param name="PendingAtEnd">Applications still waiting in a device, and windows still open in an aggregate, at the end.</param>
/// <param name="LateInPartials">Applications in partials that reached their aggregate after it emitted their window.</param>
internal sealed record SimulationResult(
    List<ProducerRecord> Outputs,
    List<(int From, int To, ProducerRecord Record)> Shipped,
    EntityMetrics Metrics,
    int Crashes,
    int Checkpoints,
    (int Devices, int Aggregates) PendingAtEnd,
    long LateInPartials);

/// <summary>
/// The loan side of the pipeline in one thread: M loan partitions, each with the product's <see cref="LoanFlow"/> and its
/// entities (device and aggregate states handled as <see cref="DeviceEntity"/> and <see cref="LoanAggregateEntity"/>
/// do), a log of partition l of <c>actorstreams-repartition-loans</c> that the upstream sources append to in an
/// interleaving under test, a pipeline whose entity and forward steps lag behind its dispatch step by a random amount,
/// checkpoints and failovers.
/// </summary>
internal sealed class LoanPipelineSimulation
{
    /// <summary>The wall clock every run reads (detected_at).</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private readonly Upstream _upstream;
    private readonly SimulationOptions _options;
    private readonly Random _random;
    private readonly AnalyticsServices _analytics;
    private readonly PartitionServices _services;
    private readonly DeviceKind _devices;
    private readonly LoanAggregateKind _aggregates;
    private readonly LoanPartition[] _partitions;
    private readonly List<ProducerRecord> _outputs = [];
    private readonly List<(int From, int To, ProducerRecord Record)> _shipped = [];
    private int _current;
    private int _crashes;
    private int _checkpoints;
    private long _barriers;
    private long _lateInPartials;

    private LoanPipelineSimulation(Upstream upstream, SimulationOptions options, Random random)
    {
        _upstream = upstream;
        _options = options;
        _random = random;
        var time = new FixedTime(Now);
        _analytics = new AnalyticsServices
        {
            Settings = EntitiesSettings.Default,
            Metrics = new EntityMetrics(),
            Offers = new OfferTable(),
            Topics = KafkaTopics.Default,
            CustomerPartitions = upstream.CustomerPartitions,
            MerchantPartitions = 1,
            LoanPartitions = upstream.LoanPartitions,
            Time = time,
        };
        _services = new PartitionServices
        {
            NodeId = "simulation",
            Cluster = ClusterSettings.Default,
            Kafka = KafkaSettings.Default,
            // A flow never touches the node's Kafka clients: the pipeline around it does, and this simulation is that pipeline.
            Consumer = null!,
            Producer = null!,
            Ledger = LedgerSettings.Default,
            Pacer = new CheckpointPacer(ClusterSettings.Default, time),
            ShardMetrics = new ShardMetrics(),
            KafkaMetrics = new KafkaMetrics(),
            LoggerFactory = NullLoggerFactory.Instance,
            Time = time,
        };
        _devices = new DeviceKind(_analytics.Settings.Loans);
        _aggregates = new LoanAggregateKind(_analytics.Settings.Loans);
        _partitions = new LoanPartition[upstream.LoanPartitions];
        for (var l = 0; l < _partitions.Length; l++)
        {
            var partition = new LoanPartition(l, upstream.CustomerPartitions + upstream.LoanPartitions);
            for (var source = 0; source < upstream.CustomerPartitions; source++)
            {
                foreach (var message in upstream.Outboxes[source][l])
                {
                    partition.Sources[source].Enqueue(message);
                }
            }

            partition.Flow = new LoanFlow(new PartitionContext(LoanKind.KindName, l, _services, null, null), _analytics);
            _partitions[l] = partition;
        }
    }

    /// <summary>Runs until every log is read, every source is drained and every pipeline is empty.</summary>
    public static SimulationResult Run(Upstream upstream, SimulationOptions options, Random random)
    {
        var simulation = new LoanPipelineSimulation(upstream, options, random);
        simulation.RunToEnd();
        var pending = (
            simulation._partitions.Sum(p => p.Devices.Values.Sum(d => d.PendingCount)),
            simulation._partitions.Sum(p => p.Aggregates.Values.Sum(a => a.OpenCount)));
        return new SimulationResult(simulation._outputs, simulation._shipped, simulation._analytics.Metrics, simulation._crashes, simulation._checkpoints, pending,
            simulation._lateInPartials);
    }

    private void RunToEnd()
    {
        for (var steps = 0; ; steps++)
        {
            if (steps > 10_000_000)
            {
                throw new InvalidOperationException("the simulation does not end");
            }

            var partition = PickPartition();
            if (partition is null)
            {
                return;
            }

            if (_options.CrashRate > 0 && partition.Crashes < _options.MaxCrashesPerPartition && _random.NextDouble() < _options.CrashRate)
            {
                Crash(partition);
            }
            else if (_options.CheckpointRate > 0 && _random.NextDouble() < _options.CheckpointRate)
            {
                DispatchBarrier(partition);
            }
            else if (partition.InFlight.Count > 0 && (!partition.HasInput || _random.NextDouble() < 0.5))
            {
                // The entity and forward steps lag behind dispatch by a random amount, as in the product's pipeline.
                Process(partition, partition.InFlight.Dequeue());
            }
            else
            {
                DispatchNext(partition);
            }
        }
    }

    /// <summary>The next loan partition to make a step, bursty: mostly the one that made the last step.</summary>
    private LoanPartition? PickPartition()
    {
        if (_partitions[_current].HasWork && _random.NextDouble() < 0.9)
        {
            return _partitions[_current];
        }

        var ready = _partitions.Where(p => p.HasWork).ToList();
        if (ready.Count == 0)
        {
            return null;
        }

        var picked = ready[_random.Next(ready.Count)];
        _current = picked.Number;
        return picked;
    }

    private void DispatchNext(LoanPartition partition)
    {
        ConsumedRecord record;
        if (partition.Position < partition.Log.Count)
        {
            // Read again after a failover.
            record = partition.Log[partition.Position];
        }
        else
        {
            var source = PickSource(partition);
            var message = partition.Sources[source].Dequeue();
            record = new ConsumedRecord(_analytics.Topics.RepartitionLoans, partition.Number, partition.Log.Count, message.Key, message.Value, 0);
            partition.Log.Add(record);
        }

        partition.Position++;
        var work = new List<RouterWork>();
        partition.Flow.Dispatch(new RecordArrived(record), work);
        foreach (var item in work)
        {
            partition.InFlight.Enqueue(item);
        }
    }

    private int PickSource(LoanPartition partition)
    {
        var queues = partition.Sources;
        switch (_options.Interleaving)
        {
            case Interleaving.SourcesInOrder:
                return Array.FindIndex(queues, q => q.Count > 0);
            case Interleaving.SourcesReversed:
                return Array.FindLastIndex(queues, q => q.Count > 0);
            case Interleaving.RoundRobin:
                while (queues[partition.NextSource % queues.Length].Count == 0)
                {
                    partition.NextSource++;
                }

                return partition.NextSource++ % queues.Length;
            default:
                if (queues[partition.NextSource].Count > 0 && _random.NextDouble() < 0.95)
                {
                    return partition.NextSource;
                }

                do
                {
                    partition.NextSource = _random.Next(queues.Length);
                }
                while (queues[partition.NextSource].Count == 0);
                return partition.NextSource;
        }
    }

    private void DispatchBarrier(LoanPartition partition)
    {
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal) { [_analytics.Topics.RepartitionLoans] = partition.Position };
        var work = new List<RouterWork>();
        partition.Flow.Dispatch(new CheckpointBarrier(++_barriers, false, offsets, Now), work);
        foreach (var item in work)
        {
            partition.InFlight.Enqueue(item);
        }
    }

    private void Process(LoanPartition partition, RouterWork work)
    {
        var routed = new RoutedWork(work);
        Dictionary<string, byte[]>? entities = null;
        switch (work)
        {
            case EntityWork entity:
                routed.Add(Handle(partition, entity));
                break;
            case BarrierWork:
                // Every earlier work has been handled: the router captures the entities' states here.
                entities = partition.Devices.ToDictionary(d => d.Key, d => Serialize(_devices, d.Value), StringComparer.Ordinal);
                foreach (var (id, state) in partition.Aggregates)
                {
                    entities[id] = Serialize(_aggregates, state);
                }

                break;
        }

        var envelope = partition.Flow.Forward(routed);
        foreach (var record in envelope.Records)
        {
            Route(partition.Number, record);
        }

        if (work is BarrierWork { CheckpointBarrier: var barrier })
        {
            // The barrier reached the end of the pipeline after every earlier output: the checkpoint is written.
            partition.Checkpoint = new Checkpoint(barrier.Offsets[_analytics.Topics.RepartitionLoans], barrier.DispatchState, barrier.ForwardState, entities!);
            _checkpoints++;
        }
    }

    private void Crash(LoanPartition partition)
    {
        partition.Crashes++;
        _crashes++;
        partition.InFlight.Clear();
        partition.Devices.Clear();
        partition.Aggregates.Clear();
        var checkpoint = partition.Checkpoint;
        partition.Position = (int)(checkpoint?.Offset ?? 0);
        partition.Flow = new LoanFlow(new PartitionContext(LoanKind.KindName, partition.Number, _services, checkpoint?.DispatchState, checkpoint?.ForwardState), _analytics);
        if (checkpoint is null)
        {
            return;
        }

        foreach (var (entityId, state) in checkpoint.Entities)
        {
            var id = PartitionEntityIds.RecordId(entityId);
            if (IsDevice(entityId))
            {
                partition.Devices[entityId] = _devices.Restore(id, state);
            }
            else
            {
                partition.Aggregates[entityId] = _aggregates.Restore(id, state);
            }
        }
    }

    private void Route(int from, ProducerRecord record)
    {
        if (!string.Equals(record.Topic, _analytics.Topics.RepartitionLoans, StringComparison.Ordinal))
        {
            _outputs.Add(record);
            return;
        }

        var to = Upstream.Target(record, _partitions.Length);
        _shipped.Add((from, to, record));
        var target = _partitions[to];
        var source = _upstream.CustomerPartitions + from;
        var message = new Message(record.Key, record.Value);
        target.Sources[source].Enqueue(message);
        var sent = target.Sent(from);
        sent.Add(message);
        if (_options.PartialReplayRate > 0 && _random.NextDouble() < _options.PartialReplayRate)
        {
            // The producing partition replays what it sent since an earlier checkpoint: a suffix of what it sent here.
            var count = Math.Min(sent.Count, _random.Next(1, 20));
            foreach (var replayed in sent.GetRange(sent.Count - count, count))
            {
                target.Sources[source].Enqueue(replayed);
            }
        }
    }

    /// <summary>What <see cref="DeviceEntity"/> and <see cref="LoanAggregateEntity"/> do with their commands.</summary>
    private object Handle(LoanPartition partition, EntityWork work)
    {
        var id = PartitionEntityIds.RecordId(work.EntityId);
        if (IsDevice(work.EntityId))
        {
            if (!_devices.TryParseId(id, out _))
            {
                throw new InvalidOperationException($"invalid device id {id}");
            }

            if (!partition.Devices.TryGetValue(work.EntityId, out var device))
            {
                partition.Devices[work.EntityId] = device = _devices.Create(id);
            }

            return HandleDevice(work.Payload, device);
        }

        if (!_aggregates.TryParseId(id, out _))
        {
            throw new InvalidOperationException($"invalid aggregate id {id}");
        }

        if (!partition.Aggregates.TryGetValue(work.EntityId, out var aggregate))
        {
            partition.Aggregates[work.EntityId] = aggregate = _aggregates.Create(id);
        }

        return HandleAggregate(work.Payload, aggregate);
    }

    private DeviceOutcome HandleDevice(object payload, DeviceState state)
    {
        var verdicts = new List<DeviceVerdict>();
        var alerts = new List<LoanFraudAlert>();
        var detectedAt = EventTime.FromDateTimeOffset(_analytics.Time.GetUtcNow());
        switch (payload)
        {
            case AddDeviceApplication add:
                if (!state.Add(add.Application, add.Watermark, detectedAt, verdicts, alerts))
                {
                    _analytics.Metrics.LoanReplayIgnored();
                }

                break;
            case EvaluateDevice evaluate:
                state.Evaluate(evaluate.Watermark, detectedAt, verdicts, alerts);
                break;
            case FlushDevice:
                state.Flush(detectedAt, verdicts, alerts);
                break;
            default:
                throw new InvalidOperationException($"device entity got unknown work {payload.GetType().Name}");
        }

        var records = new List<ProducerRecord>(alerts.Count);
        foreach (var alert in alerts)
        {
            records.Add(new ProducerRecord(_analytics.Topics.LoanFraudAlerts, RecordKeys.Customer(alert.CustomerId), OutputEncoders.Current.LoanFraudAlert.Encode(alert)));
            _analytics.Metrics.LoanFraudAlert();
        }

        return new DeviceOutcome(verdicts, records);
    }

    private IReadOnlyList<ProducerRecord> HandleAggregate(object payload, LoanAggregateState state)
    {
        IReadOnlyList<LoanWindow> windows;
        switch (payload)
        {
            case AddLoanPartial add:
                var late = state.LatePartials;
                if (!state.Add(add.WindowStart, add.Source, add.Aggregate))
                {
                    _analytics.Metrics.LoanPartialIgnored();
                    if (state.LatePartials > late)
                    {
                        _lateInPartials += add.Aggregate.Applications;
                    }
                }

                return [];
            case CloseLoanWindows close:
                windows = state.Close(close.Watermark);
                break;
            case FlushLoanWindows:
                windows = state.Flush();
                break;
            default:
                throw new InvalidOperationException($"loan aggregate entity got unknown work {payload.GetType().Name}");
        }

        var encoders = OutputEncoders.Current;
        var topics = _analytics.Topics;
        var records = new List<ProducerRecord>(windows.Count * 2);
        foreach (var window in windows)
        {
            var key = Encoding.UTF8.GetBytes(window.Name);
            if (window.IsChannel)
            {
                records.Add(new ProducerRecord(topics.LoanStats, key, encoders.LoanStats.Encode(window)));
                records.Add(new ProducerRecord(topics.LoanChannels, key, encoders.LoanChannel.Encode(window)));
            }
            else
            {
                records.Add(new ProducerRecord(topics.LoanSegments, key, encoders.LoanSegment.Encode(window)));
            }

            _analytics.Metrics.LoanWindow(window.IsChannel);
        }

        return records;
    }

    private static bool IsDevice(string entityId) =>
        PartitionEntityIds.RecordId(entityId).StartsWith(LoanWindowKeys.DevicePrefix, StringComparison.Ordinal);

    private static byte[] Serialize<TState>(EntityKind<string, TState> kind, TState state)
        where TState : class
    {
        var buffer = new ArrayBufferWriter<byte>();
        kind.Serialize(state, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A completed checkpoint of one loan partition: next offset, the flow's states and every entity's.</summary>
    private sealed record Checkpoint(long Offset, byte[]? DispatchState, byte[]? ForwardState, Dictionary<string, byte[]> Entities);

    /// <summary>One loan partition: its log, its sources, its pipeline and its entities.</summary>
    private sealed class LoanPartition(int number, int sources)
    {
        private readonly Dictionary<int, List<Message>> _sent = [];

        public int Number { get; } = number;

        /// <summary>The partition of the repartition topic: records in the order they were appended.</summary>
        public List<ConsumedRecord> Log { get; } = [];

        /// <summary>The next log offset to dispatch.</summary>
        public int Position { get; set; }

        /// <summary>Records sent but not yet in the log, per source: customer partitions 0…N−1, then loan partitions.</summary>
        public Queue<Message>[] Sources { get; } = Enumerable.Range(0, sources).Select(_ => new Queue<Message>()).ToArray();

        /// <summary>Work dispatched, not yet handled by the entities and forwarded.</summary>
        public Queue<RouterWork> InFlight { get; } = new();

        public LoanFlow Flow { get; set; } = null!;

        public Dictionary<string, DeviceState> Devices { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, LoanAggregateState> Aggregates { get; } = new(StringComparer.Ordinal);

        public Checkpoint? Checkpoint { get; set; }

        public int Crashes { get; set; }

        public int NextSource { get; set; }

        public bool HasInput => Position < Log.Count || Sources.Any(q => q.Count > 0);

        public bool HasWork => HasInput || InFlight.Count > 0;

        /// <summary>What loan partition <paramref name="from"/> sent to this one so far.</summary>
        public List<Message> Sent(int from)
        {
            if (!_sent.TryGetValue(from, out var sent))
            {
                _sent[from] = sent = [];
            }

            return sent;
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
