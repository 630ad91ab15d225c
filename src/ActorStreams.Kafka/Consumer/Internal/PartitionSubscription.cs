namespace ActorStreams.Kafka.Consumer.Internal;

/// <summary>A source's partitions on a <see cref="KafkaConsumerHost"/>: pause, resume, and unassign them on dispose.</summary>
internal sealed class PartitionSubscription(KafkaConsumerHost host, IReadOnlyList<KafkaPartition> partitions, IRecordReceiver receiver) : IDisposable
{
    private int _disposed;

    public IReadOnlyList<KafkaPartition> Partitions { get; } = partitions;

    public void Pause() => host.Enqueue(new HostCommand.Pause(Partitions));

    public void Resume() => host.Enqueue(new HostCommand.Resume(Partitions));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            host.Enqueue(new HostCommand.Unassign(Partitions, receiver));
        }
    }
}
