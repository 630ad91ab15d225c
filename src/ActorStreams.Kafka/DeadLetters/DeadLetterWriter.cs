using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.Consumer;

namespace ActorStreams.Kafka.DeadLetters;

/// <summary>Writes rejected records to the dead-letter topic through a <see cref="KafkaSink"/>, keyed by the source key.</summary>
/// <param name="sink">The producer to write with (usually the node's sink).</param>
/// <param name="topic">The dead-letter topic (<c>actorstreams.kafka.topics.dead-letter</c>).</param>
/// <param name="time">Clock for <c>failed_at</c>; default: the system clock.</param>
public sealed class DeadLetterWriter(KafkaSink sink, string topic, TimeProvider? time = null)
{
    private readonly KafkaSink _sink = sink ?? throw new ArgumentNullException(nameof(sink));
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The dead-letter topic.</summary>
    public string Topic { get; } = string.IsNullOrWhiteSpace(topic) ? throw new ArgumentException("a topic is required", nameof(topic)) : topic;

    /// <summary>Writes the dead letter of <paramref name="record"/> and completes when the broker acknowledged it.</summary>
    public Task WriteAsync(ConsumedRecord record, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var letter = DeadLetterRecord.Create(record.Topic, record.Partition, record.Offset, record.Key, record.Value, error, _time.GetUtcNow());
        return WriteAsync(letter, record.Key, cancellationToken);
    }

    /// <summary>Writes <paramref name="letter"/> keyed by <paramref name="key"/> and completes when the broker acknowledged it.</summary>
    public async Task WriteAsync(DeadLetterRecord letter, byte[]? key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await _sink.ProduceAndWaitAsync(Topic, key, letter.ToJsonUtf8(), cancellationToken).ConfigureAwait(false);
    }
}
