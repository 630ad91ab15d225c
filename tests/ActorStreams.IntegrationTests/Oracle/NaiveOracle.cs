using System.Globalization;
using System.Text;
using ActorStreams.Domain;
using ActorStreams.Domain.Events;
using ActorStreams.Domain.Tests.Reference;
using ActorStreams.IntegrationTests.Support;

namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>
/// The independent oracle: every output of docs/design.md §6 recomputed from the input topics as a plain consumer read them
/// (arrival order = offset order in a partition), over full histories, sharing no analytics code with src. Fraud, churn
/// and merchant windows use the naive references of the domain tests (<see cref="NaiveFraud"/>, <see cref="NaiveChurn"/>,
/// <see cref="NaiveMerchantMetrics"/>); validation, joins and dead letters are written here.
/// </summary>
public static class NaiveOracle
{
    /// <summary>The default churn threshold (§6).</summary>
    public const double ChurnThreshold = 0.7;

    /// <summary>Two correct evaluations of the churn formula may differ by rounding; closer than this to the threshold, a crossing is optional.</summary>
    public const double ChurnAmbiguity = 1e-12;

    /// <summary>The default merchant grace (§6).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>Computes every expected output.</summary>
    /// <param name="transactions">The <c>transactions</c> topic.</param>
    /// <param name="activities">The <c>customer-activity</c> topic.</param>
    /// <param name="details">The <c>customer-details</c> topic.</param>
    /// <param name="offers">The <c>customer-offers</c> topic (read to its end before any other record, §6).</param>
    public static Expectations Compute(TopicContents transactions, TopicContents activities, TopicContents details, TopicContents offers)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(offers);
        var deadLetters = new Dictionary<string, ExpectedDeadLetter>(StringComparer.Ordinal);
        void DeadLetter(TopicRecord record, string reason)
        {
            var text = record.Value is null || !System.Text.Unicode.Utf8.IsValid(record.Value) ? null : Encoding.UTF8.GetString(record.Value);
            var base64 = record.Value is not null && text is null ? Convert.ToBase64String(record.Value) : null;
            deadLetters.Add(record.Coordinates, new ExpectedDeadLetter(record.Topic, record.Partition, record.Offset, record.KeyText, text, base64, reason));
        }

        // Reference data: the last valid record per key wins; a tombstone deletes.
        var offerTable = new Dictionary<long, OfferRow>();
        foreach (var record in offers.Records)
        {
            if (!InputValidation.TryOffer(record, out var offer, out var reason))
            {
                DeadLetter(record, reason);
            }
            else if (offer is null)
            {
                InputValidation.TryKey(record, out var key, out _);
                offerTable.Remove(key);
            }
            else
            {
                offerTable[offer.OfferId] = offer;
            }
        }

        var detailsTable = new Dictionary<long, DetailsRow?>();
        foreach (var record in details.Records)
        {
            if (!InputValidation.TryDetails(record, out var row, out var reason))
            {
                DeadLetter(record, reason);
                continue;
            }

            InputValidation.TryKey(record, out var key, out _);
            detailsTable[key] = row;
        }

        // Transactions per customer in arrival order (a customer's records are all in one partition).
        var sourced = new List<(TopicRecord Record, Transaction Tx)>();
        foreach (var record in transactions.Records)
        {
            if (InputValidation.TryTransaction(record, out var tx, out var reason))
            {
                sourced.Add((record, tx));
            }
            else
            {
                DeadLetter(record, reason);
            }
        }

        var mixedCategories = sourced.GroupBy(s => s.Tx.MerchantId.Value).Where(g => g.Select(s => s.Tx.MerchantCategory).Distinct().Count() > 1).Select(g => g.Key).Take(3).ToList();
        if (mixedCategories.Count > 0)
        {
            throw new InvalidOperationException($"a merchant's category must not depend on merge order: one category per merchant; mixed: {string.Join(", ", mixedCategories)}");
        }

        // Duplicates (§6): per customer in arrival order; they change nothing, but their partition has seen them.
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        var fraud = new Dictionary<string, ExpectedFraudAlert>(StringComparer.Ordinal);
        var customerLate = 0;
        foreach (var customer in sourced.GroupBy(s => s.Tx.CustomerId.Value))
        {
            var ordered = customer.OrderBy(s => s.Record.Partition).ThenBy(s => s.Record.Offset).ToList();
            var duplicate = NaiveDuplicates.Mark(ordered, s => s.Tx.TransactionId.Value, s => s.Tx.Timestamp);
            duplicates.UnionWith(ordered.Where((_, i) => duplicate[i]).Select(s => s.Record.Coordinates));
            var arrivals = ordered.Where((_, i) => !duplicate[i]).Select(s => s.Tx).ToList();
            var (alerts, late) = NaiveFraud.Run(arrivals);
            customerLate += late;

            // An id seen again after it was forgotten is a new transaction; its alerts replace the earlier ones of that id.
            var alertIndex = 0;
            foreach (var tx in arrivals)
            {
                for (; alertIndex < alerts.Count && alerts[alertIndex].StartsWith(tx.TransactionId.Value + ":", StringComparison.Ordinal); alertIndex++)
                {
                    AddAlert(alerts[alertIndex], tx);
                }
            }

            if (alertIndex != alerts.Count)
            {
                throw new InvalidOperationException($"the naive fraud rules gave alert {alerts[alertIndex]} out of arrival order");
            }
        }

