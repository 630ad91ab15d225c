using Akka.Streams;
using Akka.Streams.Stage;

namespace ActorStreams.Kafka.Consumer.Internal;

/// <summary>
/// A source of the records of some partitions of a <see cref="KafkaConsumerHost"/>: assigns them when it starts,
/// unassigns them when it stops, and pauses them once <see cref="_highWater"/> records wait for demand (resuming them
/// when no more than <see cref="_resumeAt"/> wait), so a slow stream never makes the consumer buffer without bound.
/// </summary>
internal sealed class PartitionSourceStage : GraphStage<SourceShape<ConsumedRecord>>
{
    private readonly KafkaConsumerHost _host;
    private readonly IReadOnlyList<KafkaPartitionStart> _starts;
    private readonly int _highWater;
    private readonly int _resumeAt;

    public PartitionSourceStage(KafkaConsumerHost host, IReadOnlyList<KafkaPartitionStart> starts, int highWater, int resumeAt)
    {
        _host = host;
        _starts = starts;
        _highWater = highWater;
        _resumeAt = resumeAt;
        Shape = new SourceShape<ConsumedRecord>(Out);
    }

    public Outlet<ConsumedRecord> Out { get; } = new("kafka.partitions.out");

    public override SourceShape<ConsumedRecord> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("kafka-partition-source");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : OutGraphStageLogic, IRecordReceiver
    {
        private readonly PartitionSourceStage _stage;
        private readonly Queue<ConsumedRecord> _buffer = new();
        private Action<List<ConsumedRecord>> _onRecords = null!;
        private Action<Exception> _onFailure = null!;
        private PartitionSubscription? _subscription;
        private bool _paused;

        public Logic(PartitionSourceStage stage)
            : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            _onRecords = GetAsyncCallback<List<ConsumedRecord>>(OnBatch);
            _onFailure = GetAsyncCallback<Exception>(FailStage);
            _subscription = _stage._host.Assign(_stage._starts, this);
        }

        public override void PostStop() => _subscription?.Dispose();

        public override void OnPull()
        {
            if (_buffer.Count > 0)
            {
                Push(_stage.Out, _buffer.Dequeue());
                ResumeIfDrained();
            }
        }

        void IRecordReceiver.OnRecords(List<ConsumedRecord> records) => _onRecords(records);

        void IRecordReceiver.OnFailure(Exception error) => _onFailure(error);

        private void OnBatch(List<ConsumedRecord> records)
        {
            foreach (var record in records)
            {
                _buffer.Enqueue(record);
            }

            if (IsAvailable(_stage.Out) && _buffer.Count > 0)
            {
                Push(_stage.Out, _buffer.Dequeue());
            }

            if (!_paused && _buffer.Count >= _stage._highWater)
            {
                _paused = true;
                _subscription!.Pause();
            }
        }

        private void ResumeIfDrained()
        {
            if (_paused && _buffer.Count <= _stage._resumeAt)
            {
                _paused = false;
                _subscription!.Resume();
            }
        }
    }
}
