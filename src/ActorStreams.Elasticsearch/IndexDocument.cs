namespace ActorStreams.Elasticsearch;

/// <summary>One document to index: where, under which <c>_id</c>, its JSON body, and what its writer tracks it by.</summary>
/// <param name="Index">The index.</param>
/// <param name="Id">The document id (the record's deterministic id).</param>
/// <param name="Body">The JSON document (the output record's value, unchanged).</param>
/// <param name="SourceTopic">The Kafka topic the record went to (named in its dead letter if it is rejected).</param>
/// <param name="Key">The record's Kafka key (the dead letter's key).</param>
/// <param name="State">The writer's token, handed back to the indexer's done callback; may be null.</param>
/// <param name="Rejection">Set when the record cannot become a document (e.g. it has no id): it goes to dead-letter with this reason.</param>
public sealed record IndexDocument(string Index, string Id, byte[] Body, string SourceTopic, byte[]? Key, object? State, string? Rejection = null);
