using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// How one kind of entity (customer, merchant) names, creates, serializes and restores its state. Shared by the
/// shard (which serializes states at checkpoints) and the entities (which create or restore them).
/// </summary>
/// <typeparam name="TId">The entity id type.</typeparam>
/// <typeparam name="TState">The entity state type.</typeparam>
public abstract class EntityKind<TId, TState>
    where TId : notnull
    where TState : class
{
    private const int MaxRetainedBuffer = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    /// <summary>The kind's name, used in store keys and actor names: <c>customer</c>, <c>merchant</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The id as stored (the Kafka key's string form).</summary>
    public abstract string FormatId(TId id);

    /// <summary>Parses an id from its stored / Kafka-key form (the inverse of <see cref="FormatId"/>).</summary>
    public abstract bool TryParseId(string text, [NotNullWhen(true)] out TId? id);

    /// <summary>Writes the state as a JSON object for inspection (<c>entity show</c>); the default writes an empty object.</summary>
    public virtual void Describe(TState state, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    /// <summary>Whether an entity in <paramref name="state"/> must stay in memory and hear its partition's broadcasts (a merchant with open windows).</summary>
    public virtual bool KeepActive(TState state) => false;

    /// <summary>The JSON description of <paramref name="state"/> (<see cref="Describe"/>) as UTF-8 bytes.</summary>
    public byte[] DescribeToJson(TState state)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Describe(state, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><see cref="Serialize"/> into a new array of exactly the state's size.</summary>
    /// <remarks>
    /// Checkpoints serialize every changed entity: the state is written into a buffer reused per thread, then copied
    /// once (a fresh 256-byte buffer per entity grew, and reallocated, several times for most customers).
    /// </remarks>
    public byte[] SerializeToArray(TState state)
    {
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        Serialize(state, buffer);
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxRetainedBuffer)
        {
            _threadBuffer = null;
        }

        return bytes;
    }

    /// <summary>The state of an entity seen for the first time.</summary>
    public abstract TState Create(TId id);

    /// <summary>Restores a state written by <see cref="Serialize"/> (of this or an older version).</summary>
    public abstract TState Restore(TId id, ReadOnlySpan<byte> snapshot);

    /// <summary>Writes a versioned snapshot of <paramref name="state"/>.</summary>
    public abstract void Serialize(TState state, IBufferWriter<byte> output);
}
