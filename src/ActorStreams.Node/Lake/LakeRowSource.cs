using ActorStreams.Lake;

namespace ActorStreams.Node.Lake;

/// <summary>What a lake row is made from, as a chunk keeps it: the record's JSON and where it came from.</summary>
/// <param name="Dataset">The row's dataset.</param>
/// <param name="Json">The record's value as it is on its topic.</param>
/// <param name="KafkaPartition">The partition of the input record the row comes from.</param>
/// <param name="KafkaOffset">That record's offset.</param>
/// <param name="Duplicate">Raw datasets: the customer already had the record's id.</param>
/// <param name="RecordTimestampMs">The input record's Kafka timestamp (ms since the epoch), the event time where the row has none.</param>
internal sealed record LakeRowSource(LakeDataset Dataset, byte[] Json, int KafkaPartition, long KafkaOffset, bool Duplicate, long RecordTimestampMs)
{
    /// <summary>The typed row (the same for the same source, whenever it is made).</summary>
    public LakeRow ToRow() =>
        LakeRow.FromJson(Dataset, Json, KafkaPartition, KafkaOffset, Duplicate, DateTimeOffset.FromUnixTimeMilliseconds(RecordTimestampMs));
}
