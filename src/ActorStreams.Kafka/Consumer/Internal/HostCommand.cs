namespace ActorStreams.Kafka.Consumer.Internal;

/// <summary>What other threads ask of the consumer thread of a <see cref="KafkaConsumerHost"/>.</summary>
internal abstract record HostCommand
{
    /// <summary>Add partitions to the assignment, their records going to <paramref name="Receiver"/>.</summary>
    public sealed record Assign(IReadOnlyList<KafkaPartitionStart> Starts, IRecordReceiver Receiver) : HostCommand;

    /// <summary>Remove partitions from the assignment, those still going to <paramref name="Receiver"/>.</summary>
    public sealed record Unassign(IReadOnlyList<KafkaPartition> Partitions, IRecordReceiver Receiver) : HostCommand;

    /// <summary>Stop fetching partitions (backpressure).</summary>
    public sealed record Pause(IReadOnlyList<KafkaPartition> Partitions) : HostCommand;

    /// <summary>Fetch paused partitions again.</summary>
    public sealed record Resume(IReadOnlyList<KafkaPartition> Partitions) : HostCommand;

    /// <summary>Commit next offsets to the group.</summary>
    public sealed record Commit(IReadOnlyList<KafkaPartitionOffset> Offsets) : HostCommand;
}
