using System.Globalization;
using System.Text;
using ActorStreams.Cluster.Partitions.Internal;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;
using ActorStreams.Persistence.Ledger;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cluster.Partitions;

/// <summary>
/// The consumer of one partition of a sharded type (docs/design.md §2–§3), living in the shard of the same number as the
/// entity <c>~partition-p</c>, and that partition's ledger. It recovers the ledger, then runs the partition's pipeline,
/// one direction, in one place:
/// <code>
/// records ─► checkpoint gate ─► dispatch (decode) ─► entity router ─► forward (outputs) ─► producer ─► progress
///  (Kafka)    (ticks, barriers)                        (entities)                          (delivered)   (barriers → ledger)
/// </code>
/// Each barrier that reaches the end becomes one checkpoint in the ledger: the next offsets, the stream state and the
/// changed entities' states of one instant. On handoff (the stop message) it sends a final barrier, writes it and stops;
/// if the pipeline fails it stops without writing, and the partition restarts from its last checkpoint at the next keep-alive.
/// </summary>
public sealed partial class PartitionConsumer : PartitionLedger, IWithTimers
{
    private readonly IPartitionLogic _logic;
    private readonly int _partition;
    private readonly PartitionServices _services;
    private readonly ILogger _logger;
    private readonly long _started;
    private readonly IReadOnlyList<string> _topics;
    private PartitionStatus? _status;
    private PartitionControl? _control;
    private long _stopRequested;
    private bool _finalWritten;
    private bool _pipelineEnded;
    private IPartitionArchive? _archive;
    private bool _paced;
    private string? _owner;

