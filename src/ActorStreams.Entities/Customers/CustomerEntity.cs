using ActorStreams.Cluster.Partitions;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Domain.Churn;
using ActorStreams.Domain.Customers;
using ActorStreams.Domain.Enrichment;
using ActorStreams.Domain.Fraud;
using ActorStreams.Domain.Funnel;
using ActorStreams.Domain.Loans;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Internal;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Customers;

/// <summary>
/// One customer (docs/design.md §6): fraud rules on its transactions, churn score and enriched records of its
/// activities, the join with its details. It returns its outputs to its partition's pipeline, which produces them.
/// </summary>
internal sealed class CustomerEntity(CustomerKind kind, EntityServices services, AnalyticsServices analytics)
    : PartitionEntity<long, CustomerState>(kind, services)
{
    private static readonly IReadOnlyList<ProducerRecord> NoOutputs = [];

    // What a duplicate or an unchanged join produces: nothing to produce, nothing to forward.
    private static readonly CustomerOutcome Nothing = new(NoOutputs, null);
    private static readonly CustomerOutcome DuplicateRecord = new(NoOutputs, null, Duplicate: true);

    [ThreadStatic]
    private static List<FraudAlert>? _fraudAlerts;

    [ThreadStatic]
    private static List<ChurnAlert>? _churnAlerts;

    [ThreadStatic]
    private static List<EnrichedActivity>? _enriched;

    [ThreadStatic]
    private static List<LoanFraudAlert>? _loanAlerts;

    [ThreadStatic]
    private static float[]? _features;

    protected override object? Handle(object payload, CustomerState state) => payload switch
    {
        ScoreTransaction score => OnScoreTransaction(score, state),
        ScoreActivity activity => OnScoreActivity(activity, state),
        UpdateDetails details => OnUpdateDetails(details, state),
        ScoreLoanApplication loan => OnScoreLoanApplication(loan, state),
        ScoreCustomerEvent customerEvent => OnScoreCustomerEvent(customerEvent, state),
        _ => throw new InvalidOperationException($"customer entity got unknown work {payload.GetType().Name}"),
    };

    private CustomerOutcome OnScoreTransaction(ScoreTransaction work, CustomerState state)
    {
        var alerts = _fraudAlerts ??= [];
        alerts.Clear();
        var transaction = work.Transaction;
        if (!state.TryApplyTransaction(transaction, DetectedAt(), alerts, out var evaluation))
        {
            analytics.Metrics.Duplicate(DuplicateKind.Transaction);
            return DuplicateRecord;
        }

        analytics.Metrics.Transaction(evaluation.IsLate);
        var outputs = NoOutputs;
        if (alerts.Count > 0)
        {
            var encoder = OutputEncoders.Current.FraudAlert;
            var key = work.Key ?? RecordKeys.Customer(transaction.CustomerId);
            var records = new List<ProducerRecord>(alerts.Count);
            foreach (var alert in alerts)
            {
                records.Add(new ProducerRecord(analytics.Topics.FraudAlerts, key, encoder.Encode(alert)));
                analytics.Metrics.Alert(alert.Rule);
            }

            alerts.Clear();
            outputs = records;
        }

        return new CustomerOutcome(outputs, MerchantTransaction.From(transaction, evaluation, Partition, work.Offset, work.SourceWatermark));
    }

    private CustomerOutcome OnScoreActivity(ScoreActivity work, CustomerState state)
    {
        var churnAlerts = _churnAlerts ??= [];
        churnAlerts.Clear();
        if (!state.TryApplyActivity(work.Activity, work.EventTime, DetectedAt(), analytics.Offers, churnAlerts, out var enriched))
        {
            analytics.Metrics.Duplicate(DuplicateKind.Activity);
            return DuplicateRecord;
        }

        analytics.Metrics.Activity();
        var encoders = OutputEncoders.Current;
        var records = new List<ProducerRecord>(churnAlerts.Count + 1);
        foreach (var alert in churnAlerts)
        {
            records.Add(new ProducerRecord(analytics.Topics.ChurnAlerts, work.Key ?? RecordKeys.For(alert), encoders.ChurnAlert.Encode(alert)));
            analytics.Metrics.ChurnAlert();
        }

        churnAlerts.Clear();
        records.Add(new ProducerRecord(analytics.Topics.EnrichedActivity, RecordKeys.For(enriched), encoders.EnrichedActivity.Encode(enriched)));
        analytics.Metrics.Enriched();
        return new CustomerOutcome(records, null);
    }

    private CustomerOutcome OnUpdateDetails(UpdateDetails work, CustomerState state)
    {
        var output = _enriched ??= [];
        output.Clear();
        var count = work.Details is { } details
            ? state.ApplyDetails(details, analytics.Offers, output)
            : state.RemoveDetails(analytics.Offers, output);
        analytics.Metrics.Detail();
        if (count == 0)
        {
            return Nothing;
        }

        var encoder = OutputEncoders.Current.EnrichedActivity;
        var records = new List<ProducerRecord>(output.Count);
        foreach (var record in output)
        {
            records.Add(new ProducerRecord(analytics.Topics.EnrichedActivity, RecordKeys.For(record), encoder.Encode(record)));
        }

        analytics.Metrics.ReEmitted(count);
        output.Clear();
        return new CustomerOutcome(records, null);
    }

    private CustomerOutcome OnScoreLoanApplication(ScoreLoanApplication work, CustomerState state)
    {
        var alerts = _loanAlerts ??= [];
        alerts.Clear();
        var application = work.Application;
        if (!state.TryApplyLoanApplication(application, DetectedAt(), alerts, out var evaluation))
        {
            analytics.Metrics.Duplicate(DuplicateKind.LoanApplication);
            return DuplicateRecord;
        }

        analytics.Metrics.LoanApplication(evaluation.IsLate);
        var encoders = OutputEncoders.Current;
        var key = work.Key ?? RecordKeys.Customer(application.CustomerId);
        var records = new List<ProducerRecord>(alerts.Count + 1)
        {
            new(analytics.Topics.LoanRisk, key, encoders.LoanRisk.Encode(evaluation.Risk)),
        };
        foreach (var alert in alerts)
        {
            records.Add(new ProducerRecord(analytics.Topics.LoanFraudAlerts, key, encoders.LoanFraudAlert.Encode(alert)));
            analytics.Metrics.LoanFraudAlert();
        }

        alerts.Clear();
        return new CustomerOutcome(records, null, LoanForward.From(application, evaluation, Partition, work.Offset, work.SourceWatermark));
    }

    /// <summary>
    /// Counts a shop event in the customer's behaviour features. At the end of a session (as of just after it, with the
    /// features before this event) and after a purchase it writes the features to <c>customer-features</c> and, with a
    /// churn model loaded, scores them; a score that crosses the model's threshold upward is a CHURN_MODEL alert
    /// (docs/design.md §6, Customer behaviour features and Churn model online).
    /// </summary>
    private object OnScoreCustomerEvent(ScoreCustomerEvent work, CustomerState state)
    {
        var ev = work.Event;
        if (!state.TryApplyCustomerEvent(ev, out var sessionEndedAt, out var endedSession))
        {
            analytics.Metrics.Duplicate(DuplicateKind.CustomerEvent);
            return DuplicateRecord;
        }

        analytics.Metrics.CustomerEvent();
        var scorer = analytics.ChurnModel?.Scorer();
        var funnel = FunnelEvent.From(ev, Partition, work.Offset, work.SourceWatermark);
        List<ProducerRecord>? records = null;
        float? lastScore = null;
        if (sessionEndedAt is { } endedAt)
        {
            lastScore = Observe(scorer, endedSession!, state, ev, ChurnModelAlert.SessionEnd, endedAt, work.Key, ref records);
        }

        if (ev.Type == CustomerEventType.Purchase)
        {
            lastScore = Observe(scorer, state.Behaviour!.Compute(ev.Timestamp), state, ev, ChurnModelAlert.Purchase, ev.Timestamp, work.Key, ref records);
        }

        // The segment windows count a customer by its last score in a window: of an event's scores, the purchase's is the later.
        var scoreForward = lastScore is { } last && scorer is not null
            ? new FunnelScore
            {
                EventId = ev.EventId,
                CustomerId = ev.CustomerId.Value,
                EventTime = ev.Timestamp,
                Score = last,
                Threshold = scorer.Threshold,
                ModelVersion = scorer.Version,
                SourcePartition = Partition,
                SourceOffset = work.Offset,
                SourceWatermark = work.SourceWatermark,
            }
            : null;
        return new CustomerEventOutcome((IReadOnlyList<ProducerRecord>?)records ?? NoOutputs, funnel, scoreForward);
    }

    /// <summary>Writes the <c>customer-features</c> record of one scoring instant and scores it when a model is loaded (the score, or null).</summary>
    private float? Observe(
        IChurnScorer? scorer, BehaviourFeatures features, CustomerState state, CustomerEvent ev, string trigger, EventTime asOf, byte[]? key, ref List<ProducerRecord>? records)
    {
        var record = new CustomerFeaturesRecord
        {
            FeaturesId = CustomerFeaturesRecord.IdOf(ev.EventId, trigger),
            CustomerId = ev.CustomerId.Value,
            EventId = ev.EventId,
            Trigger = trigger,
            AsOf = asOf,
            Features = features,
        };
        (records ??= []).Add(new ProducerRecord(analytics.Topics.CustomerFeatures, key ?? RecordKeys.Customer(ev.CustomerId), OutputEncoders.Current.CustomerFeatures.Encode(record)));
        if (scorer is not null)
        {
            var vector = _features ??= new float[BehaviourFeatures.VectorLength];
            features.WriteVector(vector);
            return Score(scorer, vector, state, ev, trigger, asOf, key, ref records);
        }

        return null;
    }

    private float Score(
        IChurnScorer scorer, float[] features, CustomerState state, CustomerEvent ev, string trigger, EventTime asOf, byte[]? key, ref List<ProducerRecord>? records)
    {
        var score = scorer.Score(features);
        analytics.Metrics.ModelScored();
        var previous = state.RecordModelScore(score);
        // The model's decision rule: churn at or above its threshold; an alert when a score reaches it from below.
        if (!(previous < scorer.Threshold && score >= scorer.Threshold))
        {
            return score;
        }

        var alert = new ChurnModelAlert
        {
            AlertId = ev.EventId + ":" + ChurnModelAlert.RuleName,
            CustomerId = ev.CustomerId.Value,
            EventId = ev.EventId,
            Trigger = trigger,
            ModelScore = score,
            PreviousScore = previous,
            Threshold = scorer.Threshold,
            Model = scorer.ModelName,
            ModelVersion = scorer.Version,
            EventTime = asOf,
            DetectedAt = DetectedAt(),
        };
        (records ??= []).Add(new ProducerRecord(analytics.Topics.ChurnAlerts, key ?? RecordKeys.Customer(ev.CustomerId), OutputEncoders.Current.ChurnModelAlert.Encode(alert)));
        analytics.Metrics.ChurnModelAlert();
        return score;
    }

    private EventTime DetectedAt() => EventTime.FromDateTimeOffset(analytics.Time.GetUtcNow());
}
