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
}
