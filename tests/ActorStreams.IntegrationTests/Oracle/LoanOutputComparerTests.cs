using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.Kafka.Partitioning;

namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>
/// The loan comparison itself: outputs written in the §5 formats straight from the oracle's expectations compare equal,
/// and each kind of difference (a field, a detail, a missing or unexpected id, copies that differ, a wrong key) is reported,
/// so an end-to-end run that compares equal really did produce the expected records.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LoanOutputComparerTests
{
    private const int Partitions = LoanEdgeCases.Partitions;
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compare_OutputsWrittenFromTheExpectations_AreEqual()
    {
        var expected = Expected();

        var report = LoanOutputComparer.Compare(expected, Outputs(expected), Partitions);

        Assert.True(report.Equal, report.ToString());
    }

    [Fact]
    public void Compare_ReplayedIdenticalCopiesAndOtherDetectedAt_AreEqual()
    {
        var expected = Expected();
        var outputs = Outputs(expected);
        var alert = Json(outputs.FraudAlerts.Records[0]);
        alert["detected_at"] = "2030-01-01T00:00:00.000Z";

        var report = LoanOutputComparer.Compare(expected, outputs with
        {
            FraudAlerts = Append(outputs.FraudAlerts, outputs.FraudAlerts.Records[0].KeyText!, alert),
            Stats = Append(outputs.Stats, outputs.Stats.Records[0].KeyText!, Json(outputs.Stats.Records[0])),
        }, Partitions);

        Assert.True(report.Equal, report.ToString());
    }

    [Fact]
    public void Compare_EveryKindOfDifference_IsReported()
    {
        var expected = Expected();
        var outputs = Outputs(expected);

        var report = LoanOutputComparer.Compare(expected, outputs with
        {
            Risk = Change(outputs.Risk, "le-risk-tie-down", r => r["risk_score"] = 12.3),
            FraudAlerts = Change(outputs.FraudAlerts, "le-dsl-5:DEVICE_SHARED", a => a["details"]!["distinct_customers"] = 3),
            Stats = Drop(outputs.Stats, Json(outputs.Stats.Records[0])["metric_id"]!.GetValue<string>()),
            Segments = Append(outputs.Segments, "prime", new JsonObject { ["metric_id"] = "prime:2000-01-01T00:00:00.000Z", ["segment"] = "prime" }),
            Channels = Change(outputs.Channels, Json(outputs.Channels.Records[0])["metric_id"]!.GetValue<string>(), c => c["fraud_alert_rate"] = c["fraud_alert_rate"]!.GetValue<double>() + 1e-6),
        }, Partitions);

        var differences = report.Differences.ToList();
        Assert.Contains(differences, d => d.Contains("le-risk-tie-down", StringComparison.Ordinal) && d.Contains("risk_score", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("details.distinct_customers", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("loan-stats: missing ", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("loan-segments: unexpected prime:2000", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("fraud_alert_rate", StringComparison.Ordinal));
        Assert.Equal(5, differences.Count);
    }

    [Fact]
    public void Compare_DifferingCopiesExtraDetailsReasonsOrderAndWrongKey_AreReported()
    {
        var expected = Expected();
        var outputs = Outputs(expected);
        var copy = Json(outputs.Risk.Records[0]);
        copy["lti"] = copy["lti"]!.GetValue<double>() * (1 + 1e-9);
        var mislaid = Json(outputs.Segments.Records[0]);

        var report = LoanOutputComparer.Compare(expected, outputs with
        {
            Risk = Change(Append(outputs.Risk, outputs.Risk.Records[0].KeyText!, copy), "le-risk-cap", r => r["reasons"] = new JsonArray("credit_score", "dti")),
            FraudAlerts = Change(outputs.FraudAlerts, "le-bot-0:BOT_SPEED", a => a["details"]!["count"] = 3),
            Segments = Append(Drop(outputs.Segments, mislaid["metric_id"]!.GetValue<string>()), "web", mislaid),
        }, Partitions);

        var differences = report.Differences.ToList();
        Assert.Contains(differences, d => d.Contains("copies differ", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("le-risk-cap", StringComparison.Ordinal) && d.Contains("reasons", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("details.count: expected no value", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("key \"web\"", StringComparison.Ordinal));
    }

    private static LoanExpectations Expected()
    {
        var records = LoanEdgeCases.Applications(Start).Select(a => a.ToRecord()).Concat(BadLoanRecords.All(Start.AddDays(400))).ToList();
        var offsets = new long[Partitions];
        var read = records
            .Select(r =>
            {
                var partition = r.Key is null ? 0 : Murmur2Partitioner.Partition(Encoding.UTF8.GetString(r.Key), Partitions);
                return new TopicRecord("loan-applications", partition, offsets[partition]++, r.Key, r.Value, 0);
            })
            .OrderBy(r => r.Partition).ThenBy(r => r.Offset)
            .ToList();
        return NaiveLoanOracle.Compute(new TopicContents("loan-applications", read, 0));
    }

    /// <summary>The expected records written as a node would write them (§5 and the Avro schemas), each in its key's partition.</summary>
    private static LoanOutputTopics Outputs(LoanExpectations expected) => new(
        Topic("loan-risk", expected.Risk.Values.Select(r => ((string?)r.CustomerId.ToString(CultureInfo.InvariantCulture), new JsonObject
        {
            ["application_id"] = r.ApplicationId,
            ["customer_id"] = r.CustomerId,
            ["channel"] = r.Channel,
            ["product"] = r.Product,
            ["dti"] = r.Dti,
            ["lti"] = r.Lti,
            ["risk_score"] = r.RiskScore,
            ["risk_level"] = r.RiskLevel,
            ["reasons"] = new JsonArray([.. r.Reasons.Select(x => JsonValue.Create(x))]),
            ["event_time"] = r.EventTime,
        }))),
        Topic("loan-fraud-alerts", expected.FraudAlerts.Values.Select(a => ((string?)a.CustomerId.ToString(CultureInfo.InvariantCulture), new JsonObject
        {
            ["alert_id"] = a.AlertId,
            ["rule"] = a.Rule,
            ["application_id"] = a.ApplicationId,
            ["customer_id"] = a.CustomerId,
            ["device_id"] = a.DeviceId,
            ["channel"] = a.Channel,
            ["loan_amount"] = a.LoanAmount,
            ["event_time"] = a.EventTime,
            ["detected_at"] = "2026-05-01T00:00:00.000Z",
            ["severity"] = a.Severity,
            ["details"] = new JsonObject(a.Details.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)JsonValue.Create(d.Value))).Append(KeyValuePair.Create("threshold_s", (JsonNode?)null)).DistinctBy(d => d.Key)),
        }))),
        Topic("loan-stats", expected.Stats.Values.Select(s => ((string?)s.Channel, new JsonObject
        {
            ["metric_id"] = s.MetricId,
            ["channel"] = s.Channel,
            ["window_start"] = s.WindowStart,
            ["window_end"] = s.WindowEnd,
            ["applications"] = s.Applications,
            ["approved"] = s.Approved,
            ["rejected"] = s.Rejected,
            ["pending"] = s.Pending,
            ["approval_rate"] = s.ApprovalRate,
            ["avg_loan_amount"] = (double)s.AvgLoanAmount,
            ["avg_processing_time_s"] = (double)s.AvgProcessingTimeS,
        }))),
        Topic("loan-segments", expected.Segments.Values.Select(s => ((string?)s.Segment, new JsonObject
        {
            ["metric_id"] = s.MetricId,
            ["segment"] = s.Segment,
            ["window_start"] = s.WindowStart,
            ["window_end"] = s.WindowEnd,
            ["applications"] = s.Applications,
            ["avg_credit_score"] = s.AvgCreditScore,
            ["avg_loan_amount"] = s.AvgLoanAmount,
            ["products"] = new JsonObject
            {
                ["personal"] = s.Products.Personal,
                ["auto"] = s.Products.Auto,
                ["mortgage"] = s.Products.Mortgage,
                ["student"] = s.Products.Student,
                ["business"] = s.Products.Business,
            },
        }))),
        Topic("loan-channels", expected.Channels.Values.Select(c => ((string?)c.Channel, new JsonObject
        {
            ["metric_id"] = c.MetricId,
            ["channel"] = c.Channel,
            ["window_start"] = c.WindowStart,
            ["window_end"] = c.WindowEnd,
            ["applications"] = c.Applications,
            ["conversion_rate"] = c.ConversionRate,
            ["avg_application_duration_s"] = (double)c.AvgApplicationDurationS,
            ["identity_failure_rate"] = c.IdentityFailureRate,
            ["fraud_alert_rate"] = c.FraudAlertRate,
        }))),
        Topic("dead-letter", expected.DeadLetters.Values.Select(d => (d.Key, new JsonObject
        {
            ["source_topic"] = d.SourceTopic,
            ["partition"] = d.Partition,
            ["offset"] = d.Offset,
            ["key"] = d.Key,
            ["value"] = d.Value,
            ["value_base64"] = d.ValueBase64,
            ["error"] = d.OracleReason,
            ["failed_at"] = "2026-05-01T00:00:00.000Z",
        }))));

    private static TopicContents Topic(string topic, IEnumerable<(string? Key, JsonObject Json)> records)
    {
        var contents = new TopicContents(topic, [], 0);
        foreach (var (key, json) in records)
        {
            contents = Append(contents, key, json);
        }

        return contents;
    }

    private static TopicContents Append(TopicContents contents, string? key, JsonObject json)
    {
        var partition = key is null ? 0 : Murmur2Partitioner.Partition(key, Partitions);
        var offset = contents.Records.Count(r => r.Partition == partition);
        var record = new TopicRecord(contents.Topic, partition, offset, key is null ? null : Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(json.ToJsonString()), 0);
        return contents with { Records = [.. contents.Records.Append(record).OrderBy(r => r.Partition).ThenBy(r => r.Offset)] };
    }

    private static TopicContents Change(TopicContents contents, string id, Action<JsonObject> change) => contents with
    {
        Records = [.. contents.Records.Select(r =>
        {
            var json = Json(r);
            if (Id(json) != id)
            {
                return r;
            }

            change(json);
            return r with { Value = Encoding.UTF8.GetBytes(json.ToJsonString()) };
        })],
    };

    private static TopicContents Drop(TopicContents contents, string id) => contents with { Records = [.. contents.Records.Where(r => Id(Json(r)) != id)] };

    private static JsonObject Json(TopicRecord record) => JsonNode.Parse(record.Value!)!.AsObject();

    private static string? Id(JsonObject json) => (json["alert_id"] ?? json["metric_id"] ?? json["application_id"])?.GetValue<string>();
}
