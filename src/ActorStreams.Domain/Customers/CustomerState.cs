using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Domain.Churn;
using ActorStreams.Domain.Enrichment;
using ActorStreams.Domain.Events;
using ActorStreams.Domain.Fraud;
using ActorStreams.Domain.Internal;
using ActorStreams.Domain.Loans;

namespace ActorStreams.Domain.Customers;

/// <summary>
/// All analytics state of one customer, as a customer entity holds it: fraud rules, churn
/// score, RFM features, the enrichment join, the loan rules and the behaviour features of its shop events, with one
/// snapshot for the whole entity. A record whose id
/// the customer already had (<see cref="RecentIds"/>) is a duplicate: counted, and it changes nothing else.
/// </summary>
public sealed class CustomerState
{
    /// <summary>
    /// The snapshot format version written as the first byte (1: before loans, 2: before duplicates, 3: before customer
    /// behaviour; all still read).
    /// </summary>
    public const byte SnapshotVersion = 4;

    private readonly DuplicateSettings _duplicates;
    private readonly BehaviourSettings _behaviourSettings;
    private RecentIds? _transactionIds;
    private RecentIds? _eventIds;
    private RecentIds? _activityIds;
    private RecentIds? _applicationIds;

    /// <summary>Creates the state of a customer seen for the first time.</summary>
    public CustomerState(CustomerId customerId, CustomerStateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        CustomerId = customerId;
        _duplicates = settings.Duplicates;
        _behaviourSettings = settings.Behaviour;
        Fraud = new CustomerFraudState(settings.Fraud);
        Churn = new ChurnState(settings.Churn);
        Rfm = new RfmState(settings.Enrichment);
        Enrichment = new EnrichmentState(settings.Enrichment);
        Loans = new CustomerLoanState(settings.Loans);
    }

    private CustomerState(
        CustomerId customerId, CustomerStateSettings settings, CustomerFraudState fraud, ChurnState churn, RfmState rfm, EnrichmentState enrichment, CustomerLoanState loans)
    {
        _duplicates = settings.Duplicates;
        _behaviourSettings = settings.Behaviour;
        Loans = loans;
        CustomerId = customerId;
        Fraud = fraud;
        Churn = churn;
        Rfm = rfm;
        Enrichment = enrichment;
    }

    /// <summary>The customer this state belongs to.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>Fraud rule state.</summary>
    public CustomerFraudState Fraud { get; }

    /// <summary>Churn score state.</summary>
    public ChurnState Churn { get; }

    /// <summary>RFM features state.</summary>
    public RfmState Rfm { get; }

    /// <summary>Enrichment join state.</summary>
    public EnrichmentState Enrichment { get; }

    /// <summary>Loan application state.</summary>
    public CustomerLoanState Loans { get; }

    /// <summary>Behaviour features of the customer's shop events (<c>customer-events</c>); null until the first one.</summary>
    public BehaviourState? Behaviour { get; private set; }

    /// <summary>The customer's last churn model score (calibrated probability), null before the first scoring.</summary>
    public double? ModelScore { get; private set; }

    /// <summary>Shop events recognised as duplicates.</summary>
    public long DuplicateCustomerEvents => _eventIds?.Duplicates ?? 0;

    /// <summary>Transactions recognised as duplicates (<c>duplicates</c>).</summary>
    public long DuplicateTransactions => _transactionIds?.Duplicates ?? 0;

    /// <summary>Activities recognised as duplicates.</summary>
    public long DuplicateActivities => _activityIds?.Duplicates ?? 0;

    /// <summary>Loan applications recognised as duplicates.</summary>
    public long DuplicateLoanApplications => _applicationIds?.Duplicates ?? 0;

    /// <summary>
    /// Scores a loan application and runs the customer's loan fraud rules, appending their alerts; an application whose
    /// <c>application_id</c> the customer already had is a duplicate and changes nothing.
    /// </summary>
    /// <returns>False for a duplicate.</returns>
    /// <exception cref="ArgumentException">The application belongs to another customer.</exception>
    public bool TryApplyLoanApplication(LoanApplication application, EventTime detectedAt, ICollection<LoanFraudAlert> alerts, out LoanEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(application);
        RequireOwn(application.CustomerId, nameof(application));
        if (!(_applicationIds ??= new RecentIds(_duplicates)).TryAdd(RecentIds.KeyOf(application.ApplicationId), application.Timestamp))
        {
            evaluation = default;
            return false;
        }

        evaluation = Loans.Apply(application, detectedAt, alerts);
        return true;
    }

