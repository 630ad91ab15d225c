using System.Globalization;
using ActorStreams.Hocon;

namespace ActorStreams.Kafka;

/// <content>Reading and validating <c>actorstreams.kafka</c>.</content>
public sealed partial record KafkaSettings
{
    /// <summary>The HOCON section these settings come from.</summary>
    public const string Section = "actorstreams.kafka";

    private const string ReferenceResource = "ActorStreams.Kafka.reference.conf";
    private static readonly string[] Compressions = ["none", "gzip", "snappy", "lz4", "zstd"];
    private static readonly Lazy<Config> LazyReference = new(() => ConfigFactory.ParseResource(typeof(KafkaSettings).Assembly, ReferenceResource));

    /// <summary>This module's embedded <c>reference.conf</c> (every key with its default).</summary>
    public static Config Reference => LazyReference.Value;

    /// <summary>
    /// Reads <c>actorstreams.kafka</c> from the application's root configuration, with this module's
    /// reference.conf as fallback for missing keys, and validates it.
    /// </summary>
    /// <exception cref="ConfigException">A value is missing, of the wrong type or out of range; the message names the full key.</exception>
    public static KafkaSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var kafka = config.WithFallback(Reference).Resolve().GetConfig(Section);
        var topicsConfig = kafka.GetConfig("topics");
        var topics = new KafkaTopics
        {
            Transactions = Name(topicsConfig, "transactions"),
            CustomerActivity = Name(topicsConfig, "customer-activity"),
            CustomerDetails = Name(topicsConfig, "customer-details"),
            CustomerOffers = Name(topicsConfig, "customer-offers"),
            LoanApplications = Name(topicsConfig, "loan-applications"),
            CustomerEvents = Name(topicsConfig, "customer-events"),
            FraudAlerts = Name(topicsConfig, "fraud-alerts"),
            ChurnAlerts = Name(topicsConfig, "churn-alerts"),
            CustomerFeatures = Name(topicsConfig, "customer-features"),
            EnrichedActivity = Name(topicsConfig, "enriched-activity"),
            MerchantMetrics = Name(topicsConfig, "merchant-metrics"),
            LoanRisk = Name(topicsConfig, "loan-risk"),
            LoanFraudAlerts = Name(topicsConfig, "loan-fraud-alerts"),
            LoanStats = Name(topicsConfig, "loan-stats"),
            LoanSegments = Name(topicsConfig, "loan-segments"),
            LoanChannels = Name(topicsConfig, "loan-channels"),
            FunnelMetrics = Name(topicsConfig, "funnel-metrics"),
            ChurnSegments = Name(topicsConfig, "churn-segments"),
            DeadLetter = Name(topicsConfig, "dead-letter"),
            FraudMonitor = Name(topicsConfig, "fraud-monitor"),
            RepartitionMerchant = Name(topicsConfig, "repartition-merchant"),
            RepartitionLoans = Name(topicsConfig, "repartition-loans"),
        };

        var consumer = kafka.GetConfig("consumer");
        var maxInFlight = Positive(consumer, "max-in-flight-per-partition");
        var resumeAt = consumer.GetInt("resume-at");
        if (resumeAt < 0 || resumeAt >= maxInFlight)
        {
            throw Bad(consumer, "resume-at", $"must be an integer from 0 to max-in-flight-per-partition - 1 ({maxInFlight - 1})", resumeAt);
        }

        var fetchMaxBytes = consumer.GetBytes("fetch-max-bytes");
        if (fetchMaxBytes is < 1024 or > 2_147_483_135)
        {
            throw Bad(consumer, "fetch-max-bytes", "must be a size from 1 KiB to 2147483135 bytes", consumer.GetString("fetch-max-bytes"));
        }

        var maxRecordBytes = consumer.GetBytes("max-record-bytes");
        if (maxRecordBytes is < 1024 or > 104_857_600)
        {
            throw Bad(consumer, "max-record-bytes", "must be a size from 1 KiB to 100 MiB", consumer.GetString("max-record-bytes"));
        }

        var maxAhead = consumer.GetTimeSpan("max-timestamp-ahead");
        if (maxAhead < TimeSpan.Zero || maxAhead > TimeSpan.FromDays(36_500))
        {
            throw Bad(consumer, "max-timestamp-ahead", "must be a duration from 0 (off) to 36500d", consumer.GetString("max-timestamp-ahead"));
        }

        var producer = kafka.GetConfig("producer");
        var linger = producer.GetTimeSpan("linger");
        if (linger < TimeSpan.Zero || linger > TimeSpan.FromMinutes(15))
        {
            throw Bad(producer, "linger", "must be a duration from 0 to 15m", producer.GetString("linger"));
        }

