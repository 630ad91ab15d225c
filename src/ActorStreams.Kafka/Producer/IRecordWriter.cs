namespace ActorStreams.Kafka.Producer;

/// <summary>
/// Where an ordered producer flow (<see cref="KafkaProducer.FlexiFlow{TPassThrough}(IRecordWriter, int)"/>) writes its
/// records: the node's <see cref="KafkaSink"/>, or a second destination of the outputs (Elasticsearch).
/// </summary>
public interface IRecordWriter
{
    /// <summary>
    /// Takes <paramref name="record"/> without waiting, or returns false when full (<see cref="WhenRoomAsync"/> says when
    /// to try again). <paramref name="callback"/> is told once the record is written; it may be told before this returns.
    /// </summary>
    bool TryWrite(ProducerRecord record, DeliveryCallback callback);

    /// <summary>Completes when there may be room again (at once when there is).</summary>
    Task WhenRoomAsync();
}