    /// <summary>
    /// Counts a shop event in the behaviour features; an event whose <c>event_id</c> the customer already had is a
    /// duplicate and changes nothing.
    /// </summary>
    /// <param name="customerEvent">The event.</param>
    /// <param name="endedSessionFeatures">
    /// Receives, when the event ends the session before it, the feature vector as of <paramref name="sessionEndedAt"/>
    /// (before this event); left as it is otherwise, or when empty.
    /// </param>
    /// <param name="sessionEndedAt">
    /// When the event starts a new session after a gap: the first millisecond at which the session before it counts as
    /// ended (its last event time + the gap + 1 ms); else null.
    /// </param>
    /// <returns>False for a duplicate.</returns>
    /// <exception cref="ArgumentException">The event belongs to another customer.</exception>
    public bool TryApplyCustomerEvent(CustomerEvent customerEvent, Span<float> endedSessionFeatures, out EventTime? sessionEndedAt) =>
        TryApplyCustomerEvent(customerEvent, endedSessionFeatures, whole: false, out sessionEndedAt, out _);

    /// <summary>
    /// As <see cref="TryApplyCustomerEvent(CustomerEvent, Span{float}, out EventTime?)"/>, but gives every feature as of
    /// <paramref name="sessionEndedAt"/> (before this event), for the <c>customer-features</c> record and the model alike.
    /// </summary>
    /// <returns>False for a duplicate.</returns>
    /// <exception cref="ArgumentException">The event belongs to another customer.</exception>
    public bool TryApplyCustomerEvent(CustomerEvent customerEvent, out EventTime? sessionEndedAt, out BehaviourFeatures? endedSession) =>
        TryApplyCustomerEvent(customerEvent, Span<float>.Empty, whole: true, out sessionEndedAt, out endedSession);

    private bool TryApplyCustomerEvent(
        CustomerEvent customerEvent, Span<float> endedSessionFeatures, bool whole, out EventTime? sessionEndedAt, out BehaviourFeatures? endedSession)
    {
        ArgumentNullException.ThrowIfNull(customerEvent);
        RequireOwn(customerEvent.CustomerId, nameof(customerEvent));
        sessionEndedAt = null;
        endedSession = null;
        if (!(_eventIds ??= new RecentIds(_duplicates)).TryAdd(RecentIds.KeyOf(customerEvent.EventId), customerEvent.Timestamp))
        {
            return false;
        }

        var behaviour = Behaviour ??= new BehaviourState(_behaviourSettings);
        if (behaviour.EndedSessionBefore(customerEvent.Timestamp) is { } end)
        {
            var endedAt = end + _behaviourSettings.SessionGap + TimeSpan.FromMilliseconds(1);
            sessionEndedAt = endedAt;
            endedSession = whole ? behaviour.Compute(endedAt) : null;
            if (!endedSessionFeatures.IsEmpty)
            {
                behaviour.WriteVector(endedAt, endedSessionFeatures);
            }
        }

        behaviour.Apply(customerEvent);
        return true;
    }

    /// <summary>Records the customer's latest churn model score; returns the previous one (0 before the first).</summary>
    public double RecordModelScore(double score)
    {
        var previous = ModelScore ?? 0;
        ModelScore = score;
        return previous;
    }

    /// <summary>
    /// Runs the fraud rules on a transaction and counts it for RFM; a transaction whose <c>transaction_id</c> the
    /// customer already had is a duplicate and changes nothing.
    /// </summary>
    /// <returns>False for a duplicate.</returns>
    /// <exception cref="ArgumentException">The transaction belongs to another customer.</exception>
    public bool TryApplyTransaction(Transaction transaction, EventTime detectedAt, ICollection<FraudAlert> alerts, out FraudEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        RequireOwn(transaction.CustomerId, nameof(transaction));
        if (!(_transactionIds ??= new RecentIds(_duplicates)).TryAdd(RecentIds.KeyOf(transaction.TransactionId.Value), transaction.Timestamp))
        {
            evaluation = default;
            return false;
        }

        evaluation = Fraud.Apply(transaction, detectedAt, alerts);
        Rfm.RecordTransaction(transaction.Timestamp, transaction.Amount);
        return true;
    }

    /// <summary>
    /// Scores an activity for churn (appending a CHURN_RISK alert when it crosses the threshold)
    /// and gives its enriched record with the RFM features as of <paramref name="eventTime"/>; an activity whose
    /// <c>activity_id</c> the customer already had is a duplicate and changes nothing.
    /// </summary>
    /// <param name="activity">The activity.</param>
    /// <param name="eventTime">Its effective event time (timestamp, or processing time when absent).</param>
    /// <param name="detectedAt">The processing instant for <c>detected_at</c>.</param>
    /// <param name="offers">The offers table.</param>
    /// <param name="churnAlerts">Receives the churn alert, if any.</param>
    /// <param name="enriched">The enriched record, null for a duplicate.</param>
    /// <returns>False for a duplicate.</returns>
    /// <exception cref="ArgumentException">The activity belongs to another customer.</exception>
    public bool TryApplyActivity(
        CustomerActivity activity, EventTime eventTime, EventTime detectedAt, IOfferLookup offers, ICollection<ChurnAlert> churnAlerts,
        [NotNullWhen(true)] out EnrichedActivity? enriched)
    {
        ArgumentNullException.ThrowIfNull(activity);
        RequireOwn(activity.CustomerId, nameof(activity));
        if (!(_activityIds ??= new RecentIds(_duplicates)).TryAdd(RecentIds.KeyOf(activity.ActivityId.Value), eventTime))
        {
            enriched = null;
            return false;
        }

        var churn = Churn.Apply(activity, eventTime, detectedAt, churnAlerts);
        enriched = Enrichment.ApplyActivity(activity, eventTime, churn.Score, Rfm.Compute(eventTime), offers);
        return true;
    }

