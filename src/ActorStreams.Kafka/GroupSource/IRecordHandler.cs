namespace ActorStreams.Kafka.GroupSource;

/// <summary>Receives the records of one assigned partition (in the actor layer: the partition's shard).</summary>
public interface IRecordHandler
{
    /// <summary>
    /// Called on the source's consume thread for each record of the partition, in offset order. Must not
    /// block: hand the record on and call <see cref="KafkaRecord.Complete"/> (or
    /// <see cref="KafkaRecord.DeadLetter"/>) from any thread once it is processed.
    /// </summary>
    void OnRecord(KafkaRecord record);
}
