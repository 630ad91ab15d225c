namespace ActorStreams.Cluster.Partitions;

/// <summary>Hears when this node starts and stops consuming partitions (the node turns it into cluster events).</summary>
public interface IPartitionObserver
{
    /// <summary>A consumer started: it recovered its ledger and reads its partitions of <paramref name="topics"/>.</summary>
    void Started(string kind, int partition, IReadOnlyList<string> topics, TimeSpan took);

    /// <summary>A consumer stopped; <paramref name="finalCheckpoint"/> says whether it wrote a final checkpoint first.</summary>
    void Stopped(string kind, int partition, IReadOnlyList<string> topics, bool finalCheckpoint, TimeSpan took);
}
