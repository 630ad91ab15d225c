using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;
using Akka.Streams;
using Akka.Streams.Stage;

namespace ActorStreams.Cluster.Partitions.Internal;

/// <summary>
/// The head of a partition's pipeline: lets records through, adds a tick every second, and decides when a checkpoint
/// barrier goes (every interval when records came since the last one or the archive wants a checkpoint, or after so
/// many records, once the previous checkpoint is written). Behind a barrier
/// it lets nothing through until the router has captured the entities' states (docs/design.md §3); after a final
/// barrier it completes.
/// </summary>
/// <remarks>
/// Each tick carries how long the gate waited for input since the previous tick: ready for a record (pulled) while
/// none came, and only while the consumer had read every input partition to its end. Time the pipeline spends busy
/// (backpressure, a checkpoint) and time the consumer spends fetching a backlog are not waiting, so idleness measured
/// from it never depends on processing speed.
/// </remarks>
internal sealed class CheckpointGate : GraphStage<FlowShape<ConsumedRecord, PartitionEvent>>
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);

    private readonly GateSettings _settings;

    public CheckpointGate(GateSettings settings)
    {
        _settings = settings;
        Shape = new FlowShape<ConsumedRecord, PartitionEvent>(In, Out);
    }

    public Inlet<ConsumedRecord> In { get; } = new("gate.in");

    public Outlet<PartitionEvent> Out { get; } = new("gate.out");

    public override FlowShape<ConsumedRecord, PartitionEvent> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("checkpoint-gate");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    /// <summary>
    /// What a gate needs: the partition's starting offsets, when to checkpoint, and where to report;
    /// <paramref name="CheckpointWanted"/> asks the archive whether an interval without records still needs a checkpoint.
    /// </summary>
    internal sealed record GateSettings(
        IReadOnlyDictionary<string, long> StartOffsets,
        Func<TimeSpan> CheckpointInterval,
        int CheckpointMaxEvents,
        PartitionControl Control,
        PartitionStatus Status,
        KafkaMetrics Metrics,
        TimeProvider Time,
        Func<bool> InputAtEnd,
        Func<bool>? CheckpointWanted = null);

    private sealed class Logic : TimerGraphStageLogic, IInHandler, IOutHandler
    {
        private const string Tick = "tick";
        private const string Checkpoint = "checkpoint";

        private readonly CheckpointGate _stage;
        private readonly GateSettings _settings;
        private readonly Dictionary<string, long> _offsets;
        private ConsumedRecord? _held;
        private bool _open = true;
        private bool _barrierInFlight;
        private bool _checkpointDue;
        private bool _finalRequested;
        private bool _tickPending;
        private long _recordsSinceBarrier;
        private long _barriers;
        private bool _waiting;
        private long _waitingSince;
        private long _waited;

        public Logic(CheckpointGate stage)
            : base(stage.Shape)
        {
            _stage = stage;
            _settings = stage._settings;
            _offsets = new Dictionary<string, long>(_settings.StartOffsets, StringComparer.Ordinal);
            SetHandler(stage.In, this);
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            _settings.Control.AttachGate(GetAsyncCallback<GateSignal>(OnSignal));
            ScheduleRepeatedly(Tick, TickInterval);
            ScheduleOnce(Checkpoint, _settings.CheckpointInterval());
        }

        public void OnPush()
        {
            StopWaiting();
            var record = Grab(_stage.In);
            if (_open && IsAvailable(_stage.Out))
            {
                Emit(record);
            }
            else
            {
                // Pulled before the gate closed: it waits here.
                _held = record;
            }
        }

        public void OnUpstreamFinish() => CompleteStage();

        public void OnUpstreamFailure(Exception e) => FailStage(e);

        public void OnPull() => TryEmit();

        public void OnDownstreamFinish(Exception cause) => CompleteStage();

        protected override void OnTimer(object timerKey)
        {
            if (Equals(timerKey, Tick))
            {
                _tickPending = true;
            }
            else
            {
                _checkpointDue = true;
            }

            TryEmit();
        }

        private void OnSignal(GateSignal signal)
        {
            switch (signal)
            {
                case GateSignal.Reopen:
                    _open = !_finalRequested;
                    break;
                case GateSignal.Written:
                    _barrierInFlight = false;
                    ScheduleOnce(Checkpoint, _settings.CheckpointInterval());
                    break;
                case GateSignal.Final:
                    _finalRequested = true;
                    break;
            }

            TryEmit();
        }

        private void TryEmit()
        {
            if (!IsAvailable(_stage.Out))
            {
                return;
            }

            // A due checkpoint stays due: each tick asks again whether an idle partition's archive wants it.
            if (!_barrierInFlight && (_finalRequested || (_checkpointDue && (_recordsSinceBarrier > 0 || _settings.CheckpointWanted?.Invoke() == true))
                || _recordsSinceBarrier >= _settings.CheckpointMaxEvents))
            {
                EmitBarrier();
                return;
            }

            if (!_open)
            {
                return;
            }

            if (_held is { } held)
            {
                _held = null;
                Emit(held);
                return;
            }

            if (_tickPending)
            {
                _tickPending = false;
                Push(_stage.Out, new PartitionTick(TakeInputWait()));
                return;
            }

            if (!HasBeenPulled(_stage.In) && !IsClosed(_stage.In))
            {
                Pull(_stage.In);
                _waiting = true;
                _waitingSince = _settings.Time.GetTimestamp();
            }
        }

        private void StopWaiting()
        {
            if (_waiting)
            {
                _waited += _settings.Time.GetTimestamp() - _waitingSince;
                _waiting = false;
            }
        }

        /// <summary>The time waited for input since the previous tick (zero unless the consumer is at the end of every input).</summary>
        private TimeSpan TakeInputWait()
        {
            var waiting = _waiting;
            StopWaiting();
            var waited = _waited;
            _waited = 0;
            if (waiting)
            {
                _waiting = true;
                _waitingSince = _settings.Time.GetTimestamp();
            }

            return waited > 0 && _settings.InputAtEnd()
                ? _settings.Time.GetElapsedTime(0, waited)
                : TimeSpan.Zero;
        }

        private void Emit(ConsumedRecord record)
        {
            var next = record.Offset + 1;
            _offsets[record.Topic] = next;
            _settings.Status.NextOffsets[record.Topic] = next;
            _settings.Metrics.AddEventsIn(record.Topic);
            _settings.Metrics.AddInFlight(1);
            _settings.Status.InFlight++;
            _recordsSinceBarrier++;
            Push(_stage.Out, new RecordArrived(record));
        }

        private void EmitBarrier()
        {
            var final = _finalRequested;
            var barrier = new CheckpointBarrier(++_barriers, final, new Dictionary<string, long>(_offsets, StringComparer.Ordinal), _settings.Time.GetUtcNow());
            _barrierInFlight = true;
            _checkpointDue = false;
            _recordsSinceBarrier = 0;
            _open = false;
            Push(_stage.Out, barrier);
            if (final)
            {
                // Nothing follows a final barrier: the stages behind finish what they hold, then the stream completes.
                Complete(_stage.Out);
                Cancel(_stage.In);
            }
        }
    }
}
