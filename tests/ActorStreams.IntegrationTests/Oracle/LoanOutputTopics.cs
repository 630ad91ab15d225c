using ActorStreams.IntegrationTests.Support;

namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>A node's loan output topics and the dead letters, as a plain consumer read them back.</summary>
public sealed record LoanOutputTopics(
    TopicContents Risk, TopicContents FraudAlerts, TopicContents Stats, TopicContents Segments, TopicContents Channels, TopicContents DeadLetters)
{
    /// <summary>All six.</summary>
    public IEnumerable<TopicContents> All => [Risk, FraudAlerts, Stats, Segments, Channels, DeadLetters];
}
