namespace ActorStreams.Kafka.Producer;

/// <summary>
/// What <see cref="KafkaProducer.FlexiFlow{TPassThrough}"/> takes: any number of records (none is fine) and a value the
/// flow passes on once every one of them is delivered, as Akka.Streams.Kafka's <c>ProducerMessage.MultiMessage</c>.
/// </summary>
/// <typeparam name="TPassThrough">What the flow emits for the envelope.</typeparam>
/// <param name="Records">The records to produce.</param>
/// <param name="PassThrough">Emitted after the records are delivered, in the order the envelopes came in.</param>
public sealed record ProducerEnvelope<TPassThrough>(IReadOnlyList<ProducerRecord> Records, TPassThrough PassThrough);