        void AddAlert(string alertId, Transaction tx)
        {
            fraud[alertId] = new ExpectedFraudAlert(
                alertId, alertId[(tx.TransactionId.Value.Length + 1)..], tx.CustomerId.Value, tx.TransactionId.Value, tx.MerchantId.Value, tx.MerchantCategory, tx.Amount, Scenario.Json.Iso(tx.Timestamp.ToDateTimeOffset()),
                tx.HasCoordinates ? tx.Latitude : null, tx.HasCoordinates ? tx.Longitude : null);
        }

        var alerted = fraud.Values.Select(a => a.TransactionId).ToHashSet(StringComparer.Ordinal);
        var metrics = NaiveMerchantMetrics.Run(
            sourced.Select(s => new SourcedTransaction(
                s.Record.Partition, s.Record.Offset, s.Tx.MerchantId.Value, s.Tx.MerchantCategory, s.Tx.Amount, s.Tx.Timestamp,
                alerted.Contains(s.Tx.TransactionId.Value), s.Tx.IsFraud == true, Counted: !duplicates.Contains(s.Record.Coordinates))),
            Grace,
            out var merchantLate);

        // Activities: churn in arrival order per customer; enrichment against the final tables.
        var activityRecords = new List<(TopicRecord Record, CustomerActivity Activity)>();
        foreach (var record in activities.Records)
        {
            if (InputValidation.TryActivity(record, out var activity, out var reason))
            {
                activityRecords.Add((record, activity));
            }
            else
            {
                DeadLetter(record, reason);
            }
        }

        var churn = new Dictionary<string, ExpectedChurnAlert>(StringComparer.Ordinal);
        var enriched = new Dictionary<long, ExpectedEnrichedActivity>();
        foreach (var customer in activityRecords.GroupBy(a => a.Activity.CustomerId.Value))
        {
            var ordered = customer.OrderBy(a => a.Record.Partition).ThenBy(a => a.Record.Offset).ToList();
            var duplicate = NaiveDuplicates.Mark(
                ordered, a => a.Activity.ActivityId.Value.ToString(CultureInfo.InvariantCulture), a => a.Activity.Timestamp ?? EventTime.FromUnixMilliseconds(a.Record.TimestampMs));
            duplicates.UnionWith(ordered.Where((_, i) => duplicate[i]).Select(a => a.Record.Coordinates));
            var arrivals = ordered.Where((_, i) => !duplicate[i]).ToList();
            var (scores, alerts) = NaiveChurn.Run([.. arrivals.Select(a => a.Activity)]);
            var fired = alerts.ToHashSet(StringComparer.Ordinal);
            for (var n = 0; n < arrivals.Count; n++)
            {
                var (record, activity) = arrivals[n];
                var previous = n == 0 ? 0.0 : scores[n - 1];
                var score = scores[n];
                var time = activity.Timestamp is { } t ? TimeExpectation.At(t.ToDateTimeOffset()) : TimeExpectation.ProcessingTime(record.TimestampMs);
                var alertId = $"{activity.ActivityId.Value}:CHURN_RISK";
                var ambiguous = Math.Abs(previous - ChurnThreshold) <= ChurnAmbiguity || Math.Abs(score - ChurnThreshold) <= ChurnAmbiguity;
                if (fired.Contains(alertId) || ambiguous)
                {
                    churn[alertId] = new ExpectedChurnAlert(
                        alertId, activity.CustomerId.Value, activity.ActivityId.Value, activity.ActivityType, score, previous, ChurnThreshold, time, Optional: ambiguous);
                }

                // The latest record per activity_id: an id accepted again after it was forgotten replaces the earlier one.
                var offer = activity.OfferId is { } offerId ? offerTable.GetValueOrDefault(offerId.Value) : null;
                enriched[activity.ActivityId.Value] = new ExpectedEnrichedActivity(
                    activity.ActivityId.Value, activity.CustomerId.Value, activity.ActivityType, activity.PropensityToChurn, activity.IpAddress,
                    activity.OfferId?.Value, offer?.Name, offer?.Url, detailsTable.GetValueOrDefault(activity.CustomerId.Value), score, time);
            }
        }

        return new Expectations
        {
            FraudAlerts = fraud,
            ChurnAlerts = churn,
            Enriched = enriched,
            Metrics = metrics.ToDictionary(m => m.MetricId, ToExpected, StringComparer.Ordinal),
            DeadLetters = deadLetters,
            CustomerLateTransactions = customerLate,
            Duplicates = duplicates.Count,
            MerchantLateTransactions = merchantLate,
        };
    }

    private static ExpectedMetric ToExpected(NaiveMetric metric)
    {
        // metric_id = <merchant_id>:<window_start>, window_start = yyyy-MM-ddTHH:mm:ss.fffZ (24 characters).
        var start = metric.MetricId[^24..];
        var merchant = metric.MetricId[..^25];
        InputValidation.TryParseInstant(start, out var instant);
        return new ExpectedMetric(
            metric.MetricId, merchant, metric.Category, start, Scenario.Json.Iso(instant.AddMinutes(1)),
            metric.Count, metric.Total, metric.Avg, metric.Max, metric.Alerted, metric.Labeled);
    }
}
