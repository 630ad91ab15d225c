using ActorStreams.Domain.Events;
using ActorStreams.Domain.Fraud;

namespace ActorStreams.Domain.Merchants;

/// <summary>
/// A transaction forwarded by a customer partition to the merchant repartition topic: what the
/// merchant window needs, the fraud outcome, and where it came from (for de-duplication of
/// replays and for lateness that does not depend on processing speed).
/// </summary>
public sealed record MerchantTransaction
{
    /// <summary>The transaction's id.</summary>
    public required TransactionId TransactionId { get; init; }

    /// <summary>The merchant (the repartition key).</summary>
    public required MerchantId MerchantId { get; init; }

    /// <summary>The merchant's category on this transaction.</summary>
    public required string MerchantCategory { get; init; }

    /// <summary>The amount.</summary>
    public required decimal Amount { get; init; }

    /// <summary>The event time.</summary>
    public required EventTime EventTime { get; init; }

    /// <summary>True when the transaction fired at least one fraud rule.</summary>
    public required bool FraudAlerted { get; init; }

    /// <summary>True when the transaction carries the ground-truth label <c>is_fraud = true</c>.</summary>
    public required bool IsFraud { get; init; }

    /// <summary>The customer partition (upstream source) the transaction was read from.</summary>
    public required int SourcePartition { get; init; }

    /// <summary>The transaction's offset in that partition; replays repeat it.</summary>
    public required long SourceOffset { get; init; }

    /// <summary>The source's watermark after this record (its newest event time including this one, minus grace).</summary>
    public required EventTime SourceWatermark { get; init; }

    /// <summary>Builds the forwarded record of a transaction processed by a customer partition.</summary>
    public static MerchantTransaction From(Transaction transaction, FraudEvaluation evaluation, int sourcePartition, long sourceOffset, EventTime sourceWatermark)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new MerchantTransaction
        {
            TransactionId = transaction.TransactionId,
            MerchantId = transaction.MerchantId,
            MerchantCategory = transaction.MerchantCategory,
            Amount = transaction.Amount,
            EventTime = transaction.Timestamp,
            FraudAlerted = evaluation.AnyFired,
            IsFraud = transaction.IsFraud == true,
            SourcePartition = sourcePartition,
            SourceOffset = sourceOffset,
            SourceWatermark = sourceWatermark,
        };
    }
}
