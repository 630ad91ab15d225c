using ActorStreams.Warehouse.Lake;

namespace ActorStreams.Warehouse.Internal;

/// <summary>A lake file with the local path DuckDB reads it from.</summary>
internal sealed record LocalFile(LakeFile File, string Path);
