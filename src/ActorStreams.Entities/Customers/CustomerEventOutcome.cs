using ActorStreams.Domain.Funnel;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Customers;

/// <summary>
/// What a customer entity's accepted shop event produced (a duplicate answers <see cref="CustomerOutcome"/>): its
/// CHURN_MODEL alerts and what to forward to the funnel windows. A type of its own, so that the outcome of every
/// transaction stays as small as it was.
/// </summary>
/// <param name="Outputs">CHURN_MODEL alerts.</param>
/// <param name="Funnel">The event for its category's funnel windows.</param>
/// <param name="Score">The last churn-model score the event produced, for the segment windows, or null.</param>
public sealed record CustomerEventOutcome(IReadOnlyList<ProducerRecord> Outputs, FunnelEvent Funnel, FunnelScore? Score);
