namespace ActorStreams.IntegrationTests.Support;

/// <summary>Every record of one topic, ordered by partition then offset, and how many were lost to the dev broker's retention.</summary>
public sealed record TopicContents(string Topic, IReadOnlyList<TopicRecord> Records, long LostToRetention)
{
    /// <summary>The records of one partition in offset order.</summary>
    public IEnumerable<TopicRecord> Partition(int partition) => Records.Where(r => r.Partition == partition);
}
