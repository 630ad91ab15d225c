using System.Collections.Concurrent;
using Akka.Streams;
using Akka.Streams.Stage;

namespace ActorStreams.Kafka.Producer.Internal;

/// <summary>
/// Writes the records of each envelope through an <see cref="IRecordWriter"/> (the node's <see cref="KafkaSink"/>, or
/// Elasticsearch) and emits the envelope's pass-through value once all of them are acknowledged, in the order the
/// envelopes came in. At most <see cref="_parallelism"/> envelopes are in flight; a full writer makes the stage wait for
/// room (it never blocks a thread or drops a record), and a delivery that fails for good fails the stage.
/// </summary>
/// <remarks>
/// Per record it allocates nothing of its own: an envelope without records completes at once; slots (each a delivery
/// callback with its cached handler) are reused; and deliveries completing slots on the writer's thread (librdkafka's,
/// the Elasticsearch indexer's) are queued and handed to the stage in batches, one async callback per batch rather than
/// per envelope.
/// </remarks>
internal sealed class FlexiFlowStage<T> : GraphStage<FlowShape<ProducerEnvelope<T>, T>>
{
    private readonly IRecordWriter _writer;
    private readonly int _parallelism;

    public FlexiFlowStage(IRecordWriter writer, int parallelism)
    {
        _writer = writer;
        _parallelism = parallelism;
        Shape = new FlowShape<ProducerEnvelope<T>, T>(In, Out);
    }

    public Inlet<ProducerEnvelope<T>> In { get; } = new("kafka.producer.in");

    public Outlet<T> Out { get; } = new("kafka.producer.out");

    public override FlowShape<ProducerEnvelope<T>, T> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("kafka-producer-flexi-flow");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly FlexiFlowStage<T> _stage;
        private readonly Queue<Slot> _slots = new();
        private readonly Stack<Slot> _free = new();
        private readonly ConcurrentQueue<Slot> _completed = new();
        private int _drainScheduled;
        private Action<bool> _onDelivered = null!;
        private Action<string> _onFailed = null!;
        private Action<bool> _onRoom = null!;
        private Slot? _blocked;

        public Logic(FlexiFlowStage<T> stage)
            : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage.In, this);
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            _onDelivered = GetAsyncCallback<bool>(_ => DrainCompleted());
            _onFailed = GetAsyncCallback<string>(error => FailStage(new KafkaSinkFaultException(error)));
            _onRoom = GetAsyncCallback<bool>(_ => ProduceBlocked());
            Pull(_stage.In);
        }

        public override void OnPush()
        {
            var slot = _free.TryPop(out var reused) ? reused : new Slot(this);
            slot.Start(Grab(_stage.In));
            _slots.Enqueue(slot);
            Produce(slot);
            PullIfRoom();
        }

        public override void OnUpstreamFinish()
        {
            if (_slots.Count == 0)
            {
                CompleteStage();
            }
        }

        public override void OnPull() => EmitHead();

        private void Produce(Slot slot)
        {
            var records = slot.Envelope!.Records;
            while (slot.Next < records.Count)
            {
                var record = records[slot.Next];
                bool accepted;
                try
                {
                    accepted = _stage._writer.TryWrite(record, slot);
                }
                catch (KafkaSinkFaultException ex)
                {
                    FailStage(ex);
                    return;
                }

                if (!accepted)
                {
                    _blocked = slot;
                    _ = _stage._writer.WhenRoomAsync().ContinueWith(_ => _onRoom(true), TaskScheduler.Default);
                    return;
                }

                slot.Next++;
            }

            // Every record is with the producer: drop the guard that kept the slot from completing early. When every
            // record is already acknowledged (or there were none) the slot is done here, on the stage's thread.
            if (slot.Produced())
            {
                slot.Done = true;
                EmitHead();
            }
        }

        private void ProduceBlocked()
        {
            if (_blocked is not { } slot)
            {
                return;
            }

            _blocked = null;
            Produce(slot);
            PullIfRoom();
        }

        /// <summary>The writer's thread: the last record of <paramref name="slot"/> was acknowledged.</summary>
        private void Completed(Slot slot)
        {
            _completed.Enqueue(slot);
            if (Interlocked.Exchange(ref _drainScheduled, 1) == 0)
            {
                _onDelivered(true);
            }
        }

        private void DrainCompleted()
        {
            Volatile.Write(ref _drainScheduled, 0);
            while (_completed.TryDequeue(out var slot))
            {
                slot.Done = true;
            }

            EmitHead();
        }

        private void EmitHead()
        {
            if (_slots.TryPeek(out var head) && head.Done && IsAvailable(_stage.Out))
            {
                _slots.Dequeue();
                var passThrough = head.Envelope!.PassThrough;
                head.Reset();
                _free.Push(head);
                Push(_stage.Out, passThrough);
                PullIfRoom();
            }

            if (_slots.Count == 0 && IsClosed(_stage.In))
            {
                CompleteStage();
            }
        }

        private void PullIfRoom()
        {
            if (_blocked is null && _slots.Count < _stage._parallelism && !HasBeenPulled(_stage.In) && !IsClosed(_stage.In))
            {
                Pull(_stage.In);
            }
        }

        /// <summary>
        /// One envelope on its way: its records count down as the writer acknowledges them. Reused once emitted (every
        /// delivery of its records has been reported by then).
        /// </summary>
        private sealed class Slot(Logic logic) : DeliveryCallback
        {
            private int _remaining;

            public ProducerEnvelope<T>? Envelope { get; private set; }

            public int Next { get; set; }

            /// <summary>Stage thread only.</summary>
            public bool Done { get; set; }

            public void Start(ProducerEnvelope<T> envelope)
            {
                Envelope = envelope;

                // One more than the records: the stage holds it until it has handed over the last record.
                Volatile.Write(ref _remaining, envelope.Records.Count + 1);
            }

            public void Reset()
            {
                Envelope = null;
                Next = 0;
                Done = false;
            }

            /// <summary>The stage handed over the last record; true when every record is acknowledged already.</summary>
            public bool Produced() => Interlocked.Decrement(ref _remaining) == 0;

            protected internal override void OnDelivered(string? error)
            {
                if (error is not null)
                {
                    logic._onFailed(error);
                    return;
                }

                if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    logic.Completed(this);
                }
            }
        }
    }
}
