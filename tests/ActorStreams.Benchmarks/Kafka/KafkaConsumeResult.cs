namespace ActorStreams.Benchmarks.Kafka;

/// <summary>The outcome of one case of the consume benchmark.</summary>
/// <param name="Case">The case name: <c>bare-consume</c>, <c>consume-deserialize</c>, <c>plain-external-source</c> or <c>kcat</c>.</param>
/// <param name="Description">What the case measures.</param>
/// <param name="Events">Records read.</param>
/// <param name="Elapsed">Time from the first read to the last record.</param>
/// <param name="EventsPerSecond">Throughput.</param>
public sealed record KafkaConsumeResult(string Case, string Description, long Events, TimeSpan Elapsed, double EventsPerSecond);
