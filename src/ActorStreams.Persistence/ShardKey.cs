namespace ActorStreams.Persistence;

/// <summary>A shard: one partition of one entity kind (<c>customer</c>, <c>merchant</c>).</summary>
/// <param name="Kind">The entity kind.</param>
/// <param name="Partition">The Kafka partition the shard is aligned to.</param>
public readonly record struct ShardKey(string Kind, int Partition)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}/{Partition}";
}
