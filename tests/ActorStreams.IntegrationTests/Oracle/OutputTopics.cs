using ActorStreams.IntegrationTests.Support;

namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>A node's output topics, as a plain consumer read them back.</summary>
public sealed record OutputTopics(TopicContents FraudAlerts, TopicContents ChurnAlerts, TopicContents Enriched, TopicContents Metrics, TopicContents DeadLetters)
{
    /// <summary>All five.</summary>
    public IEnumerable<TopicContents> All => [FraudAlerts, ChurnAlerts, Enriched, Metrics, DeadLetters];
}