        var compression = producer.GetString("compression");
        if (!Compressions.Contains(compression, StringComparer.Ordinal))
        {
            throw Bad(producer, "compression", $"must be one of {string.Join(", ", Compressions)}", $"\"{compression}\"");
        }

        var replicationFactor = kafka.GetInt("replication-factor");
        if (replicationFactor is < 1 or > short.MaxValue)
        {
            throw Bad(kafka, "replication-factor", "must be an integer from 1 to 32767 (at most the number of brokers)", replicationFactor);
        }

        return new KafkaSettings
        {
            BootstrapServers = NonEmpty(kafka, "bootstrap"),
            ClientId = NonEmpty(kafka, "client-id"),
            Partitions = Positive(kafka, "partitions"),
            ReplicationFactor = (short)replicationFactor,
            Topics = topics,
            CompactedTopics = new HashSet<string>(LogicalNames(kafka, "compacted-topics"), StringComparer.Ordinal),
            CoPartitioned = LogicalNames(kafka, "co-partitioned"),
            Consumer = new KafkaConsumerSettings
            {
                MaxInFlightPerPartition = maxInFlight,
                ResumeAt = resumeAt,
                FetchMaxBytes = (int)fetchMaxBytes,
                MaxRecordBytes = (int)maxRecordBytes,
                MaxTimestampAhead = maxAhead,
                Properties = Properties(consumer),
            },
            Producer = new KafkaProducerSettings
            {
                Linger = linger,
                Compression = compression,
                MaxBufferedMessages = Positive(producer, "max-buffered-messages"),
                FlushTimeout = PositiveDuration(producer, "flush-timeout"),
                Properties = Properties(producer),
            },
        };
    }

    private static string Name(Config topics, string key) => NonEmpty(topics, key);

    private static string NonEmpty(Config config, string key)
    {
        var value = config.GetString(key);
        return string.IsNullOrWhiteSpace(value) ? throw Bad(config, key, "must be a non-empty string", $"\"{value}\"") : value;
    }

    private static int Positive(Config config, string key)
    {
        var value = config.GetInt(key);
        return value > 0 ? value : throw Bad(config, key, "must be a positive integer", value);
    }

    private static TimeSpan PositiveDuration(Config config, string key)
    {
        var value = config.GetTimeSpan(key);
        return value > TimeSpan.Zero ? value : throw Bad(config, key, "must be a positive duration", $"\"{config.GetString(key)}\"");
    }

    private static List<string> LogicalNames(Config config, string key)
    {
        var names = config.GetStringList(key);
        for (var i = 0; i < names.Count; i++)
        {
            if (!KafkaTopics.LogicalNames.Contains(names[i], StringComparer.Ordinal))
            {
                throw new ConfigBadValueException(
                    $"{config.Path}.{key}",
                    $"{config.Path}.{key}[{i}] must be a logical topic name (a key of {config.Path}.topics: {string.Join(", ", KafkaTopics.LogicalNames)}), got \"{names[i]}\"",
                    config.GetValue(key).Origin);
            }
        }

        return [.. names];
    }

    /// <summary>Raw librdkafka properties; dotted names may be quoted ("fetch.wait.max.ms" = 100) or nested.</summary>
    private static Dictionary<string, string> Properties(Config section)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!section.HasPath("properties"))
        {
            return result;
        }

        Walk(section.GetConfig("properties").Root, string.Empty);
        return result;

        void Walk(ConfigObject obj, string prefix)
        {
            foreach (var (key, value) in obj)
            {
                var name = prefix.Length == 0 ? key : $"{prefix}.{key}";
                switch (value)
                {
                    case ConfigObject nested:
                        Walk(nested, name);
                        break;
                    case ConfigString text:
                        result[name] = text.Value;
                        break;
                    case ConfigNumber number:
                        result[name] = number.Text;
                        break;
                    case ConfigBoolean boolean:
                        result[name] = boolean.Value ? "true" : "false";
                        break;
                    default:
                        throw new ConfigWrongTypeException(
                            $"{section.Path}.properties.{name}",
                            $"{section.Path}.properties.{name} must be a string, number or boolean (a librdkafka property value), got {value}",
                            value.Origin);
                }
            }
        }
    }

    private static ConfigBadValueException Bad(Config config, string key, string requirement, object got) =>
        new($"{config.Path}.{key}", string.Create(CultureInfo.InvariantCulture, $"{config.Path}.{key} {requirement}, got {got}"), config.GetValue(key).Origin);
}
