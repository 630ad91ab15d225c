using System.Text;

namespace ActorStreams.Lake.Tests;

/// <summary>Records as the topics carry them, one full and one minimal per dataset, and rows made from them.</summary>
internal static class SampleRecords
{
    /// <summary>A record with every field set (optional ones too) and an unknown field.</summary>
    public static string Full(LakeDataset dataset, int n = 0) => dataset.Name switch
    {
        "transactions" => $$"""
            {"transaction_id":"tx-{{n}}","customer_id":{{1000 + n}},"merchant_id":"m-books-007","merchant_category":"books","amount":{{12.5 + n}},
             "currency":"EUR","payment_method":"debit_card","device_id":"dev-1","ip_address":"10.0.0.1","latitude":48.85,"longitude":2.35,
             "country":"FR","city":"Paris","timestamp":"2026-11-22T05:17:29.123Z","is_fraud":false,"unknown_field":{"a":[1,2]} }
            """,
        "customer_activity" => $$"""
            {"activity_id":{{500 + n}},"customer_id":42,"activity_type":"web_open","propensity_to_churn":0.25,"ip_address":"::1","offer_id":7,
             "timestamp":"2026-11-22T06:00:00.000Z","extra":"ignored"}
            """,
        "customer_events" => $$"""
            {"event_id":"ev-{{n}}","customer_id":42,"session_id":"s-42-1","timestamp":"2026-11-22T05:20:00.500Z","type":"purchase",
             "product_id":"p-books-007","category":"books","price":{{19.99 + n}},"quantity":2,"device":"mobile","city":"Lyon","country":"FR","extra":1}
            """,
        "fraud_alerts" => $$"""
            {"alert_id":"tx-{{n}}:HIGH_AMOUNT","rule":"HIGH_AMOUNT","customer_id":42,"transaction_id":"tx-{{n}}","merchant_id":"m-travel-001",
             "merchant_category":"travel","amount":2500.75,"event_time":"2026-11-22T05:17:29.123Z","detected_at":"2026-11-22T05:17:30.001Z",
             "severity":"HIGH","details":{"threshold":2000.0,"late":false},"location":{"lat":48.85,"lon":2.35} }
            """,
        "churn_alerts" => $$"""
            {"alert_id":"{{500 + n}}:CHURN_RISK","customer_id":42,"activity_id":{{500 + n}},"activity_type":"call_center","score":0.75,
             "previous_score":0.6,"threshold":0.7,"event_time":"2026-11-22T07:59:59.999Z","detected_at":"2026-11-22T08:00:00.500Z"}
            """,
        "enriched_activity" => $$"""
            {"activity_id":{{500 + n}},"customer_id":42,"activity_type":"mobile_open","propensity_to_churn":0.4,"ip_address":"10.1.1.1",
             "offer_id":3,"offer_name":"Gold","offer_url":"https://example.com/gold","first_name":"Ada","last_name":"Lovelace",
             "email":"ada@example.com","gender":"F","income":85000,"fico":790,"years_active":12,"churn_score":0.31,
             "event_time":"2026-11-22T05:00:00.000Z","rfm_recency_days":1.5,"rfm_frequency_30d":9,"rfm_monetary_30d":421.9}
            """,
        "merchant_metrics" => $$"""
            {"metric_id":"m-grocery-007:2026-11-22T05:17:00.000Z","merchant_id":"m-grocery-007","merchant_category":"grocery",
             "window_start":"2026-11-22T05:17:00.000Z","window_end":"2026-11-22T05:18:00.000Z","tx_count":{{3 + n}},"total_amount":99.5,
             "avg_amount":33.17,"max_amount":50.0,"fraud_alert_count":1,"fraud_labeled_count":0}
            """,
        "dead_letters" => $$"""
            {"source_topic":"transactions","partition":3,"offset":{{77 + n}},"key":"42","value":"{\"amount\":","value_base64":null,
             "error":"the record is not valid JSON","failed_at":"2026-11-22T05:17:31.000Z"}
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset.Name, "no sample"),
    };

    /// <summary>A record with the required fields only: every optional field absent.</summary>
    public static string Minimal(LakeDataset dataset) => dataset.Name switch
    {
        "transactions" => """
            {"transaction_id":"tx-min","customer_id":1,"merchant_id":"m-books-001","merchant_category":"books","amount":1,"currency":"USD",
             "payment_method":"paypal","device_id":"d","ip_address":"10.0.0.2","timestamp":"2026-11-22T23:59:59.999Z"}
            """,
        "customer_activity" => """
            {"activity_id":1,"customer_id":2,"activity_type":"claim_filed","propensity_to_churn":1,"ip_address":"10.0.0.3"}
            """,
        "fraud_alerts" => """
            {"alert_id":"a:RAPID_FIRE","rule":"RAPID_FIRE","customer_id":1,"transaction_id":"a","merchant_id":"m","merchant_category":"books",
             "amount":3,"event_time":"2026-11-22T00:00:00.000Z","detected_at":"2026-11-22T00:00:00.000Z","severity":"MEDIUM","details":{}}
            """,
        "enriched_activity" => """
            {"activity_id":1,"customer_id":2,"activity_type":"web_open","propensity_to_churn":0.1,"ip_address":"10.0.0.4","churn_score":0.03,
             "event_time":"2026-11-22T00:00:00.000Z"}
            """,
        "dead_letters" => """
            {"source_topic":"customer-activity","partition":0,"offset":5,"error":"missing required field \"activity_id\"","failed_at":"2026-11-22T01:02:03.004Z"}
            """,
        _ => Full(dataset),
    };

    /// <summary>The Kafka timestamp the samples pass (dead letters' event time, activities' fallback).</summary>
    public static DateTimeOffset RecordTimestamp { get; } = new(2026, 11, 22, 9, 30, 0, 250, TimeSpan.Zero);

    /// <summary>A row of <paramref name="json"/>.</summary>
    public static LakeRow Row(LakeDataset dataset, string json, int partition = 3, long offset = 100, bool duplicate = false) =>
        LakeRow.FromJson(dataset, Encoding.UTF8.GetBytes(json), partition, offset, duplicate, RecordTimestamp);
}
