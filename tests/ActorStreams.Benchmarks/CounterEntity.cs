using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;

namespace ActorStreams.Benchmarks;

/// <summary>The smallest product entity: a <see cref="PartitionEntity{TId,TState}"/> whose state counts its commands.</summary>
internal sealed class CounterEntity(CounterKind kind, EntityServices services) : PartitionEntity<long, CounterState>(kind, services)
{
    protected override object? Handle(object payload, CounterState state)
    {
        state.Count++;
        return null;
    }
}

/// <summary>The state of a <see cref="CounterEntity"/>.</summary>
internal sealed class CounterState
{
    public long Count { get; set; }
}

/// <summary>The counter kind: ids are longs, the state serializes as one little-endian long.</summary>
internal sealed class CounterKind : EntityKind<long, CounterState>
{
    public const string KindName = "counter";

    public override string Name => KindName;

    public override string FormatId(long id) => id.ToString(CultureInfo.InvariantCulture);

    public override bool TryParseId(string text, [NotNullWhen(true)] out long id) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id);

    public override CounterState Create(long id) => new();

    public override CounterState Restore(long id, ReadOnlySpan<byte> snapshot) => new() { Count = BinaryPrimitives.ReadInt64LittleEndian(snapshot) };

    public override void Serialize(CounterState state, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(output);
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(sizeof(long)), state.Count);
        output.Advance(sizeof(long));
    }
}

/// <summary>The payload of a counter command; one shared instance.</summary>
internal sealed class Increment
{
    public static readonly Increment Instance = new();
}
