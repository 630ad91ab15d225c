using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Partitions.Internal;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;
using ActorStreams.TestKit;
using Akka.Actor;

namespace ActorStreams.Cluster.Tests.Partitions;

/// <summary>The end of a partition's pipeline: a delivered record completes its offset and reports its processing latency.</summary>
[Trait("Category", "Unit")]
public sealed class PipelineProgressTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly ShardMetrics _shards = new();
    private readonly PartitionStatus _status = new("customer", 0, 1, Now);
    private readonly List<(string Topic, TimeSpan Latency)> _latencies = [];

    public PipelineProgressTests() => _shards.ProcessingLatencyObserver = (topic, latency) => _latencies.Add((topic, latency));

    [Fact]
    public void OnDelivered_Record_CompletesItsOffsetAndReportsTheTimeSinceItsKafkaTimestamp()
    {
        var progress = new PipelineProgress(_status, new KafkaMetrics(), _shards, _time, ActorRefs.Nobody);

        progress.OnDelivered(new PassWork(new object(), Record("transactions", 41, Now.AddMilliseconds(-1250))));
        progress.OnDelivered(new PassWork(new object(), Record("customer-activity", 7, Now.AddSeconds(-90))));

        Assert.Equal([("transactions", TimeSpan.FromMilliseconds(1250)), ("customer-activity", TimeSpan.FromSeconds(90))], _latencies);
        Assert.Equal(42, _status.CompletedOffsets["transactions"]);
    }

    [Fact]
    public void OnDelivered_TimestampAheadOfTheClockOrAbsent_ReportsZeroOrNothing()
    {
        var progress = new PipelineProgress(_status, new KafkaMetrics(), _shards, _time, ActorRefs.Nobody);

        progress.OnDelivered(new PassWork(new object(), Record("transactions", 1, Now.AddSeconds(3))));
        progress.OnDelivered(new PassWork(new object(), new ConsumedRecord("transactions", 0, 2, null, null, -1)));
        progress.OnDelivered(new TickWork(null));

        Assert.Equal([("transactions", TimeSpan.Zero)], _latencies);
        Assert.Equal(3, _status.CompletedOffsets["transactions"]);
    }

    [Fact]
    public void OnDelivered_NoObserver_CompletesTheOffsetAlone()
    {
        _shards.ProcessingLatencyObserver = null;
        var progress = new PipelineProgress(_status, new KafkaMetrics(), _shards, _time, ActorRefs.Nobody);

        progress.OnDelivered(new PassWork(new object(), Record("transactions", 5, Now)));

        Assert.Empty(_latencies);
        Assert.Equal(6, _status.CompletedOffsets["transactions"]);
    }

    private static ConsumedRecord Record(string topic, long offset, DateTimeOffset timestamp) =>
        new(topic, 0, offset, "1"u8.ToArray(), "{}"u8.ToArray(), timestamp.ToUnixTimeMilliseconds());
}
