using System.Collections.Concurrent;
using ActorStreams.Kafka.Producer;
using Akka.Streams;
using Akka.Streams.Stage;

namespace ActorStreams.Elasticsearch;

/// <summary>
/// Hands the routed records of each envelope to the node's indexer and emits the envelope's pass-through value once
/// all of them are done, in the order the envelopes came in. At most <see cref="_parallelism"/> envelopes are in flight;
/// a full indexer buffer makes the stage wait for room (it never blocks a thread or drops a record).
/// </summary>
internal sealed class IndexFlowStage<T> : GraphStage<FlowShape<ProducerEnvelope<T>, T>>
{
    private readonly ElasticsearchSink _sink;
    private readonly int _parallelism;

    public IndexFlowStage(ElasticsearchSink sink, int parallelism)
    {
        _sink = sink;
        _parallelism = parallelism;
        Shape = new FlowShape<ProducerEnvelope<T>, T>(In, Out);
    }

    public Inlet<ProducerEnvelope<T>> In { get; } = new("elasticsearch.in");

    public Outlet<T> Out { get; } = new("elasticsearch.out");

    public override FlowShape<ProducerEnvelope<T>, T> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("elasticsearch-index");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly IndexFlowStage<T> _stage;
        private readonly Queue<Slot> _slots = new();
        private readonly ConcurrentQueue<Slot> _completed = new();
        private int _drainScheduled;
        private Action<bool> _onDone = null!;
        private Action<bool> _onRoom = null!;
        private Slot? _blocked;

        public Logic(IndexFlowStage<T> stage)
            : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage.In, this);
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            _onDone = GetAsyncCallback<bool>(_ => DrainCompleted());
            _onRoom = GetAsyncCallback<bool>(_ => SubmitBlocked());
            Pull(_stage.In);
        }

        public override void OnPush()
        {
            var slot = new Slot(this, Grab(_stage.In));
            _slots.Enqueue(slot);
            Submit(slot);
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

        private void Submit(Slot slot)
        {
            var records = slot.Envelope.Records;
            var routes = _stage._sink.Routes;
            var indexer = _stage._sink.Indexer;
            while (slot.Next < records.Count)
            {
                var record = records[slot.Next];
                if (routes.TryGetValue(record.Topic, out var route))
                {
                    var document = slot.Pending ?? Document(record, route, slot);

                    // Counted before the indexer has it: it may be done before TryIndex returns.
                    slot.Submitting();
                    if (!indexer.TryIndex(document))
                    {
                        slot.Refused();
                        slot.Pending = document;
                        _blocked = slot;
                        _ = indexer.WhenRoomAsync().ContinueWith(_ => _onRoom(true), TaskScheduler.Default);
                        return;
                    }

                    slot.Pending = null;
                }

                slot.Next++;
            }

            if (slot.AllSubmitted())
            {
                slot.Done = true;
                EmitHead();
            }
        }

        private static IndexDocument Document(ProducerRecord record, OutputIndex route, Slot slot) =>
            RecordIds.TryRead(record.Value, route.IdField, out var id, out var error)
                ? new IndexDocument(route.Index, id, record.Value, record.Topic, record.Key, slot)
                : new IndexDocument(route.Index, string.Empty, record.Value, record.Topic, record.Key, slot, $"cannot index into {route.Index}: {error}");

        private void SubmitBlocked()
        {
            if (_blocked is not { } slot)
            {
                return;
            }

            _blocked = null;
            Submit(slot);
            PullIfRoom();
        }

        /// <summary>The indexer's thread: every document of <paramref name="slot"/> is done.</summary>
        private void Completed(Slot slot)
        {
            _completed.Enqueue(slot);
            if (Interlocked.Exchange(ref _drainScheduled, 1) == 0)
            {
                _onDone(true);
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
            while (_slots.TryPeek(out var head) && head.Done && IsAvailable(_stage.Out))
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

        /// <summary>One envelope on its way: its documents count down as the indexer finishes them.</summary>
        private sealed class Slot(Logic logic, ProducerEnvelope<T> envelope) : IIndexAck
        {
            // One more than the documents: the stage holds it until it has handed over the last one.
            private int _remaining = 1;

            public ProducerEnvelope<T> Envelope { get; } = envelope;

            public int Next { get; set; }

            /// <summary>A document the indexer refused (buffer full), offered again when there is room.</summary>
            public IndexDocument? Pending { get; set; }

            /// <summary>Stage thread only.</summary>
            public bool Done { get; set; }

            public void Submitting() => Interlocked.Increment(ref _remaining);

            public void Refused() => Interlocked.Decrement(ref _remaining);

            /// <summary>The stage handed over the last document; true when every one is done already.</summary>
            public bool AllSubmitted() => Interlocked.Decrement(ref _remaining) == 0;

            public void OnDone()
            {
                if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    logic.Completed(this);
                }
            }
        }
    }
}
