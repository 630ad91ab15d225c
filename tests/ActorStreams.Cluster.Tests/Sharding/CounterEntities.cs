using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ActorStreams.Actors;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka.GroupSource;
using ActorStreams.Persistence;

namespace ActorStreams.Cluster.Tests.Sharding;

/// <summary>A counter per key: the simplest entity that shows lost or double-counted records.</summary>
public sealed class Counter
{
    public long Count { get; set; }

    public long Sum { get; set; }
}

public sealed class CounterKind : EntityKind<long, Counter>
{
    public override string Name => "counter";

    public override string FormatId(long id) => id.ToString(CultureInfo.InvariantCulture);

    public override bool TryParseId(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out long id) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out id);

    public override void Describe(Counter state, System.Text.Json.Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("count", state.Count);
        writer.WriteNumber("sum", state.Sum);
        writer.WriteEndObject();
    }

    public override Counter Create(long id) => new();

    public override Counter Restore(long id, ReadOnlySpan<byte> snapshot) =>
        new() { Count = BinaryPrimitives.ReadInt64LittleEndian(snapshot), Sum = BinaryPrimitives.ReadInt64LittleEndian(snapshot[8..]) };

    public override void Serialize(Counter state, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(16);
        BinaryPrimitives.WriteInt64LittleEndian(span, state.Count);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], state.Sum);
        output.Advance(16);
    }

    public static (long Count, long Sum) Decode(byte[] snapshot) =>
        (BinaryPrimitives.ReadInt64LittleEndian(snapshot), BinaryPrimitives.ReadInt64LittleEndian(snapshot.AsSpan(8)));
}

public sealed class Add(long value) : ShardWork
{
    public long Value { get; } = value;
}

/// <summary>Adds each record's value to its key's counter and emits the running count to an output topic.</summary>
public sealed class CounterEntity(EntityContext<long, Counter> context, string outputTopic) : ShardedEntity<long, Counter>(context)
{
    protected override void Handle(ShardWork work)
    {
        var add = (Add)work;
        if (add.Value < 0)
        {
            throw new InvalidOperationException("negative values are not allowed");
        }

        State.Count++;
        State.Sum += add.Value;
        Produce(outputTopic, work.Record!.Key, Encoding.UTF8.GetBytes($"{Id}:{State.Count}"), work);
    }
}

/// <summary>Keys are decimal ids, values decimal longs; anything else is dead-lettered.</summary>
public sealed class CounterShard(ShardKey key, ShardServices services, ShardSnapshot? snapshot, string outputTopic)
    : EntityShard<long, Counter>(new CounterKind(), key, services, snapshot)
{
    protected override Props EntityProps(EntityContext<long, Counter> context) => Props.Create(() => new CounterEntity(context, outputTopic));

    protected override void OnRecord(KafkaRecord record)
    {
        if (record.Key is null || !long.TryParse(record.Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            || record.Value is null || !long.TryParse(record.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            DeadLetter(record, "key and value must be decimal integers");
            return;
        }

        Route(id, Attach(new Add(value), record));
    }
}
