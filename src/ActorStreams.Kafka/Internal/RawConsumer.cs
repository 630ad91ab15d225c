using System.Diagnostics;
using Confluent.Kafka;

namespace ActorStreams.Kafka.Internal;

/// <summary>
/// A bare Confluent.Kafka consume loop over every partition of a topic, without a group or flow control:
/// the baseline of the consume benchmark (visible to ActorStreams.Benchmarks only).
/// </summary>
internal static class RawConsumer
{
    /// <summary>Records currently readable in <paramref name="topic"/> (high − low watermark summed), and those dropped (low watermarks summed).</summary>
    public static (long Readable, long Dropped) Watermarks(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = Build(bootstrapServers);
        long readable = 0, dropped = 0;
        for (var p = 0; p < partitions; p++)
        {
            var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10));
            readable += marks.High.Value - marks.Low.Value;
            dropped += marks.Low.Value;
        }

        return (readable, dropped);
    }

    /// <summary>
    /// Reads <paramref name="expected"/> records from the beginning of every partition, handing each value to
    /// <paramref name="onValue"/> (which returns false to count a failure). Timed from the first read call.
    /// </summary>
    public static (long Records, long Failures, TimeSpan Elapsed) Consume(
        string bootstrapServers, string topic, int partitions, long expected, Func<byte[]?, bool>? onValue, CancellationToken cancellationToken)
    {
        using var consumer = Build(bootstrapServers);
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        long records = 0, failures = 0;
        var clock = Stopwatch.StartNew();
        while (records < expected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = consumer.Consume(100);
            if (result is null)
            {
                continue;
            }

            records++;
            if (onValue is not null && !onValue(result.Message.Value))
            {
                failures++;
            }
        }

        clock.Stop();
        consumer.Close();
        return (records, failures, clock.Elapsed);
    }

    private static IConsumer<byte[]?, byte[]?> Build(string bootstrapServers)
    {
        KafkaNative.EnsureLoaded();
        var config = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = bootstrapServers,
            ["group.id"] = "actorstreams-bench-raw",
            ["enable.auto.commit"] = "false",
            ["enable.partition.eof"] = "false",
        };
        return new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
    }
}
