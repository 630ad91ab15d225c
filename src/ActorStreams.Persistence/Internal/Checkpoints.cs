namespace ActorStreams.Persistence.Internal;

/// <summary>Checks shared by every store, done before a write touches anything.</summary>
internal static class Checkpoints
{
    /// <summary>Throws when the checkpoint could only be written partly (a null id or state), so that no store starts a transaction it would have to abandon half-way.</summary>
    public static void Validate(ShardCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ValidateShard(checkpoint.Shard);
        ArgumentNullException.ThrowIfNull(checkpoint.Offsets, nameof(checkpoint));
        ArgumentNullException.ThrowIfNull(checkpoint.Entities, nameof(checkpoint));
        foreach (var (topic, _) in checkpoint.Offsets)
        {
            if (string.IsNullOrEmpty(topic))
            {
                throw new ArgumentException($"checkpoint {checkpoint.Sequence} of shard {checkpoint.Shard} has an offset without a topic", nameof(checkpoint));
            }
        }

        var entities = checkpoint.Entities;
        for (var i = 0; i < entities.Count; i++)
        {
            if (entities[i] is not { EntityId: not null, State: not null })
            {
                throw new ArgumentException($"checkpoint {checkpoint.Sequence} of shard {checkpoint.Shard}: entity #{i} has no id or no state", nameof(checkpoint));
            }
        }
    }

    /// <summary>Throws for a shard without a kind.</summary>
    public static void ValidateShard(ShardKey shard)
    {
        if (string.IsNullOrEmpty(shard.Kind))
        {
            throw new ArgumentException("the shard has no kind", nameof(shard));
        }
    }

    /// <summary>The entities with each id once, the last occurrence winning (what writing them in order would leave); the list itself when ids are unique.</summary>
    public static IReadOnlyList<EntityState> LastPerId(IReadOnlyList<EntityState> entities)
    {
        if (entities.Count < 2)
        {
            return entities;
        }

        var seen = new HashSet<string>(entities.Count, StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            if (!seen.Add(entity.EntityId))
            {
                var last = new Dictionary<string, EntityState>(entities.Count, StringComparer.Ordinal);
                foreach (var e in entities)
                {
                    last[e.EntityId] = e;
                }

                return [.. last.Values];
            }
        }

        return entities;
    }
}
