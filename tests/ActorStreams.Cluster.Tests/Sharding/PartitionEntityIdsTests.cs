using System.Text;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka.Partitioning;

namespace ActorStreams.Cluster.Tests.Sharding;

[Trait("Category", "Unit")]
public sealed class PartitionEntityIdsTests
{
    [Fact]
    public void Consumer_Partition3_IsItsOwnShardAndParsesBack()
    {
        var id = PartitionEntityIds.Consumer(3);

        Assert.Equal("~partition-3", id);
        Assert.True(PartitionEntityIds.TryParseConsumer(id, out var partition));
        Assert.Equal(3, partition);
        Assert.Equal(3, PartitionEntityIds.PartitionOf(id, 8));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("m-grocery-007")]
    [InlineData("~partition-3")]
    [InlineData("~~odd")]
    [InlineData("~5:pinned-looking")]
    public void ForRecord_IdOfTheRecordsPartition_LivesInThatShardAndKeepsItsRecordId(string id)
    {
        const int partitions = 8;
        var partition = Murmur2Partitioner.Partition(Encoding.UTF8.GetBytes(id), partitions);

        var entityId = PartitionEntityIds.ForRecord(id, partition, partitions);

        Assert.Equal(partition, PartitionEntityIds.PartitionOf(entityId, partitions));
        Assert.Equal(id, PartitionEntityIds.RecordId(entityId));
        Assert.False(PartitionEntityIds.TryParseConsumer(entityId, out _));
    }

    [Fact]
    public void ForRecord_IdThatHashesToAnotherPartition_IsPinnedToTheRecordsPartition()
    {
        const int partitions = 8;
        const string id = "0042";
        var hashed = Murmur2Partitioner.Partition(Encoding.UTF8.GetBytes(id), partitions);
        var arrivedOn = (hashed + 1) % partitions;

        var entityId = PartitionEntityIds.ForRecord(id, arrivedOn, partitions);

        Assert.Equal($"~{arrivedOn}:0042", entityId);
        Assert.Equal(arrivedOn, PartitionEntityIds.PartitionOf(entityId, partitions));
        Assert.Equal(id, PartitionEntityIds.RecordId(entityId));
    }
}
