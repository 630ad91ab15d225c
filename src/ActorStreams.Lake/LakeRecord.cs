namespace ActorStreams.Lake;

/// <summary>
/// A row of a lake file turned back into the record its topic carried (<see cref="LakeParquetReader"/>), with where it
/// came from: readers that consume the topic's JSON (the churn trainer) read the lake with the same parser.
/// </summary>
/// <param name="KafkaPartition">The partition of the input record the row comes from.</param>
/// <param name="KafkaOffset">That record's offset.</param>
/// <param name="Duplicate">Raw datasets: true when the customer already had the record's id; false otherwise.</param>
/// <param name="Json">
/// The record as UTF-8 JSON: the schema's fields in schema order, null optional fields left out, timestamps as ISO-8601
/// UTC with milliseconds (the precision the lake keeps) and nested records as their JSON text.
/// </param>
public sealed record LakeRecord(int KafkaPartition, long KafkaOffset, bool Duplicate, byte[] Json);
