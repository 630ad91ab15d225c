using ActorStreams.Actors;
using ActorStreams.Persistence;

namespace ActorStreams.Cluster.Sharding;

/// <summary>An entity kind hosted by a <see cref="ShardRegion"/>: which input topics feed it and how its shards are made.</summary>
/// <param name="Kind">The kind's name (<c>customer</c>, <c>merchant</c>).</param>
/// <param name="Topics">The input topics (physical names) whose partition p feeds shard p of this kind.</param>
/// <param name="ShardProps">The props of shard <c>(kind, p)</c>, given what the store holds for it.</param>
public sealed record ShardKindRegistration(string Kind, IReadOnlyList<string> Topics, Func<ShardKey, ShardSnapshot?, Props> ShardProps);
