using System.Diagnostics;
using ActorStreams.Kafka;
using Confluent.Kafka;

namespace ActorStreams.IntegrationTests.Support;

/// <summary>
/// Reads whole topics with a plain Confluent.Kafka consumer (no group, no ActorStreams source): every partition from
/// its first offset up to the high watermark observed when the read starts.
/// </summary>
public static class TopicReader
{
    /// <summary>Reads <paramref name="topic"/> (with <paramref name="partitions"/> partitions) to its current end.</summary>
    /// <exception cref="TimeoutException">The end was not reached within <paramref name="timeout"/>.</exception>
    public static TopicContents ReadToEnd(string bootstrapServers, string topic, int partitions, TimeSpan timeout)
    {
        KafkaNative.EnsureLoaded();
        var config = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = bootstrapServers,
            ["group.id"] = "integration-tests-reader",
            ["enable.auto.commit"] = "false",
            ["enable.partition.eof"] = "false",
            ["fetch.wait.max.ms"] = "20",
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        var ends = new long[partitions];
        var lost = 0L;
        var assignments = new List<TopicPartitionOffset>();
        for (var p = 0; p < partitions; p++)
        {
            var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10));
            ends[p] = marks.High.Value;
            lost += marks.Low.Value;
            if (marks.High.Value > marks.Low.Value)
            {
                assignments.Add(new TopicPartitionOffset(topic, p, Offset.Beginning));
            }
        }

        var records = new List<TopicRecord>();
        var positions = new long[partitions];
        if (assignments.Count > 0)
        {
            consumer.Assign(assignments);
            var clock = Stopwatch.StartNew();
            while (Enumerable.Range(0, partitions).Any(p => positions[p] < ends[p]))
            {
                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"reading {topic}: positions [{string.Join(", ", positions)}] did not reach the ends [{string.Join(", ", ends)}] within {timeout.TotalSeconds:0} s");
                }

                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null || result.IsPartitionEOF)
                {
                    continue;
                }

                var partition = result.Partition.Value;
                var offset = result.Offset.Value;
                positions[partition] = Math.Max(positions[partition], offset + 1);
                if (offset < ends[partition])
                {
                    records.Add(new TopicRecord(topic, partition, offset, result.Message.Key, result.Message.Value, result.Message.Timestamp.UnixTimestampMs));
                }
            }

            consumer.Close();
        }

        records.Sort((a, b) => a.Partition != b.Partition ? a.Partition.CompareTo(b.Partition) : a.Offset.CompareTo(b.Offset));
        return new TopicContents(topic, records, lost);
    }
}
