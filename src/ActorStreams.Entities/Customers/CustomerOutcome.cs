using ActorStreams.Domain.Loans;
using ActorStreams.Domain.Merchants;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Customers;

/// <summary>What a customer entity's work produced: records to produce and what to forward downstream.</summary>
/// <param name="Outputs">Fraud alerts, churn alerts, enriched records, loan risk and loan alerts.</param>
/// <param name="Forward">The scored transaction for the merchant side, or null.</param>
/// <param name="LoanForward">The scored application for its device on the loan side, or null.</param>
/// <param name="Duplicate">True when the customer already had the record's id (docs/design.md §6): nothing changed.</param>
public sealed record CustomerOutcome(IReadOnlyList<ProducerRecord> Outputs, MerchantTransaction? Forward, LoanForward? LoanForward = null, bool Duplicate = false);
