using ActorStreams.Domain.Merchants;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Customers;

/// <summary>What a customer entity's work produced: records to produce and, for a transaction, what to forward to its merchant.</summary>
/// <param name="Outputs">Fraud alerts, churn alerts, enriched records.</param>
/// <param name="Forward">The scored transaction for the merchant side, or null.</param>
public sealed record CustomerOutcome(IReadOnlyList<ProducerRecord> Outputs, MerchantTransaction? Forward);
