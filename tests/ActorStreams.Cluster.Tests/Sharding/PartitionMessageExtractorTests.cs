using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka.Partitioning;

namespace ActorStreams.Cluster.Tests.Sharding;

[Trait("Category", "Unit")]
public sealed class PartitionMessageExtractorTests
{
    private readonly PartitionMessageExtractor _extractor = new(12);

    [Fact]
    public void ShardId_RecordId_IsItsMurmur2Partition()
    {
        foreach (var id in Enumerable.Range(0, 500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            Assert.Equal(Murmur2Partitioner.Partition(id, 12).ToString(System.Globalization.CultureInfo.InvariantCulture), _extractor.ShardId(id));
        }
    }

    [Fact]
    public void ShardId_ConsumerId_IsItsPartition()
    {
        Assert.Equal("7", _extractor.ShardId(PartitionEntityIds.Consumer(7)));
    }

    [Fact]
    public void ShardId_ConsumerOfAPartitionThatDoesNotExist_SaysSo()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _extractor.ShardId(PartitionEntityIds.Consumer(12)));

        Assert.Contains("the topics have 12 partitions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EntityId_OfAnEntityMessage_IsItsId_AndOtherMessagesHaveNone()
    {
        var command = new EntityCommand("42", 1, 1, true, null, "payload");

        Assert.Equal("42", _extractor.EntityId(command));
        Assert.Same(command, _extractor.EntityMessage(command));
        Assert.Null(_extractor.EntityId("not an entity message"));
    }
}
