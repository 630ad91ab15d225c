using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.Kafka.Partitioning;

namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>
/// Compares a node's output topics with the oracle, by deterministic id: every expected record present with equal
/// fields, nothing unexpected, copies of one id identical (at-least-once), keys as docs/design.md §5 says and each record in
/// its key's murmur2 partition.
/// </summary>
public static class OutputComparer
{
    private const double ScoreTolerance = 1e-12;
    private const decimal AverageTolerance = 1e-9m;

    /// <summary>Compares every output topic; <paramref name="nowMs"/> bounds processing-time expectations.</summary>
    public static ComparisonReport Compare(Expectations expected, OutputTopics outputs, int partitions, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(outputs);
        var report = new ComparisonReport();

        CompareById(
            report.Topic(outputs.FraudAlerts.Topic, $"expected {expected.FraudAlerts.Count} alerts"),
            outputs.FraudAlerts, partitions, "alert_id", ["detected_at"],
            expected.FraudAlerts.ToDictionary(p => p.Key, p => (Expected: p.Value, Optional: false), StringComparer.Ordinal),
            json => Text(json, "customer_id"),
            (check, alert) =>
            {
                check.String("rule", alert.Rule);
                check.Long("customer_id", alert.CustomerId);
                check.String("transaction_id", alert.TransactionId);
                check.String("merchant_id", alert.MerchantId);
                check.String("merchant_category", alert.MerchantCategory);
                check.Decimal("amount", alert.Amount);
                check.String("event_time", alert.EventTime);
                check.Instant("detected_at");
                check.NonEmptyString("severity");
                check.Object("details");
                check.Location("location", alert.Latitude, alert.Longitude);
            });

        CompareById(
            report.Topic(outputs.ChurnAlerts.Topic, $"expected {expected.ChurnAlerts.Values.Count(a => !a.Optional)} alerts (+{expected.ChurnAlerts.Values.Count(a => a.Optional)} optional)"),
            outputs.ChurnAlerts, partitions, "alert_id", ["detected_at"],
            expected.ChurnAlerts.ToDictionary(p => p.Key, p => (Expected: p.Value, p.Value.Optional), StringComparer.Ordinal),
            json => Text(json, "customer_id"),
            (check, alert) =>
            {
                check.Long("customer_id", alert.CustomerId);
                check.Long("activity_id", alert.ActivityId);
                check.String("activity_type", alert.ActivityType);
                check.Double("score", alert.Score, ScoreTolerance);
                check.Double("previous_score", alert.PreviousScore, ScoreTolerance);
                check.Double("threshold", alert.Threshold, ScoreTolerance);
                check.Time("event_time", alert.EventTime, nowMs);
                check.Instant("detected_at");
            });

        CompareById(
            report.Topic(outputs.Metrics.Topic, $"expected {expected.Metrics.Count} metrics"),
            outputs.Metrics, partitions, "metric_id", [],
            expected.Metrics.ToDictionary(p => p.Key, p => (Expected: p.Value, Optional: false), StringComparer.Ordinal),
            json => Text(json, "merchant_id"),
            (check, metric) =>
            {
                check.String("merchant_id", metric.MerchantId);
                check.String("merchant_category", metric.MerchantCategory);
                check.String("window_start", metric.WindowStart);
                check.String("window_end", metric.WindowEnd);
                check.Long("tx_count", metric.TxCount);
                check.Decimal("total_amount", metric.TotalAmount);
                check.Decimal("avg_amount", metric.AvgAmount, AverageTolerance);
                check.Decimal("max_amount", metric.MaxAmount);
                check.Long("fraud_alert_count", metric.FraudAlertCount);
                check.Long("fraud_labeled_count", metric.FraudLabeledCount);
            });

        CompareById(
            report.Topic(outputs.DeadLetters.Topic, $"expected {expected.DeadLetters.Count} dead letters"),
            outputs.DeadLetters, partitions, "source_topic+partition+offset", ["failed_at"],
            expected.DeadLetters.ToDictionary(p => p.Key, p => (Expected: p.Value, Optional: false), StringComparer.Ordinal),
            json => Text(json, "key"),
            (check, letter) =>
            {
                check.String("source_topic", letter.SourceTopic);
                check.Long("partition", letter.Partition);
                check.Long("offset", letter.Offset);
                check.String("key", letter.Key);
                check.String("value", letter.Value);
                check.String("value_base64", letter.ValueBase64);
                check.NonEmptyString("error");
                check.Instant("failed_at");
            });

        CompareEnriched(report.Topic(outputs.Enriched.Topic, $"expected the latest record of {expected.Enriched.Count} activities"), outputs.Enriched, partitions, expected.Enriched, nowMs);
        return report;
    }