    /// <summary>Stores details and re-emits the buffered activities when they changed.</summary>
    /// <returns>The number of re-emitted records.</returns>
    /// <exception cref="ArgumentException">The details belong to another customer.</exception>
    public int ApplyDetails(CustomerDetails details, IOfferLookup offers, ICollection<EnrichedActivity> output)
    {
        ArgumentNullException.ThrowIfNull(details);
        RequireOwn(details.CustomerId, nameof(details));
        return Enrichment.ApplyDetails(details, offers, output);
    }

    /// <summary>Forgets the details (tombstone) and re-emits the buffered activities if there were any.</summary>
    /// <returns>The number of re-emitted records.</returns>
    public int RemoveDetails(IOfferLookup offers, ICollection<EnrichedActivity> output) =>
        Enrichment.RemoveDetails(offers, output);

    /// <summary>Writes one versioned binary snapshot of every part.</summary>
    public void Write(IBufferWriter<byte> buffer)
    {
        var writer = new SnapshotWriter(buffer);
        writer.WriteByte(SnapshotVersion);
        writer.WriteInt64(CustomerId.Value);
        Fraud.WriteTo(writer);
        Churn.WriteTo(writer);
        Rfm.WriteTo(writer);
        Enrichment.WriteTo(writer);
        Loans.WriteTo(writer);
        WriteIds(writer, _transactionIds);
        WriteIds(writer, _activityIds);
        WriteIds(writer, _applicationIds);
        writer.WriteBool(Behaviour is not null);
        if (Behaviour is not null)
        {
            Behaviour.WriteTo(writer);
            writer.WriteNullableDouble(ModelScore);
        }

        WriteIds(writer, _eventIds);
    }

    /// <summary>Restores a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static CustomerState Read(ReadOnlySpan<byte> snapshot, CustomerStateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var reader = new SnapshotReader(snapshot, nameof(CustomerState));
        var version = reader.ReadByte();
        if (version is not (1 or 2 or 3 or SnapshotVersion))
        {
            throw reader.Corrupt($"unknown version {version} (this build reads 1 to {SnapshotVersion})");
        }

        var customerId = new CustomerId(reader.ReadInt64());
        var fraud = CustomerFraudState.ReadFrom(ref reader, settings.Fraud);
        var churn = ChurnState.ReadFrom(ref reader, settings.Churn);
        var rfm = RfmState.ReadFrom(ref reader, settings.Enrichment);
        var enrichment = EnrichmentState.ReadFrom(ref reader, settings.Enrichment);
        var loans = version == 1 ? new CustomerLoanState(settings.Loans) : CustomerLoanState.ReadFrom(ref reader, settings.Loans);
        var state = new CustomerState(customerId, settings, fraud, churn, rfm, enrichment, loans);
        if (version >= 3)
        {
            state._transactionIds = ReadIds(ref reader, settings.Duplicates);
            state._activityIds = ReadIds(ref reader, settings.Duplicates);
            state._applicationIds = ReadIds(ref reader, settings.Duplicates);
        }

        if (version >= 4)
        {
            if (reader.ReadBool())
            {
                state.Behaviour = BehaviourState.ReadFrom(ref reader, settings.Behaviour);
                state.ModelScore = reader.ReadNullableDouble();
            }

            state._eventIds = ReadIds(ref reader, settings.Duplicates);
        }

        reader.ExpectEnd();
        return state;
    }

    private static void WriteIds(SnapshotWriter writer, RecentIds? ids)
    {
        writer.WriteBool(ids is not null);
        ids?.WriteTo(writer);
    }

    private static RecentIds? ReadIds(ref SnapshotReader reader, DuplicateSettings settings) =>
        reader.ReadBool() ? RecentIds.ReadFrom(ref reader, settings) : null;

    private void RequireOwn(CustomerId customerId, string parameterName)
    {
        if (customerId != CustomerId)
        {
            throw new ArgumentException($"record of customer {customerId} applied to the state of customer {CustomerId}", parameterName);
        }
    }
}
