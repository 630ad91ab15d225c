using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Domain.Churn;
using ActorStreams.Domain.Customers;
using ActorStreams.Domain.Enrichment;
using ActorStreams.Domain.Fraud;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Internal;

namespace ActorStreams.Entities.Customers;

/// <summary>
/// One customer (docs/design.md §6): fraud rules on its transactions, churn score and enriched records of its
/// activities, the join with its details. Outputs go to Kafka as outputs of the work that caused them.
/// </summary>
internal sealed class CustomerEntity(EntityContext<long, CustomerState> context, AnalyticsServices analytics, int partition)
    : ShardedEntity<long, CustomerState>(context)
{
    [ThreadStatic]
    private static List<FraudAlert>? _fraudAlerts;

    [ThreadStatic]
    private static List<ChurnAlert>? _churnAlerts;

    [ThreadStatic]
    private static List<EnrichedActivity>? _enriched;

    protected override void Handle(ShardWork work)
    {
        switch (work)
        {
            case ScoreTransaction score:
                OnScoreTransaction(score);
                break;
            case ScoreActivity activity:
                OnScoreActivity(activity);
                break;
            case UpdateDetails details:
                OnUpdateDetails(details);
                break;
            default:
                throw new InvalidOperationException($"customer entity got unknown work {work.GetType().Name}");
        }
    }

    private void OnScoreTransaction(ScoreTransaction work)
    {
        MerchantTransaction? forward = null;
        try
        {
            var alerts = _fraudAlerts ??= [];
            alerts.Clear();
            var transaction = work.Transaction;
            var evaluation = State.ApplyTransaction(transaction, DetectedAt(), alerts);
            analytics.Metrics.Transaction(evaluation.IsLate);
            if (alerts.Count > 0)
            {
                var encoder = OutputEncoders.Current.FraudAlert;
                var key = work.Record?.Key ?? RecordKeys.Customer(transaction.CustomerId);
                foreach (var alert in alerts)
                {
                    Produce(Services.Kafka.Topics.FraudAlerts, key, encoder.Encode(alert), work);
                    analytics.Metrics.Alert(alert.Rule);
                }

                alerts.Clear();
            }

            forward = MerchantTransaction.From(transaction, evaluation, partition, work.Record?.Offset ?? 0, work.SourceWatermark);
        }
        finally
        {
            // Always answer, even on failure: the shard forwards in sequence order and must not wait forever.
            work.AddPending();
            Shard.Tell(new TransactionScored(work, forward));
        }
    }

    private void OnScoreActivity(ScoreActivity work)
    {
        var churnAlerts = _churnAlerts ??= [];
        churnAlerts.Clear();
        var enriched = State.ApplyActivity(work.Activity, work.EventTime, DetectedAt(), analytics.Offers, churnAlerts);
        analytics.Metrics.Activity();
        var encoders = OutputEncoders.Current;
        foreach (var alert in churnAlerts)
        {
            Produce(Services.Kafka.Topics.ChurnAlerts, work.Record?.Key ?? RecordKeys.For(alert), encoders.ChurnAlert.Encode(alert), work);
            analytics.Metrics.ChurnAlert();
        }

        churnAlerts.Clear();
        Produce(Services.Kafka.Topics.EnrichedActivity, RecordKeys.For(enriched), encoders.EnrichedActivity.Encode(enriched), work);
        analytics.Metrics.Enriched();
    }

    private void OnUpdateDetails(UpdateDetails work)
    {
        var output = _enriched ??= [];
        output.Clear();
        var count = work.Details is { } details
            ? State.ApplyDetails(details, analytics.Offers, output)
            : State.RemoveDetails(analytics.Offers, output);
        analytics.Metrics.Detail();
        if (count > 0)
        {
            var encoder = OutputEncoders.Current.EnrichedActivity;
            foreach (var record in output)
            {
                Produce(Services.Kafka.Topics.EnrichedActivity, RecordKeys.For(record), encoder.Encode(record), work);
            }

            analytics.Metrics.ReEmitted(count);
        }

        output.Clear();
    }

    private EventTime DetectedAt() => EventTime.FromDateTimeOffset(Services.Time.GetUtcNow());
}
