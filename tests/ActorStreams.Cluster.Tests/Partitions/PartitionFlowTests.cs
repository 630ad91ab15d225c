using System.Text;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;
using ActorStreams.Persistence.Ledger;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Cluster.Tests.Partitions;

/// <summary>
/// The kind-independent steps of <see cref="PartitionFlow"/>: records beyond the size limit never reach a kind; dead
/// letters are counted by source topic and class of reason.
/// </summary>
[Trait("Category", "Unit")]
public sealed class PartitionFlowTests
{
    [Fact]
    public void Dispatch_RecordBeyondMaxRecordBytes_IsDeadLetteredWithTheReason_OthersReachTheKind()
    {
        var kafka = KafkaSettings.Default with { Consumer = KafkaConsumerSettings.Default with { MaxRecordBytes = 1024 } };
        var metrics = new ShardMetrics();
        var flow = new EchoFlow(Context(kafka, metrics));
        var output = new List<RouterWork>();

        flow.Dispatch(new RecordArrived(Record(new byte[1025])), output);
        flow.Dispatch(new RecordArrived(Record(new byte[1024])), output);
        flow.Dispatch(new RecordArrived(Record(null)), output);

        var letter = Assert.IsType<PassWork>(output[0]);
        Assert.Equal(
            new DeadLetterReason("value of 1025 bytes exceeds actorstreams.kafka.consumer.max-record-bytes (1024)", DeadLetterCause.TooLarge),
            letter.Payload);
        Assert.Equal(2, flow.Dispatched);
        var produced = flow.Forward(new RoutedWork(letter)).Records;
        Assert.Equal(KafkaTopics.Default.DeadLetter, Assert.Single(produced).Topic);
        Assert.Equal(new Dictionary<(string, DeadLetterCause), long> { [("transactions", DeadLetterCause.TooLarge)] = 1 }, metrics.DeadLetteredByCause);
    }

    [Fact]
    public void Forward_EntityHandlingFailed_IsDeadLetteredAndCountedAsHandlerFailed()
    {
        var metrics = new ShardMetrics();
        var flow = new EchoFlow(Context(KafkaSettings.Default, metrics));
        var routed = new RoutedWork(new EntityWork("1", new object(), Record("{}"u8.ToArray())));
        routed.Add(new HandlingFailed("processing failed: InvalidOperationException: boom"));

        var produced = flow.Forward(routed).Records;

        Assert.Equal(KafkaTopics.Default.DeadLetter, Assert.Single(produced).Topic);
        Assert.Contains("processing failed: InvalidOperationException: boom", Encoding.UTF8.GetString(produced[0].Value), StringComparison.Ordinal);
        Assert.Equal(new Dictionary<(string, DeadLetterCause), long> { [("transactions", DeadLetterCause.HandlerFailed)] = 1 }, metrics.DeadLetteredByCause);
        Assert.Equal(1, metrics.DeadLetteredByTopic["transactions"]);
    }

    private static ConsumedRecord Record(byte[]? value) => new("transactions", 0, 7, "1"u8.ToArray(), value, 0);

    private static PartitionContext Context(KafkaSettings kafka, ShardMetrics metrics) => new("counter", 0, new PartitionServices
    {
        NodeId = "flow-tests",
        Cluster = ClusterSettings.Default,
        Kafka = kafka,
        Consumer = null!,
        Producer = null!,
        Ledger = LedgerSettings.Default,
        Pacer = new CheckpointPacer(ClusterSettings.Default, TimeProvider.System),
        ShardMetrics = metrics,
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
