using System.Globalization;
using System.Text.Json;
using ActorStreams.Generator.Tests.Support;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Broker;
using ActorStreams.Kafka.Partitioning;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Generator.Tests;

/// <summary>Generated data produced to an in-process dev broker and read back with kcat.</summary>
[Trait("Category", "Integration")]
public sealed class GeneratorKafkaTests : IDisposable
{
    private readonly DevBroker _broker = new(brokerCount: 1);

    [Fact]
    public async Task ProduceAsync_Transactions_AreKeyedByCustomerOnTheirMurmur2Partition()
    {
        var topic = CreateTopic("transactions", 6);
        var topics = KafkaTopics.Default with { Transactions = topic };

        GenerationStatistics statistics;
        await using (var sink = new KafkaSink(Settings()))
        {
            var stream = DataGenerator.Open(GeneratorDatasets.Transactions, TestSettings.With(), TimeProvider.System, 3_000);
            statistics = await GeneratorOutput.ProduceAsync(stream, sink, topics, TimeProvider.System);
        }

        var consumed = await Kcat.ConsumeAllAsync(_broker.BootstrapServers, topic);
        var expected = TestSettings.Generate(GeneratorDatasets.Transactions, TestSettings.With(), 3_000);

        Assert.Equal(3_000, statistics.Records);
        Assert.Equal(expected.Select(r => $"{r.Key}\t{r.Json}").Order(StringComparer.Ordinal), consumed.Select(c => $"{c.Key}\t{c.Value}").Order(StringComparer.Ordinal));
        AssertKeyedAndPartitioned(consumed, "customer_id", 6);
        Assert.True(consumed.Select(c => c.Partition).Distinct().Count() == 6);
    }

    [Fact]
    public async Task ProduceAsync_Insurance_GoesToItsThreeTopicsKeyedAsTheContractSays()
    {
        var topics = KafkaTopics.Default with
        {
            CustomerOffers = CreateTopic("offers", 3),
            CustomerDetails = CreateTopic("details", 4),
            CustomerActivity = CreateTopic("activity", 4),
        };
        var settings = TestSettings.With() with { Customers = 150, Offers = 5 };

        await using (var sink = new KafkaSink(Settings()))
        {
            await GeneratorOutput.ProduceAsync(DataGenerator.Open(GeneratorDatasets.Insurance, settings, TimeProvider.System, 1_000), sink, topics, TimeProvider.System);
        }

        var offers = await Kcat.ConsumeAllAsync(_broker.BootstrapServers, topics.CustomerOffers);
        var details = await Kcat.ConsumeAllAsync(_broker.BootstrapServers, topics.CustomerDetails);
        var activities = await Kcat.ConsumeAllAsync(_broker.BootstrapServers, topics.CustomerActivity);

        Assert.Equal(5, offers.Count);
        Assert.Equal(150, details.Count);
        Assert.Equal(1_000, activities.Count);
        AssertKeyedAndPartitioned(offers, "offer_id", 3);
        AssertKeyedAndPartitioned(details, "customer_id", 4);
        AssertKeyedAndPartitioned(activities, "customer_id", 4);
    }

    [Fact]
    public async Task ProduceAsync_CustomerEvents_GoToTheirTopicKeyedByCustomerDuplicatesIncluded()
    {
        var topics = KafkaTopics.Default with { CustomerEvents = CreateTopic("customer-events", 4) };
        var settings = TestSettings.With() with { Customers = 100, Behaviour = CustomerEventSettings.Default with { DuplicateRatio = 0.01 } };

        GenerationStatistics statistics;
        await using (var sink = new KafkaSink(Settings()))
        {
            statistics = await GeneratorOutput.ProduceAsync(
                DataGenerator.Open(GeneratorDatasets.CustomerEvents, settings, TimeProvider.System, 4_000), sink, topics, TimeProvider.System);
        }

        var consumed = await Kcat.ConsumeAllAsync(_broker.BootstrapServers, topics.CustomerEvents);
        var expected = TestSettings.Generate(GeneratorDatasets.CustomerEvents, settings, 4_000);

        Assert.Equal(4_000, consumed.Count);
        Assert.True(statistics.DuplicateRecords > 0);
        Assert.Equal(expected.Select(r => $"{r.Key}\t{r.Json}").Order(StringComparer.Ordinal), consumed.Select(c => $"{c.Key}\t{c.Value}").Order(StringComparer.Ordinal));
        AssertKeyedAndPartitioned(consumed, "customer_id", 4);
    }

    public void Dispose() => _broker.Dispose();

    private static void AssertKeyedAndPartitioned(List<(int Partition, string Key, string Value)> records, string keyField, int partitions)
    {
        Assert.All(records, r =>
        {
            Assert.Equal(JsonDocument.Parse(r.Value).RootElement.GetProperty(keyField).GetInt64().ToString(CultureInfo.InvariantCulture), r.Key);
            Assert.Equal(Murmur2Partitioner.Partition(r.Key, partitions), r.Partition);
        });
    }

    private string CreateTopic(string prefix, int partitions)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        _broker.CreateTopic(name, partitions);
        return name;
    }

    private KafkaSettings Settings() => new()
    {
        BootstrapServers = _broker.BootstrapServers,
        ClientId = "generator-test",
        Producer = new KafkaProducerSettings
        {
            Linger = TimeSpan.FromMilliseconds(2),
            FlushTimeout = TimeSpan.FromSeconds(30),
        },
    };
}
