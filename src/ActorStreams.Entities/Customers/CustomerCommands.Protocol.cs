using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Domain.Events;
using ActorStreams.Domain.Loans;

namespace ActorStreams.Entities.Customers;

/// <summary>Marker of the work a customer entity handles.</summary>
public interface ICustomerCommand
{
    /// <summary>The customer the work is for.</summary>
    CustomerId CustomerId { get; }
}

/// <summary>Score a transaction (fraud rules, RFM) and say what to forward to its merchant.</summary>
/// <param name="Transaction">The decoded transaction.</param>
/// <param name="SourceWatermark">The partition's watermark after this record, carried to the merchant side.</param>
/// <param name="Key">The record's key (the outputs' key).</param>
/// <param name="Offset">The record's offset (carried to the merchant side).</param>
public sealed record ScoreTransaction(Transaction Transaction, EventTime SourceWatermark, byte[]? Key, long Offset) : ICustomerCommand
{
    /// <inheritdoc />
    public CustomerId CustomerId => Transaction.CustomerId;
}

/// <summary>Score an activity for churn and emit its enriched record.</summary>
/// <param name="Activity">The decoded activity.</param>
/// <param name="EventTime">Its effective event time (its timestamp, else the Kafka record's timestamp).</param>
/// <param name="Key">The record's key (the churn alerts' key).</param>
public sealed record ScoreActivity(CustomerActivity Activity, EventTime EventTime, byte[]? Key) : ICustomerCommand
{
    /// <inheritdoc />
    public CustomerId CustomerId => Activity.CustomerId;
}

/// <summary>New or changed customer details; null details are a tombstone.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Details">The details, or null when deleted.</param>
public sealed record UpdateDetails(CustomerId CustomerId, CustomerDetails? Details) : ICustomerCommand;

/// <summary>Count a shop event (view, cart change, purchase) in the customer's behaviour features and say what to forward to the funnel windows.</summary>
/// <param name="Event">The decoded event.</param>
/// <param name="SourceWatermark">The partition's funnel watermark after this record, carried to the funnel windows.</param>
/// <param name="Key">The record's key (the outputs' key).</param>
/// <param name="Offset">The record's offset (carried to the funnel windows).</param>
public sealed record ScoreCustomerEvent(CustomerEvent Event, EventTime SourceWatermark, byte[]? Key, long Offset) : ICustomerCommand
{
    /// <inheritdoc />
    public CustomerId CustomerId => Event.CustomerId;
}

/// <summary>Score a loan application, run the customer's loan fraud rules and say what to forward to its device.</summary>
/// <param name="Application">The decoded application.</param>
/// <param name="SourceWatermark">The partition's loan watermark after this record, carried to the loan side.</param>
/// <param name="Key">The record's key (the outputs' key).</param>
/// <param name="Offset">The record's offset (carried to the loan side).</param>
public sealed record ScoreLoanApplication(LoanApplication Application, EventTime SourceWatermark, byte[]? Key, long Offset) : ICustomerCommand
{
    /// <inheritdoc />
    public CustomerId CustomerId => Application.CustomerId;
}
