namespace ActorStreams.Kafka.Consumer.Internal;

/// <summary>Where a <see cref="KafkaConsumerHost"/> hands the records of the partitions a source asked for; called on the consumer thread, must not block.</summary>
internal interface IRecordReceiver
{
    /// <summary>Records of the subscribed partitions, in offset order per partition; the receiver owns the list.</summary>
    void OnRecords(List<ConsumedRecord> records);

    /// <summary>The consumer stopped or failed: no more records will come.</summary>
    void OnFailure(Exception error);
}
