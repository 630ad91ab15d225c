using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka.DeadLetters;
using ActorStreams.Kafka.GroupSource;

namespace ActorStreams.Cluster.Internal;

/// <summary>Sends a record to the dead-letter topic (docs/design.md §5) as an output of its work: the record completes once the letter is delivered.</summary>
internal static class DeadLetters
{
    public static void Produce(ShardServices services, KafkaRecord record, string reason, ShardWork work)
    {
        var letter = DeadLetterRecord.Create(
            record.Topic, record.Partition.Partition, record.Offset, record.Key, record.Value, reason, services.Time.GetUtcNow());
        services.Metrics.DeadLetter();
        work.AddPending();
        try
        {
            services.Sink.Produce(services.Kafka.Topics.DeadLetter, record.Key, letter.ToJsonUtf8(), work);
        }
        catch
        {
            work.Release();
            throw;
        }
    }
}
