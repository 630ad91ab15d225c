using ActorStreams.Kafka;
using ActorStreams.Lake;

namespace ActorStreams.Node.Lake;

/// <summary>Which dataset a partition's records and outputs go to, by topic name (names are configurable).</summary>
public sealed class LakeRoutes
{
    private readonly Dictionary<string, LakeDataset> _raw;
    private readonly Dictionary<string, LakeDataset> _outputs;
    private readonly string _deadLetter;

    /// <summary>The routes of <paramref name="topics"/>.</summary>
    public LakeRoutes(KafkaTopics topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        _raw = new(StringComparer.Ordinal)
        {
            [topics.Transactions] = LakeDataset.Transactions,
            [topics.CustomerActivity] = LakeDataset.CustomerActivity,
            [topics.CustomerEvents] = LakeDataset.CustomerEvents,
        };
        _outputs = new(StringComparer.Ordinal)
        {
            [topics.FraudAlerts] = LakeDataset.FraudAlerts,
            [topics.ChurnAlerts] = LakeDataset.ChurnAlerts,
            [topics.EnrichedActivity] = LakeDataset.EnrichedActivity,
            [topics.MerchantMetrics] = LakeDataset.MerchantMetrics,
            [topics.DeadLetter] = LakeDataset.DeadLetters,
        };
        _deadLetter = topics.DeadLetter;
    }

    /// <summary>The raw dataset of an input topic's valid records, or null when the lake does not keep them.</summary>
    public LakeDataset? RawDataset(string topic) => _raw.GetValueOrDefault(topic);

    /// <summary>The dataset of an output topic's records, or null when the lake does not keep them.</summary>
    public LakeDataset? OutputDataset(string topic) => _outputs.GetValueOrDefault(topic);

    /// <summary>True for the dead-letter topic: its record's input is not a valid record.</summary>
    public bool IsDeadLetter(string topic) => string.Equals(topic, _deadLetter, StringComparison.Ordinal);
}
