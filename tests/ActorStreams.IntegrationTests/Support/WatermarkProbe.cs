using ActorStreams.Kafka;
using Confluent.Kafka;

namespace ActorStreams.IntegrationTests.Support;

/// <summary>Asks the broker how many records a topic holds (the sum of its partitions' high watermarks).</summary>
public sealed class WatermarkProbe : IDisposable
{
    private readonly IConsumer<byte[]?, byte[]?> _consumer;

    public WatermarkProbe(string bootstrapServers)
    {
        KafkaNative.EnsureLoaded();
        var config = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = bootstrapServers,
            ["group.id"] = "integration-tests-probe",
            ["enable.auto.commit"] = "false",
        };
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
    }

    /// <summary>The number of records ever written to <paramref name="topic"/>.</summary>
    public long Records(string topic, int partitions)
    {
        var total = 0L;
        for (var p = 0; p < partitions; p++)
        {
            total += _consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value;
        }

        return total;
    }

    public void Dispose() => _consumer.Dispose();
}