    internal static void CompareById<T>(
        ComparisonReport.TopicReport report,
        TopicContents contents,
        int partitions,
        string idField,
        string[] volatileFields,
        Dictionary<string, (T Expected, bool Optional)> expected,
        Func<JsonElement, string?> expectedKey,
        Action<FieldCheck, T> check)
    {
        var byId = new SortedDictionary<string, List<(TopicRecord Record, JsonElement Json)>>(StringComparer.Ordinal);
        foreach (var record in contents.Records)
        {
            if (!TryParse(record, report, out var json))
            {
                continue;
            }

            var id = idField == "source_topic+partition+offset" ? DeadLetterId(json) : Text(json, idField);
            if (id is null)
            {
                report.Add($"{record.Coordinates} has no {idField}: {Truncate(json.GetRawText())}");
                continue;
            }

            CheckKey(report, record, expectedKey(json), partitions, id);
            if (!byId.TryGetValue(id, out var copies))
            {
                byId[id] = copies = [];
            }

            copies.Add((record, json));
        }

        var found = 0;
        foreach (var (id, copies) in byId)
        {
            var first = Canonical(copies[0].Json, volatileFields);
            foreach (var copy in copies.Skip(1).Where(c => Canonical(c.Json, volatileFields) != first))
            {
                report.Add($"{id}: copies differ (at-least-once replays must be identical): {Truncate(first)} vs {Truncate(Canonical(copy.Json, volatileFields))} at {copy.Record.Coordinates}");
            }

            if (!expected.TryGetValue(id, out var entry))
            {
                report.Add($"unexpected {id}: {Truncate(copies[0].Json.GetRawText())}");
                continue;
            }

            found++;
            var fields = new FieldCheck(copies[0].Json);
            check(fields, entry.Expected);
            if (fields.Problems.Count > 0)
            {
                report.Add($"{id} at {copies[0].Record.Coordinates}: {string.Join("; ", fields.Problems)}");
            }
        }

        foreach (var (id, entry) in expected.Where(e => !e.Value.Optional && !byId.ContainsKey(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            report.Add($"missing {id}: {entry.Expected}");
        }

        report.Summary += string.Create(CultureInfo.InvariantCulture, $", got {byId.Count} distinct ids in {contents.Records.Count} records ({found} expected ones)");
    }

    private static void CompareEnriched(ComparisonReport.TopicReport report, TopicContents contents, int partitions, IReadOnlyDictionary<long, ExpectedEnrichedActivity> expected, long nowMs)
    {
        var latest = new SortedDictionary<long, (TopicRecord Record, JsonElement Json)>();
        foreach (var record in contents.Records)
        {
            if (!TryParse(record, report, out var json))
            {
                continue;
            }

            if (!json.TryGetProperty("activity_id", out var idValue) || !idValue.TryGetInt64(out var id))
            {
                report.Add($"{record.Coordinates} has no integer activity_id: {Truncate(json.GetRawText())}");
                continue;
            }

            CheckKey(report, record, id.ToString(CultureInfo.InvariantCulture), partitions, $"activity {id}");

            // Records are in (partition, offset) order and an activity's versions share its key's partition: the last one wins.
            latest[id] = (record, json);
        }

        foreach (var (id, (record, json)) in latest)
        {
            if (!expected.TryGetValue(id, out var e))
            {
                report.Add($"unexpected activity {id}: {Truncate(json.GetRawText())}");
                continue;
            }

            var check = new FieldCheck(json);
            check.Long("customer_id", e.CustomerId);
            check.String("activity_type", e.ActivityType);
            check.Double("propensity_to_churn", e.PropensityToChurn, 0);
            check.String("ip_address", e.IpAddress);
            check.Long("offer_id", e.OfferId);
            check.String("offer_name", e.OfferName);
            check.String("offer_url", e.OfferUrl);
            check.String("first_name", e.Details?.FirstName);
            check.String("last_name", e.Details?.LastName);
            check.String("email", e.Details?.Email);
            check.String("gender", e.Details?.Gender);
            check.Long("income", e.Details?.Income);
            check.Long("fico", e.Details?.Fico);
            check.Long("years_active", e.Details?.YearsActive);
            check.Double("churn_score", e.ChurnScore, ScoreTolerance);
            check.Time("event_time", e.EventTime, nowMs);
            if (check.Problems.Count > 0)
            {
                report.Add($"activity {id}, latest record at {record.Coordinates}: {string.Join("; ", check.Problems)}");
            }
        }

        foreach (var id in expected.Keys.Where(id => !latest.ContainsKey(id)).Order())
        {
            report.Add($"missing activity {id}: {expected[id]}");
        }

        report.Summary += string.Create(CultureInfo.InvariantCulture, $", got {latest.Count} activities in {contents.Records.Count} records");
    }

    private static void CheckKey(ComparisonReport.TopicReport report, TopicRecord record, string? expectedKey, int partitions, string id)
    {
        if (!string.Equals(record.KeyText, expectedKey, StringComparison.Ordinal))
        {
            report.Add($"{id} at {record.Coordinates}: key \"{record.KeyText}\", expected \"{expectedKey}\"");
        }
        else if (expectedKey is not null && Murmur2Partitioner.Partition(expectedKey, partitions) != record.Partition)
        {
            report.Add($"{id} at {record.Coordinates}: key \"{expectedKey}\" belongs in partition {Murmur2Partitioner.Partition(expectedKey, partitions)} (murmur2)");
        }
    }

    private static bool TryParse(TopicRecord record, ComparisonReport.TopicReport report, out JsonElement json)
    {
        json = default;
        try
        {
            using var document = JsonDocument.Parse(record.Value ?? []);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                json = document.RootElement.Clone();
                return true;
            }
        }
        catch (JsonException)
        {
        }

        report.Add($"{record.Coordinates} is not a JSON object: {Truncate(record.Value is null ? "(tombstone)" : System.Text.Encoding.UTF8.GetString(record.Value))}");
        return false;
    }

    /// <summary>A field as text: a string's value or a number's digits; null when absent or null.</summary>
    internal static string? Text(JsonElement json, string field) =>
        !json.TryGetProperty(field, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };

    private static string? DeadLetterId(JsonElement json) =>
        Text(json, "source_topic") is { } topic && Text(json, "partition") is { } partition && Text(json, "offset") is { } offset
            ? $"{topic}[{partition}]@{offset}"
            : null;

    private static string Canonical(JsonElement json, string[] volatileFields)
    {
        var node = JsonNode.Parse(json.GetRawText())!.AsObject();
        foreach (var field in volatileFields)
        {
            node.Remove(field);
        }

        return node.ToJsonString();
    }

    private static string Truncate(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
