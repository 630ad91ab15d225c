namespace ActorStreams.Elasticsearch;

/// <summary>Where an output goes: the index, and the record field whose value is the document's <c>_id</c>.</summary>
/// <param name="Index">The index name.</param>
/// <param name="IdField">The top-level field of the record holding its deterministic id.</param>
public sealed record OutputIndex(string Index, string IdField);
