using System.Text;
using ActorStreams.Domain;
using ActorStreams.Domain.Loans;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class LoanEncoderTests
{
    private static readonly EventTime T0 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 5, 250, TimeSpan.Zero));

    [Fact]
    public void LoanRisk_WritesTheExactContractJson()
    {
        var risk = new LoanRisk
        {
            ApplicationId = "la-1",
            CustomerId = new CustomerId(42),
            Channel = "web",
            Product = "mortgage",
            Dti = 0.15,
            Lti = 4.25,
            RiskScore = 41.3,
            RiskLevel = "MEDIUM",
            Reasons = ["lti", "credit_score"],
            EventTime = T0,
        };

        var json = new LoanRiskEncoder().Encode(risk);

        Assert.Equal(
            """{"application_id":"la-1","customer_id":42,"channel":"web","product":"mortgage","dti":0.15,"lti":4.25,"risk_score":41.3,"risk_level":"MEDIUM","reasons":["lti","credit_score"],"event_time":"2026-01-01T00:00:05.250Z"}""",
            Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms("loan-risk", json);
        SchemaAssert.HasSchemaFieldOrder("loan-risk", json);
    }

    [Theory]
    [InlineData(LoanFraudRules.IdentityMismatch, """{"identity_verification_score":0.12,"threshold":0.3}""")]
    [InlineData(LoanFraudRules.ApplicationBurst, """{"count":3,"min_count":3,"window_seconds":86400}""")]
    public void LoanFraudAlert_WritesTheExactContractJson(string rule, string details)
    {
        LoanAlertDetail[] figures = rule == LoanFraudRules.IdentityMismatch
            ? [new("identity_verification_score", 0.12), new("threshold", 0.3)]
            : [new("count", 3), new("min_count", 3), new("window_seconds", 86400)];
        var alert = new LoanFraudAlert
        {
            Rule = rule,
            ApplicationId = "la-1",
            CustomerId = new CustomerId(42),
            DeviceId = "dev-9",
            Channel = "partner",
            LoanAmount = 12000.50m,
            EventTime = T0,
            DetectedAt = T0 + TimeSpan.FromSeconds(1),
            Details = figures,
        };

        var json = new LoanFraudAlertEncoder().Encode(alert);

        var severity = rule == LoanFraudRules.IdentityMismatch ? "HIGH" : "MEDIUM";
        Assert.Equal(
            $$"""{"alert_id":"la-1:{{rule}}","rule":"{{rule}}","application_id":"la-1","customer_id":42,"device_id":"dev-9","channel":"partner","loan_amount":12000.50,"event_time":"2026-01-01T00:00:05.250Z","detected_at":"2026-01-01T00:00:06.250Z","severity":"{{severity}}","details":{{details}}}""",
            Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms("loan-fraud-alerts", json);
        SchemaAssert.HasSchemaFieldOrder("loan-fraud-alerts", json);
    }
    [Fact]
    public void LoanWindows_WriteTheExactContractJson()
    {
        var sums = new LoanAggregate();
        LoanForward App(string decision, decimal amount, string product, int credit, bool identityFailed, bool alerted) => new()
        {
            ApplicationId = "x",
            CustomerId = new CustomerId(1),
            DeviceId = "d",
            Channel = "web",
            Product = product,
            CreditScore = credit,
            Decision = decision,
            LoanAmount = amount,
            ProcessingTimeSeconds = 10m,
            ApplicationDurationSeconds = 100.5m,
            IdentityFailed = identityFailed,
            CustomerAlerted = alerted,
            EventTime = T0,
            SourcePartition = 0,
            SourceOffset = 0,
            SourceWatermark = T0,
        };
        sums.Add(App("approved", 1000m, "auto", 700, identityFailed: false, alerted: false), fraudAlerted: false);
        sums.Add(App("rejected", 2000m, "auto", 650, identityFailed: true, alerted: true), fraudAlerted: true);
        sums.Add(App("pending", 3000.5m, "mortgage", 800, identityFailed: false, alerted: false), fraudAlerted: false);
        var start = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero));
        var end = start + TimeSpan.FromMinutes(1);
        var channel = new LoanWindow("channel:web", start, end, sums);
        var segment = new LoanWindow("segment:near_prime", start, end, sums);

        var stats = new LoanStatsEncoder().Encode(channel);
        var channels = new LoanChannelEncoder().Encode(channel);
        var segments = new LoanSegmentEncoder().Encode(segment);

        Assert.Equal(
            """{"metric_id":"web:2026-01-01T00:01:00.000Z","channel":"web","window_start":"2026-01-01T00:01:00.000Z","window_end":"2026-01-01T00:02:00.000Z","applications":3,"approved":1,"rejected":1,"pending":1,"approval_rate":0.3333333333333333,"avg_loan_amount":2000.1666666666667,"avg_processing_time_s":10}""",
            Encoding.UTF8.GetString(stats));
        Assert.Equal(
            """{"metric_id":"web:2026-01-01T00:01:00.000Z","channel":"web","window_start":"2026-01-01T00:01:00.000Z","window_end":"2026-01-01T00:02:00.000Z","applications":3,"conversion_rate":0.3333333333333333,"avg_application_duration_s":100.5,"identity_failure_rate":0.3333333333333333,"fraud_alert_rate":0.3333333333333333}""",
            Encoding.UTF8.GetString(channels));
        Assert.Equal(
            """{"metric_id":"near_prime:2026-01-01T00:01:00.000Z","segment":"near_prime","window_start":"2026-01-01T00:01:00.000Z","window_end":"2026-01-01T00:02:00.000Z","applications":3,"avg_credit_score":716.6666666666666,"avg_loan_amount":2000.1666666666667,"products":{"personal":0,"auto":2,"mortgage":1,"student":0,"business":0}}""",
            Encoding.UTF8.GetString(segments));
        foreach (var (topic, json) in new[] { ("loan-stats", stats), ("loan-channels", channels), ("loan-segments", segments) })
        {
            SchemaAssert.Conforms(topic, json);
            SchemaAssert.HasSchemaFieldOrder(topic, json);
        }
    }
}
