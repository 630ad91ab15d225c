using Akka.Streams;
using Akka.Streams.Stage;

namespace ActorStreams.Kafka.Producer.Internal;

/// <summary>
/// Produces the records of each envelope through the node's <see cref="KafkaSink"/> and emits the envelope's
/// pass-through value once all of them are acknowledged, in the order the envelopes came in. At most
/// <see cref="_parallelism"/> envelopes are in flight; a full producer buffer makes the stage wait for room (it never
/// blocks a thread or drops a record), and a delivery that fails for good fails the stage.
/// </summary>
internal sealed class FlexiFlowStage<T> : GraphStage<FlowShape<ProducerEnvelope<T>, T>>
{
    private readonly KafkaSink _sink;
    private readonly int _parallelism;

    public FlexiFlowStage(KafkaSink sink, int parallelism)
    {
        _sink = sink;
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
        private Action<Slot> _onDelivered = null!;
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
            _onDelivered = GetAsyncCallback<Slot>(OnDelivered);
            _onFailed = GetAsyncCallback<string>(error => FailStage(new KafkaSinkFaultException(error)));
            _onRoom = GetAsyncCallback<bool>(_ => ProduceBlocked());
            Pull(_stage.In);
        }

        public override void OnPush()
        {
            var slot = new Slot(this, Grab(_stage.In));
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
            var records = slot.Envelope.Records;
            while (slot.Next < records.Count)
            {
                var record = records[slot.Next];
                bool accepted;
                try
                {
                    accepted = _stage._sink.TryProduce(record.Topic, record.Partition, record.Key, record.Value, slot);
                }
                catch (KafkaSinkFaultException ex)
                {
                    FailStage(ex);
                    return;
                }

                if (!accepted)
                {
                    _blocked = slot;
                    _ = _stage._sink.WhenRoomAsync().ContinueWith(_ => _onRoom(true), TaskScheduler.Default);
                    return;
                }

                slot.Next++;
            }

            // Every record is with the producer: drop the guard that kept the slot from completing early.
            slot.Produced();
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

        private void OnDelivered(Slot slot)
        {
            slot.Done = true;
            EmitHead();
        }

        private void EmitHead()
        {
            if (_slots.TryPeek(out var head) && head.Done && IsAvailable(_stage.Out))
            {
                _slots.Dequeue();
                Push(_stage.Out, head.Envelope.PassThrough);
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

        /// <summary>One envelope on its way: its records count down as librdkafka acknowledges them.</summary>
        private sealed class Slot(Logic logic, ProducerEnvelope<T> envelope) : DeliveryCallback
        {
            // One more than the records: the stage holds it until it has handed over the last record.
            private int _remaining = envelope.Records.Count + 1;

            public ProducerEnvelope<T> Envelope { get; } = envelope;

            public int Next { get; set; }

            /// <summary>Stage thread only.</summary>
            public bool Done { get; set; }

            public void Produced() => CountDown();

            protected internal override void OnDelivered(string? error)
            {
                if (error is not null)
                {
                    logic._onFailed(error);
                    return;
                }

                CountDown();
            }

            private void CountDown()
            {
                if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    logic._onDelivered(this);
                }
            }
        }
    }
}
