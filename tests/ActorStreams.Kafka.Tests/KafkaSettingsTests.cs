using ActorStreams.Hocon;

namespace ActorStreams.Kafka.Tests;

[Trait("Category", "Unit")]
public sealed class KafkaSettingsTests
{
    [Fact]
    public void Create_EmptyConfig_GivesReferenceDefaults()
    {
        var settings = KafkaSettings.Create(ConfigFactory.Empty);

        Assert.Equal("127.0.0.1:9092", settings.BootstrapServers);
        Assert.Equal("actorstreams", settings.ClientId);
        Assert.Equal(12, settings.Partitions);
        Assert.Equal(1, settings.ReplicationFactor);
        Assert.Equal("actorstreams-repartition-merchant", settings.Topics.RepartitionMerchant);
        Assert.Equal("dead-letter", settings.Topics.DeadLetter);
        Assert.Equal("fraud-monitor", settings.Topics.FraudMonitor);
        Assert.Equal("customer-events", settings.Topics.CustomerEvents);
        Assert.Equal("funnel-metrics", settings.Topics.FunnelMetrics);
        Assert.Equal("churn-segments", settings.Topics.ChurnSegments);
        Assert.Equal(["customer-details", "customer-offers"], settings.CompactedTopics.Order(StringComparer.Ordinal));
        Assert.Equal(["transactions", "customer-activity", "customer-details", "loan-applications", "customer-events"], settings.CoPartitioned);
        Assert.Equal(500, settings.Consumer.MaxInFlightPerPartition);
        Assert.Equal(250, settings.Consumer.ResumeAt);
        Assert.Equal(50 * 1024 * 1024, settings.Consumer.FetchMaxBytes);
        Assert.Equal(1024 * 1024, settings.Consumer.MaxRecordBytes);
        Assert.Equal(TimeSpan.FromDays(365), settings.Consumer.MaxTimestampAhead);
        Assert.Equal(TimeSpan.FromMilliseconds(5), settings.Producer.Linger);
        Assert.Equal("lz4", settings.Producer.Compression);
        Assert.Equal(100_000, settings.Producer.MaxBufferedMessages);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Producer.FlushTimeout);
        Assert.Empty(settings.Consumer.Properties);
    }

    [Fact]
    public void Create_DefaultsMatchTheRecordDefaults()
    {
        var fromConfig = KafkaSettings.Create(ConfigFactory.Empty);
        var defaults = KafkaSettings.Default;

        Assert.Equal(defaults.Topics, fromConfig.Topics);
        Assert.Equal(defaults.Consumer with { Properties = fromConfig.Consumer.Properties }, fromConfig.Consumer);
        Assert.Equal(defaults.Producer with { Properties = fromConfig.Producer.Properties }, fromConfig.Producer);
        Assert.Equal(defaults.CoPartitioned, fromConfig.CoPartitioned);
    }

    [Fact]
    public void Create_Overrides_AreReadIncludingRawProperties()
    {
        var config = ConfigFactory.ParseString("""
            actorstreams.kafka {
              bootstrap = "broker-1:9092,broker-2:9092"
              topics.transactions = "payments"
              co-partitioned = [transactions, customer-activity]
              consumer {
                max-in-flight-per-partition = 200
                resume-at = 0
                properties { "fetch.wait.max.ms" = 100, isolation.level = read_committed, "check.crcs" = true }
              }
              producer { linger = 20ms, compression = zstd }
            }
            """);

        var settings = KafkaSettings.Create(config);

        Assert.Equal("broker-1:9092,broker-2:9092", settings.BootstrapServers);
        Assert.Equal("payments", settings.Topics.Transactions);
        Assert.Equal(["payments", "customer-activity"], settings.CoPartitionedTopics);
        Assert.Equal(200, settings.Consumer.MaxInFlightPerPartition);
        Assert.Equal(0, settings.Consumer.ResumeAt);
        Assert.Equal("100", settings.Consumer.Properties["fetch.wait.max.ms"]);
        Assert.Equal("read_committed", settings.Consumer.Properties["isolation.level"]);
        Assert.Equal("true", settings.Consumer.Properties["check.crcs"]);
        Assert.Equal(TimeSpan.FromMilliseconds(20), settings.Producer.Linger);
        Assert.Equal("zstd", settings.Producer.Compression);
    }

    [Fact]
    public void Create_RenamedCustomerEventsTopic_ResolvesItsLogicalName()
    {
        var settings = KafkaSettings.Create(ConfigFactory.ParseString("actorstreams.kafka.topics.customer-events = \"shop-events\""));

        Assert.Equal("shop-events", settings.Topics.CustomerEvents);
        Assert.Equal("shop-events", settings.Topics.Resolve("customer-events"));
        Assert.Contains(KeyValuePair.Create("customer-events", "shop-events"), settings.Topics.All);
        Assert.Contains("shop-events", settings.CoPartitionedTopics); // a customer-keyed input, read by the customer partitions
    }

    [Fact]
    public void Create_RenamedFunnelOutputs_ResolveTheirLogicalNames()
    {
        var settings = KafkaSettings.Create(ConfigFactory.ParseString(
            "actorstreams.kafka.topics { funnel-metrics = \"shop-funnel\", churn-segments = \"risk-bands\" }"));

        Assert.Equal(("shop-funnel", "risk-bands"), (settings.Topics.FunnelMetrics, settings.Topics.ChurnSegments));
        Assert.Equal("shop-funnel", settings.Topics.Resolve("funnel-metrics"));
        Assert.Contains(KeyValuePair.Create("churn-segments", "risk-bands"), settings.Topics.All);
        Assert.DoesNotContain("shop-funnel", settings.CoPartitionedTopics);
    }

    [Theory]
    [InlineData("consumer.max-in-flight-per-partition = 0", "actorstreams.kafka.consumer.max-in-flight-per-partition must be a positive integer, got 0")]
    [InlineData("consumer.resume-at = 500", "actorstreams.kafka.consumer.resume-at must be an integer from 0 to max-in-flight-per-partition - 1 (499), got 500")]
    [InlineData("consumer.max-record-bytes = 100", "actorstreams.kafka.consumer.max-record-bytes must be a size from 1 KiB to 100 MiB, got 100")]
    [InlineData("consumer.max-timestamp-ahead = -1d", "actorstreams.kafka.consumer.max-timestamp-ahead must be a duration from 0 (off) to 36500d, got -1d")]
    [InlineData("partitions = -3", "actorstreams.kafka.partitions must be a positive integer, got -3")]
    [InlineData("replication-factor = 0", "actorstreams.kafka.replication-factor must be an integer from 1 to 32767 (at most the number of brokers), got 0")]
    [InlineData("replication-factor = 40000", "actorstreams.kafka.replication-factor must be an integer from 1 to 32767 (at most the number of brokers), got 40000")]
    [InlineData("producer.compression = brotli", "actorstreams.kafka.producer.compression must be one of none, gzip, snappy, lz4, zstd, got \"brotli\"")]
    [InlineData("bootstrap = \"\"", "actorstreams.kafka.bootstrap must be a non-empty string, got \"\"")]
    [InlineData("co-partitioned = [transactions, payments]", "actorstreams.kafka.co-partitioned[1] must be a logical topic name")]
    public void Create_InvalidValue_NamesTheKey(string setting, string expected)
    {
        var config = ConfigFactory.ParseString($"actorstreams.kafka.{setting}");

        var error = Assert.ThrowsAny<ConfigException>(() => KafkaSettings.Create(config));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WrongType_NamesTheKey()
    {
        var config = ConfigFactory.ParseString("actorstreams.kafka.producer.max-buffered-messages = lots");

        var error = Assert.ThrowsAny<ConfigException>(() => KafkaSettings.Create(config));

        Assert.Contains("actorstreams.kafka.producer.max-buffered-messages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionProperties_SecuritySettingsOfBothSections_ConsumerWinsAndTuningIsLeftOut()
    {
        var settings = KafkaSettings.Create(ConfigFactory.ParseString("""
            actorstreams.kafka {
              consumer.properties { "security.protocol" = SASL_SSL, "sasl.username" = reader, "fetch.wait.max.ms" = 100 }
              producer.properties { "sasl.username" = writer, "sasl.password" = secret, "ssl.ca.location" = "/etc/ca.pem", "enable.ssl.certificate.verification" = false, "linger.ms" = 9 }
            }
            """));

        var connection = settings.ConnectionProperties();

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["security.protocol"] = "SASL_SSL",
                ["sasl.username"] = "reader",
                ["sasl.password"] = "secret",
                ["ssl.ca.location"] = "/etc/ca.pem",
                ["enable.ssl.certificate.verification"] = "false",
            },
            connection);
    }

    [Fact]
    public void PartitionCounts_ConnectionProperties_ReachTheMetadataClient()
    {
        // A value the client refuses proves the property reaches it (a secured cluster needs the real ones there too).
        var settings = KafkaSettings.Create(ConfigFactory.ParseString("""actorstreams.kafka.consumer.properties { "security.protocol" = bogus }"""));

        var error = Assert.ThrowsAny<ArgumentException>(() => TopicMetadata.PartitionCounts(settings, TimeSpan.FromSeconds(1)));

        Assert.Contains("security.protocol", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GlobalTableReader_ConnectionProperties_ReachItsConsumer()
    {
        var settings = KafkaSettings.Create(ConfigFactory.ParseString("""actorstreams.kafka.consumer.properties { "security.protocol" = bogus }"""));
        await using var reader = new ActorStreams.Kafka.Consumer.GlobalTableReader(settings, "customer-offers", _ => { });

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => reader.StartAsync(CancellationToken.None));

        Assert.Contains("security.protocol", error.Message, StringComparison.Ordinal);
    }
}
