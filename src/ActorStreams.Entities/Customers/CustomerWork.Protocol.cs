using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Domain.Events;
using ActorStreams.Domain.Merchants;

namespace ActorStreams.Entities.Customers;

/// <summary>Marker of the work a customer shard sends its entities.</summary>
public interface ICustomerCommand
{
    /// <summary>The customer the work is for.</summary>
    CustomerId CustomerId { get; }
}

/// <summary>Score a transaction (fraud rules, RFM) and forward it to its merchant.</summary>
/// <param name="transaction">The decoded transaction.</param>
/// <param name="sourceWatermark">The partition's watermark after this record, carried to the merchant side.</param>
/// <param name="sequence">The shard's dispatch sequence number: forwards leave the shard in this order.</param>
internal sealed class ScoreTransaction(Transaction transaction, EventTime sourceWatermark, long sequence) : ShardWork, ICustomerCommand
{
    public Transaction Transaction { get; } = transaction;

    public EventTime SourceWatermark { get; } = sourceWatermark;

    public long Sequence { get; } = sequence;

    public CustomerId CustomerId => Transaction.CustomerId;
}

/// <summary>Score an activity for churn and emit its enriched record.</summary>
/// <param name="activity">The decoded activity.</param>
/// <param name="eventTime">Its effective event time (its timestamp, else the Kafka record's timestamp).</param>
internal sealed class ScoreActivity(CustomerActivity activity, EventTime eventTime) : ShardWork, ICustomerCommand
{
    public CustomerActivity Activity { get; } = activity;

    public EventTime EventTime { get; } = eventTime;

    public CustomerId CustomerId => Activity.CustomerId;
}

/// <summary>New or changed customer details; null details are a tombstone.</summary>
/// <param name="customerId">The customer.</param>
/// <param name="details">The details, or null when deleted.</param>
internal sealed class UpdateDetails(CustomerId customerId, CustomerDetails? details) : ShardWork, ICustomerCommand
{
    public CustomerId CustomerId { get; } = customerId;

    public CustomerDetails? Details { get; } = details;
}

/// <summary>A customer entity's answer to <see cref="ScoreTransaction"/>: what to forward to the merchant side (null when scoring failed).</summary>
/// <param name="Work">The work, held open until the forward is delivered.</param>
/// <param name="Forward">The repartition record, or null.</param>
internal sealed record TransactionScored(ScoreTransaction Work, MerchantTransaction? Forward);
