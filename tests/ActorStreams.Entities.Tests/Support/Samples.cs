using ActorStreams.Domain;
using ActorStreams.Domain.Churn;
using ActorStreams.Domain.Enrichment;
using ActorStreams.Domain.Fraud;
using ActorStreams.Domain.Merchants;

namespace ActorStreams.Entities.Tests.Support;

/// <summary>Output records for encoder tests, each with the exact JSON it must encode to.</summary>
internal static class Samples
{
    public static FraudAlert HighAmount => new()
    {
        AlertId = "t-1:HIGH_AMOUNT",
        Rule = FraudRules.HighAmount,
        CustomerId = 42,
        TransactionId = "t-1",
        MerchantId = "m-electronics-007",
        MerchantCategory = "electronics",
        Amount = 2000.50m,
        EventTime = Time("2026-11-22T05:17:29.123Z"),
        DetectedAt = Time("2026-11-22T05:17:30.001Z"),
        Severity = FraudSeverities.High,
        Details = new FraudAlertDetails { Threshold = 2000.00m },
    };

    public const string HighAmountJson =
        """{"alert_id":"t-1:HIGH_AMOUNT","rule":"HIGH_AMOUNT","customer_id":42,"transaction_id":"t-1","merchant_id":"m-electronics-007","merchant_category":"electronics","amount":2000.50,"event_time":"2026-11-22T05:17:29.123Z","detected_at":"2026-11-22T05:17:30.001Z","severity":"HIGH","details":{"threshold":2000.00}}""";

    /// <summary>The transaction had coordinates: they follow the details as a geo_point object.</summary>
    public static FraudAlert HighAmountLocated => HighAmount with { Location = new GeoLocation(48.8566, -2.3522) };

    public const string HighAmountLocatedJson =
        """{"alert_id":"t-1:HIGH_AMOUNT","rule":"HIGH_AMOUNT","customer_id":42,"transaction_id":"t-1","merchant_id":"m-electronics-007","merchant_category":"electronics","amount":2000.50,"event_time":"2026-11-22T05:17:29.123Z","detected_at":"2026-11-22T05:17:30.001Z","severity":"HIGH","details":{"threshold":2000.00},"location":{"lat":48.8566,"lon":-2.3522}}""";

    public static ChurnAlert Churn => new()
    {
        AlertId = "9001:CHURN_RISK",
        CustomerId = 42,
        ActivityId = 9001,
        ActivityType = "call_center",
        Score = 0.7123,
        PreviousScore = 0.65,
        Threshold = 0.7,
        EventTime = Time("2026-11-22T05:17:29.123Z"),
        DetectedAt = Time("2026-11-22T05:17:29.500Z"),
    };

    public const string ChurnJson =
        """{"alert_id":"9001:CHURN_RISK","customer_id":42,"activity_id":9001,"activity_type":"call_center","score":0.7123,"previous_score":0.65,"threshold":0.7,"event_time":"2026-11-22T05:17:29.123Z","detected_at":"2026-11-22T05:17:29.500Z"}""";

    public static EnrichedActivity Enriched => new()
    {
        ActivityId = 9001,
        CustomerId = 42,
        ActivityType = "web_open",
        PropensityToChurn = 0.85,
        IpAddress = "10.0.0.7",
        OfferId = 3,
        OfferName = "safe_driver_program",
        OfferUrl = "https://offers.example.com/safe-driver?a=1&b=2",
        FirstName = "Zoë",
        LastName = "O'Brien",
        Email = "zoe@example.com",
        Gender = "Female",
        Income = 85000,
        Fico = 742,
        YearsActive = 6,
        ChurnScore = 0.255,
        EventTime = Time("2026-11-22T05:17:29.123Z"),
        RfmRecencyDays = 1.5,
        RfmFrequency30d = 12,
        RfmMonetary30d = 1234.50m,
    };

    public const string EnrichedJson =
        """{"activity_id":9001,"customer_id":42,"activity_type":"web_open","propensity_to_churn":0.85,"ip_address":"10.0.0.7","offer_id":3,"offer_name":"safe_driver_program","offer_url":"https://offers.example.com/safe-driver?a=1&b=2","first_name":"Zoë","last_name":"O'Brien","email":"zoe@example.com","gender":"Female","income":85000,"fico":742,"years_active":6,"churn_score":0.255,"event_time":"2026-11-22T05:17:29.123Z","rfm_recency_days":1.5,"rfm_frequency_30d":12,"rfm_monetary_30d":1234.50}""";

    /// <summary>An activity with no details, no offer and no transactions yet: every joined field null.</summary>
    public static EnrichedActivity EnrichedWithoutJoins => new()
    {
        ActivityId = 9002,
        CustomerId = 43,
        ActivityType = "mobile_open",
        PropensityToChurn = 0.1,
        IpAddress = "2001:db8::1",
        ChurnScore = 0.1,
        EventTime = Time("2026-11-22T05:17:29.000Z"),
        RfmFrequency30d = 0,
        RfmMonetary30d = 0m,
    };

    public const string EnrichedWithoutJoinsJson =
        """{"activity_id":9002,"customer_id":43,"activity_type":"mobile_open","propensity_to_churn":0.1,"ip_address":"2001:db8::1","offer_id":null,"offer_name":null,"offer_url":null,"first_name":null,"last_name":null,"email":null,"gender":null,"income":null,"fico":null,"years_active":null,"churn_score":0.1,"event_time":"2026-11-22T05:17:29.000Z","rfm_recency_days":null,"rfm_frequency_30d":0,"rfm_monetary_30d":0}""";

    public static MerchantMetric Metric => new()
    {
        MetricId = "m-grocery-007:2026-11-22T05:17:00.000Z",
        MerchantId = "m-grocery-007",
        MerchantCategory = "grocery",
        WindowStart = Time("2026-11-22T05:17:00.000Z"),
        WindowEnd = Time("2026-11-22T05:18:00.000Z"),
        TxCount = 3,
        TotalAmount = 100.00m,
        AvgAmount = 100.00m / 3,
        MaxAmount = 50.00m,
        FraudAlertCount = 1,
        FraudLabeledCount = 0,
    };

    public const string MetricJson =
        """{"metric_id":"m-grocery-007:2026-11-22T05:17:00.000Z","merchant_id":"m-grocery-007","merchant_category":"grocery","window_start":"2026-11-22T05:17:00.000Z","window_end":"2026-11-22T05:18:00.000Z","tx_count":3,"total_amount":100.00,"avg_amount":33.3333333333,"max_amount":50.00,"fraud_alert_count":1,"fraud_labeled_count":0}""";

    public static MerchantTransaction Forwarded => new()
    {
        TransactionId = new TransactionId("t-1"),
        MerchantId = new MerchantId("m-grocery-007"),
        MerchantCategory = "grocery",
        Amount = 120.50m,
        EventTime = Time("2026-11-22T05:17:29.123Z"),
        FraudAlerted = true,
        IsFraud = false,
        SourcePartition = 3,
        SourceOffset = 1234,
        SourceWatermark = Time("2026-11-22T05:17:19.123Z"),
    };

    public const string ForwardedJson =
        """{"type":"tx","transaction_id":"t-1","merchant_id":"m-grocery-007","merchant_category":"grocery","amount":120.50,"event_time":"2026-11-22T05:17:29.123Z","fraud_alerted":true,"is_fraud":false,"source_partition":3,"source_offset":1234,"source_watermark":"2026-11-22T05:17:19.123Z"}""";

    public static EventTime Time(string iso)
    {
        Assert.True(EventTime.TryParseIso(iso, out var time), iso);
        return time;
    }
}
