using ActorStreams.Domain;

namespace ActorStreams.Generator;

/// <summary>What the <c>customer-events</c> generator decided for one customer: the truth a churn model is measured against.</summary>
/// <param name="CustomerId">The customer (ids 1..customers).</param>
/// <param name="Segment">Their latent segment.</param>
/// <param name="ChurnedAt">When they churned (none of their events is at or after it), or null when they did not churn within the period.</param>
/// <param name="DecayFrom">
/// When their activity started to fade before the churn, or null when they did not churn or stopped abruptly. Not in the
/// CSV file: it tells which churns a model can be expected to see coming.
/// </param>
public sealed record CustomerTruth(CustomerId CustomerId, CustomerSegment Segment, DateTimeOffset? ChurnedAt, DateTimeOffset? DecayFrom);