    /// <summary>Creates the consumer of <paramref name="logic"/>'s partition <paramref name="partition"/>.</summary>
    public PartitionConsumer(IPartitionLogic logic, int partition, PartitionServices services)
        : base(LedgerId(logic.Kind, partition), services.Ledger, services.LoggerFactory.CreateLogger<PartitionConsumer>())
    {
        _logic = logic;
        _partition = partition;
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<PartitionConsumer>();
        _started = services.Time.GetTimestamp();
        _topics = logic.InputTopics;
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The persistence id of the ledger of <paramref name="kind"/>'s partition <paramref name="partition"/>.</summary>
    public static string LedgerId(string kind, int partition) => $"{kind}-partition-{partition.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The props of a consumer (created by the shard region for a consumer id).</summary>
    public static Props Props(IPartitionLogic logic, int partition, PartitionServices services) =>
        Akka.Actor.Props.Create(() => new PartitionConsumer(logic, partition, services));

    /// <inheritdoc />
    /// <remarks>
    /// Before it reads a record the consumer claims the ledger: it writes a checkpoint that repeats what it recovered,
    /// with itself as the owner, so that any later write of an earlier owner finds a newer sequence number and loses
    /// (docs/design.md §3, Fencing). It claims at once when it wrote the ledger last, when the last writer released it
    /// (the final checkpoint of a handoff) or when the last writer is no longer a member here. Otherwise, and always
    /// after this partition lost a write here, it first asks the last writer whether that node still runs the
    /// partition: if it does, this node is the stale one (the cluster removed it and took its partitions over) and it
    /// shuts down; if it does not, the consumer claims; without an answer it stops and tries again at the next keep-alive.
    /// </remarks>
    protected override void OnRecovered()
    {
        var registry = PartitionRegistry.Get(Context.System);
        if (registry.Fenced)
        {
            Context.Stop(Self);
            return;
        }

        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        if (LedgerOwner.HasLeft(cluster))
        {
            // Downed, exiting or removed: this node's shards are someone else's now; claiming one would fence its owner.
            Context.Stop(Self);
            return;
        }

        var self = LedgerOwner.Of(cluster.SelfUniqueAddress);
        var lost = registry.TakeLost(_logic.Kind, _partition);
        if (Ledger.Owner is { } owner
            && owner != self
            && (lost || !Ledger.Released)
            && LedgerOwner.FindLiveMember(cluster.State, owner) is { } member)
        {
            var query = new PartitionOwnerQuery(_logic.Kind, _partition);
            Context.ActorSelection(new RootActorPath(member.Address) / "system" / Internal.OwnerQueryResponder.Name)
                .Ask<PartitionOwnerAnswer>(query, _services.Cluster.OwnerQueryTimeout)
                .PipeTo(Self, success: answer => new OwnerAnswered(owner, answer.Runs, lost), failure: _ => new OwnerAnswered(owner, null, lost));
            return;
        }

        Claim(registry, self);
    }

    private void OnOwnerAnswered(OwnerAnswered answered)
    {
        var registry = PartitionRegistry.Get(Context.System);
        var ledger = LedgerId(_logic.Kind, _partition);
        switch (answered.Runs)
        {
            case true:
                if (registry.Fence())
                {
                    LogTakenOver(_logger, ledger, answered.Owner);
                    CoordinatedShutdown.Get(Context.System).Run(new PartitionTakenOver(ledger, answered.Owner));
                }

                Context.Stop(Self);
                break;
            case false:
                Claim(registry, LedgerOwner.Of(Akka.Cluster.Cluster.Get(Context.System).SelfUniqueAddress));
                break;
            default:
                LogOwnerUnanswered(_logger, ledger, answered.Owner, _services.Cluster.OwnerQueryTimeout.TotalSeconds);
                if (answered.Lost)
                {
                    registry.MarkLost(_logic.Kind, _partition);
                }

                Context.Stop(Self);
                break;
        }
    }

    private void Claim(PartitionRegistry registry, string self)
    {
        var claim = new LedgerCheckpoint(
            new Dictionary<string, long>(Ledger.Offsets, StringComparer.Ordinal), Ledger.StreamState, [], _services.Time.GetUtcNow(), self);
        _owner = self;
        WriteCheckpoint(claim, _ => Start(registry));
    }

    private void Start(PartitionRegistry registry)
    {
        var status = registry.Register(_logic.Kind, _partition, _services.Time.GetUtcNow());
        _status = status;
        status.Sequence = Sequence;
        status.LastCheckpointAt = Ledger.WrittenAt;
        foreach (var (topic, offset) in Ledger.Offsets)
        {
            status.NextOffsets[topic] = offset;
            status.CompletedOffsets[topic] = offset;
        }

        LogStarted(_logger, $"{_logic.Kind}/{_partition}", Sequence,
            string.Join(", ", _topics.Where(Ledger.Offsets.ContainsKey).Select(t => $"{t}@{Ledger.Offsets[t]}")));
        var (_, _, archiveState) = StreamStateContainer.Unpack(Ledger.StreamState);
        if (_services.Archives is { } archives)
        {
            // The archive finishes what the last checkpoint left unfinished (docs/lake.md) before the pipeline runs.
            archives.OpenAsync(_logic.Kind, _partition, archiveState, CancellationToken.None)
                .PipeTo(Self, success: archive => new ArchiveOpened(archive), failure: error => new ArchiveFailed(error));
            return;
        }

        RunFlow(null);
    }

    private void RunFlow(IPartitionArchive? archive)
    {
        var registry = PartitionRegistry.Get(Context.System);
        var status = _status!;
        _archive = archive;
        var (dispatchState, forwardState, _) = StreamStateContainer.Unpack(Ledger.StreamState);
        var flow = _logic.CreateFlow(new PartitionContext(_logic.Kind, _partition, _services, dispatchState, forwardState, archive));
        _control = new PartitionControl();
        status.Control = _control;
        RunPipeline(flow, status, registry);
        _services.ShardMetrics.PartitionStarted(_logic.Kind);
        _services.Observer?.Started(_logic.Kind, _partition, _topics, _services.Time.GetElapsedTime(_started));
    }

    /// <inheritdoc />
    protected override void OnLedgerCommand(object message)
    {
        switch (message)
        {
            case BarrierReached reached:
                Write(reached.CheckpointBarrier);
                break;
            case ArchiveOpened opened when _stopRequested == 0:
                RunFlow(opened.Archive);
                break;
            case ArchiveOpened:
                Context.Stop(Self);
                break;
            case ArchiveFailed failed:
                LogArchiveFailed(_logger, failed.Error, LedgerId(_logic.Kind, _partition));
                Context.Stop(Self);
                break;
            case ArchiveDurable durable:
                Write(durable.Barrier);
                break;
            case PipelineEnded ended:
                OnPipelineEnded(ended.Error);
                break;
            case EntityStop:
                OnStopRequested();
                break;
            case FinalCheckpointTimeout:
                LogFinalTimeout(_logger, LedgerId(_logic.Kind, _partition), _services.Cluster.HandoffTimeout.TotalSeconds);
                Context.Stop(Self);
                break;
            case GetEntity get:
                Inspect(get.TargetId).PipeTo(Sender);
                break;
            case OwnerAnswered answered when _stopRequested == 0:
                OnOwnerAnswered(answered);
                break;
            case OwnerAnswered:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <inheritdoc />
    protected override void OnWriteFailed(Exception cause)
    {
        if (_paced)
        {
            _paced = false;
            _services.Pacer.WriteFinished();
        }

        _services.ShardMetrics.CheckpointFailed();
    }

    /// <inheritdoc />
    protected override void OnLedgerLost(string reason)
    {
        _services.ShardMetrics.LedgerLost();
        PartitionRegistry.Get(Context.System).MarkLost(_logic.Kind, _partition);
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        PartitionRegistry.Get(Context.System).Hold(_logic.Kind, _partition);
        base.PreStart();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        PartitionRegistry.Get(Context.System).Release(_logic.Kind, _partition);
        if (_status is { } status)
        {
            PartitionRegistry.Get(Context.System).Unregister(status);
            _services.KafkaMetrics.AddInFlight(-status.InFlight);
            var took = _stopRequested != 0 ? _services.Time.GetElapsedTime(_stopRequested) : TimeSpan.Zero;
            _services.ShardMetrics.PartitionStopped(_logic.Kind, _finalWritten);
            _services.Observer?.Stopped(_logic.Kind, _partition, _topics, _finalWritten, took);
        }

        base.PostStop();
    }

    private void RunPipeline(PartitionFlow flow, PartitionStatus status, PartitionRegistry registry)
    {
        var services = _services;
        var cluster = services.Cluster;
        var starts = _topics
            .Select(t => new KafkaPartitionStart(new KafkaPartition(t, _partition), Ledger.Offsets.TryGetValue(t, out var offset) ? offset : null))
            .ToList();
        var window = services.Kafka.Consumer.MaxInFlightPerPartition;
        var inputs = starts.Select(s => s.Partition).ToArray();
        Predicate<KafkaPartition> atEnd = services.Consumer.IsAtEnd;
        var archive = _archive;
        var gate = new CheckpointGate(new CheckpointGate.GateSettings(
            Ledger.Offsets, () => services.Pacer.Interval, cluster.CheckpointMaxEvents, _control!, status, services.KafkaMetrics, services.Time,
            () => Array.TrueForAll(inputs, atEnd), archive is null ? null : () => archive.CheckpointWanted));
        var router = new EntityRouter(new EntityRouter.RouterSettings(
            _logic.Kind,
            ClusterSharding.Get(Context.System).ShardRegion(_logic.Kind),
            status.Epoch,
            Ledger.Entities,
            window,
            cluster.PassivationIdleTimeout,
            () => cluster.MaxActiveEntities / Math.Max(1, registry.Running.Count),
            _control!,
            status,
            services.ShardMetrics,
            services.Time,
            services.Pacer.Captured));
        var progress = new PipelineProgress(status, services.KafkaMetrics, services.ShardMetrics, services.Time, Self);
        var routed = KafkaConsumer.PlainExternalSource(services.Consumer, starts, window, services.Kafka.Consumer.ResumeAt)
            .Via(gate)
            .Via(new DispatchStage(flow))
            .Via(router)
            .Select(flow.Forward);

        // With a second sink the envelope rides through the Kafka stage to it: a record counts as done (and a checkpoint
        // covers it) only once it is in both.
        var delivered = services.SecondarySink is { } secondary
            ? routed
                .Select(envelope => new ProducerEnvelope<ProducerEnvelope<RouterWork>>(envelope.Records, envelope))
                .Via(KafkaProducer.FlexiFlow<ProducerEnvelope<RouterWork>>(services.Producer, window))
                .Via(KafkaProducer.FlexiFlow<RouterWork>(secondary, window))
            : routed.Via(KafkaProducer.FlexiFlow<RouterWork>(services.Producer, window));
        delivered
            .RunWith(Sink.ForEach<RouterWork>(progress.OnDelivered), Context.Materializer())
            .PipeTo(Self, success: () => new PipelineEnded(null), failure: error => new PipelineEnded(error));
    }

    private void Write(CheckpointBarrier barrier)
    {
        // What the archive's state refers to (e.g. the lake's chunk of rows since the last barrier) is durable first.
        if (barrier.Archive is { Durable: { IsCompletedSuccessfully: false } durable })
        {
            durable.PipeTo(Self, success: () => new ArchiveDurable(barrier), failure: error => new ArchiveFailed(error));
            return;
        }

        var checkpoint = new LedgerCheckpoint(
            barrier.Offsets,
            StreamStateContainer.Pack(barrier.DispatchState, barrier.ForwardState, barrier.Archive?.State),
            barrier.Entities,
            barrier.TakenAt,
            _owner,
            Released: barrier.Final);
        var pacer = _services.Pacer;
        var started = _services.Time.GetTimestamp();
        pacer.WriteStarted();
        _paced = true;
        WriteCheckpoint(checkpoint, written =>
        {
            _paced = false;
            pacer.WriteFinished();
            var status = _status!;
            status.Sequence = Sequence;
            status.LastCheckpointAt = written.WrittenAt;
            _services.ShardMetrics.CheckpointWritten(written.Entities.Count, _services.Time.GetElapsedTime(started));
            _services.Consumer.Commit([.. written.Offsets.Select(o => new KafkaPartitionOffset(new KafkaPartition(o.Key, _partition), o.Value))]);
            if (barrier.Archive is { } archive)
            {
                _archive?.Written(archive.State);
            }

            if (barrier.Final)
            {
                _finalWritten = true;
                LogFinalCheckpoint(_logger, LedgerId(_logic.Kind, _partition), Sequence, _services.Time.GetElapsedTime(_stopRequested).TotalMilliseconds);
                Context.Stop(Self);
                return;
            }

            _control!.BarrierWritten();
        });
    }

    private void OnStopRequested()
    {
        if (_stopRequested != 0)
        {
            return;
        }

        _stopRequested = _services.Time.GetTimestamp();
        if (_control is null || _pipelineEnded)
        {
            Context.Stop(Self);
            return;
        }

        // Handoff: one last barrier, written before the partition moves (docs/design.md §2).
        _control.RequestFinal();
        Timers.StartSingleTimer("final", FinalCheckpointTimeout.Instance, _services.Cluster.HandoffTimeout);
    }

    private void OnPipelineEnded(Exception? error)
    {
        _pipelineEnded = true;
        if (error is not null)
        {
            LogPipelineFailed(_logger, error, LedgerId(_logic.Kind, _partition));
            Context.Stop(Self);
            return;
        }

        // Completed after the final barrier: stop once it is written (or at the timeout).
        if (_stopRequested == 0 || (_finalWritten && !IsWriting))
        {
            Context.Stop(Self);
        }
    }

    private async Task<object> Inspect(string targetId)
    {
        var kind = _logic.Kind;
        var id = PartitionEntityIds.RecordId(targetId);
        var owner = _services.NodeId;
        var stored = Ledger.Entities.GetValueOrDefault(targetId);
        var timeout = TimeSpan.FromSeconds(3);
        if (_control?.Router is { } routerRef)
        {
            var answer = await routerRef.Ask<RouterAnswer>(new RouterQuery(targetId), timeout).ConfigureAwait(false);
            if (answer.Entity is { } entity)
            {
                var described = await entity.Ask<EntityDescription>(new DescribeEntity(targetId), timeout).ConfigureAwait(false);
                return new EntityFound(kind, id, _partition, owner, true, Encoding.UTF8.GetString(described.Json));
            }

            stored = answer.Stored ?? stored;
        }

        return stored is null
            ? new EntityNotFound(kind, id, _partition, owner)
            : new EntityFound(kind, id, _partition, owner, false, Encoding.UTF8.GetString(_logic.Describe(targetId, stored.State)));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Ledger} was written last by {Owner}, a member of the cluster that still runs it: the cluster removed this node and took its partitions over; it shuts down without running a partition again")]
    private static partial void LogTakenOver(ILogger logger, string ledger, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Ledger} was written last by {Owner}, which did not say within {Seconds:0.#} s whether it still runs it; the partition tries again at the next keep-alive")]
    private static partial void LogOwnerUnanswered(ILogger logger, string ledger, string owner, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "shard {Shard} started at checkpoint {Sequence}, offsets {Offsets}")]
    private static partial void LogStarted(ILogger logger, string shard, long sequence, string offsets);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Ledger}: final checkpoint {Sequence} written {Milliseconds:0} ms after the stop request")]
    private static partial void LogFinalCheckpoint(ILogger logger, string ledger, long sequence, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Ledger}: the final checkpoint was not written within {Seconds:0.#} s; stopping without it (the next owner replays from the last one)")]
    private static partial void LogFinalTimeout(ILogger logger, string ledger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Ledger}: the archive (lake) failed; the partition restarts from its last checkpoint")]
    private static partial void LogArchiveFailed(ILogger logger, Exception exception, string ledger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Ledger}: the pipeline stopped on an error; the partition restarts from its last checkpoint")]
    private static partial void LogPipelineFailed(ILogger logger, Exception exception, string ledger);
}
