using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;
using ActorStreams.Persistence.Ledger;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Cluster.Tests.Partitions;

/// <summary>The kind-independent steps of <see cref="PartitionFlow"/>: records beyond the size limit never reach a kind.</summary>
[Trait("Category", "Unit")]
public sealed class PartitionFlowTests
{
    [Fact]
    public void Dispatch_RecordBeyondMaxRecordBytes_IsDeadLetteredWithTheReason_OthersReachTheKind()
    {
        var kafka = KafkaSettings.Default with { Consumer = KafkaConsumerSettings.Default with { MaxRecordBytes = 1024 } };
        var flow = new EchoFlow(Context(kafka));
        var output = new List<RouterWork>();

        flow.Dispatch(new RecordArrived(Record(new byte[1025])), output);
        flow.Dispatch(new RecordArrived(Record(new byte[1024])), output);
        flow.Dispatch(new RecordArrived(Record(null)), output);

        var letter = Assert.IsType<PassWork>(output[0]);
        Assert.Equal("value of 1025 bytes exceeds actorstreams.kafka.consumer.max-record-bytes (1024)", Assert.IsType<DeadLetterReason>(letter.Payload).Reason);
        Assert.Equal(2, flow.Dispatched);
        var produced = flow.Forward(new RoutedWork(letter)).Records;
        Assert.Equal(KafkaTopics.Default.DeadLetter, Assert.Single(produced).Topic);
    }

    private static ConsumedRecord Record(byte[]? value) => new("transactions", 0, 7, "1"u8.ToArray(), value, 0);

    private static PartitionContext Context(KafkaSettings kafka) => new("counter", 0, new PartitionServices
    {
        NodeId = "flow-tests",
        Cluster = ClusterSettings.Default,
        Kafka = kafka,
        Consumer = null!,
        Producer = null!,
        Ledger = LedgerSettings.Default,
        Pacer = new CheckpointPacer(ClusterSettings.Default, TimeProvider.System),
        ShardMetrics = new ShardMetrics(),
        KafkaMetrics = new KafkaMetrics(),
        LoggerFactory = NullLoggerFactory.Instance,
        Time = TimeProvider.System,
    }, null, null);

    private sealed class EchoFlow(PartitionContext context) : PartitionFlow(context)
    {
        public int Dispatched { get; private set; }

        protected override void DispatchRecord(ConsumedRecord record, List<RouterWork> output)
        {
            Dispatched++;
            output.Add(new PassWork(new object(), record));
        }

        protected override void ForwardWork(RoutedWork routed, List<ProducerRecord> output)
        {
        }
    }
}
