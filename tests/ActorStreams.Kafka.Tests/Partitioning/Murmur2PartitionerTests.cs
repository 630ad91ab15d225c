using System.Text;
using ActorStreams.Kafka.Partitioning;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.Tests.Support;

namespace ActorStreams.Kafka.Tests.Partitioning;

public sealed class Murmur2PartitionerTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    // Expected values from Kafka's UtilsTest (clients/src/test/.../utils/UtilsTest.java) and librdkafka's rdmurmur2.c.
    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    [InlineData("1", -1993445489)]
    [InlineData("12", 126087238)]
    [InlineData("123", -267702483)]
    [InlineData("1234", -1614185708)]
    [InlineData("12345", -1188365604)]
    [InlineData("kafka", unchecked((int)0xd067cf64))]
    public void Hash_KafkaTestVectors_MatchJava(string key, int expected) =>
        Assert.Equal(expected, Murmur2Partitioner.Hash(Encoding.UTF8.GetBytes(key)));

    [Fact]
    [Trait("Category", "Unit")]
    public void Partition_NegativeHash_UsesPositiveModuloLikeKafka()
    {
        // murmur2("21") is negative: Kafka masks the sign bit (toPositive) before the modulo.
        var expected = (-973932308 & 0x7fffffff) % 12;
        Assert.Equal(expected, Murmur2Partitioner.Partition("21", 12));
        Assert.Equal(expected, Murmur2Partitioner.Partition("21"u8, 12));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Partition_ManyKeys_AgreesWithLibrdkafkaMurmur2Random()
    {
        const int Partitions = 7;
        var topic = fixture.CreateTopic("murmur", Partitions);
        await using var sink = new KafkaSink(fixture.Settings());
        var keys = Enumerable.Range(0, 2000).Select(i => i % 3 == 0 ? $"{i * 7919L}" : $"customer-{i}-{new string('x', i % 9)}").ToList();

        var deliveries = await Task.WhenAll(keys.Select(key => sink.ProduceAndWaitAsync(topic, Encoding.UTF8.GetBytes(key), "{}"u8.ToArray())));

        for (var i = 0; i < keys.Count; i++)
        {
            Assert.True(
                Murmur2Partitioner.Partition(keys[i], Partitions) == deliveries[i].Partition.Partition,
                $"key \"{keys[i]}\": librdkafka chose {deliveries[i].Partition.Partition}, managed murmur2 {Murmur2Partitioner.Partition(keys[i], Partitions)}");
        }
    }
}
