using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;
using Akka.Actor;

namespace ActorStreams.Cluster.Tests.Support;

/// <summary>A counter per key: the simplest entity that shows lost or double-counted records.</summary>
public sealed class Counter
{
    public long Count { get; set; }

    public long Sum { get; set; }
}

/// <summary>Counter ids are decimal longs; the state is two little-endian longs.</summary>
public sealed class CounterKind : EntityKind<long, Counter>
{
    public const string KindName = "counter";

    public override string Name => KindName;

    public override string FormatId(long id) => id.ToString(CultureInfo.InvariantCulture);

    public override bool TryParseId(string text, [NotNullWhen(true)] out long id) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out id);

    public override void Describe(Counter state, Utf8JsonWriter writer)
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

/// <summary>Adds a record's value to its counter.</summary>
public sealed record Add(long Value);

/// <summary>
/// Adds each value to its key's counter and emits <c>id:count</c> to the output topic; a negative value throws (the
/// record is dead-lettered as a processing failure).
/// </summary>
public sealed class CounterEntity(CounterKind kind, EntityServices services, string outputTopic)
    : PartitionEntity<long, Counter>(kind, services)
{
    protected override object? Handle(object payload, Counter state)
    {
        var add = (Add)payload;
        if (add.Value < 0)
        {
            throw new InvalidOperationException("negative values are not allowed");
        }

        state.Count++;
        state.Sum += add.Value;
        return new ProducerRecord(outputTopic, Encoding.UTF8.GetBytes(Id.ToString(CultureInfo.InvariantCulture)), Encoding.UTF8.GetBytes($"{Id}:{state.Count}"));
    }
}

/// <summary>Keys are decimal ids, values decimal longs; anything else is dead-lettered by the dispatch step.</summary>
public sealed class CounterFlow(PartitionContext context, int partitions) : PartitionFlow(context)
{
    protected override void DispatchRecord(ConsumedRecord record, List<RouterWork> output)
    {
        var key = record.Key is null ? null : Encoding.UTF8.GetString(record.Key);
        if (key is null || !long.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            output.Add(new PassWork(new DeadLetterReason("key is not a counter id", DeadLetterCause.InvalidKey), record));
            return;
        }

        if (record.Value is null || !long.TryParse(Encoding.UTF8.GetString(record.Value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            output.Add(new PassWork(new DeadLetterReason("value is not a number", DeadLetterCause.InvalidField), record));
            return;
        }

        output.Add(new EntityWork(PartitionEntityIds.ForRecord(key, Context.Partition, partitions), new Add(value), record));
    }

    protected override void ForwardWork(RoutedWork routed, List<ProducerRecord> output)
    {
        var results = routed.Results;
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            if (result is ProducerRecord record)
            {
                output.Add(record);
            }
        }
    }
}

/// <summary>The counter kind for sharding: fed by partition p of the input topic.</summary>
public sealed class CounterLogic(EntityServices entities, string inputTopic, string outputTopic, int partitions) : IPartitionLogic
{
    private readonly CounterKind _kind = new();

    public string Kind => CounterKind.KindName;

    public IReadOnlyList<string> InputTopics { get; } = [inputTopic];

    public Props EntityProps(string entityId) => Props.Create(() => new CounterEntity(_kind, entities, outputTopic));

    public PartitionFlow CreateFlow(PartitionContext context) => new CounterFlow(context, partitions);

    public byte[] Describe(string entityId, byte[] state) =>
        _kind.DescribeToJson(_kind.Restore(long.Parse(PartitionEntityIds.RecordId(entityId), CultureInfo.InvariantCulture), state));
}
