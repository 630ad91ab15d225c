using System.Text.Json;

namespace ActorStreams.Entities.Codecs.Internal;

/// <summary>Pre-encoded property names of the output formats (docs/design.md §5): written without escaping checks.</summary>
internal static class JsonFieldNames
{
    public static readonly JsonEncodedText AlertId = JsonEncodedText.Encode("alert_id");

    public static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");

    public static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("customer_id");

    public static readonly JsonEncodedText TransactionId = JsonEncodedText.Encode("transaction_id");

    public static readonly JsonEncodedText MerchantId = JsonEncodedText.Encode("merchant_id");

    public static readonly JsonEncodedText MerchantCategory = JsonEncodedText.Encode("merchant_category");

    public static readonly JsonEncodedText Amount = JsonEncodedText.Encode("amount");

    public static readonly JsonEncodedText EventTime = JsonEncodedText.Encode("event_time");

    public static readonly JsonEncodedText DetectedAt = JsonEncodedText.Encode("detected_at");

    public static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");

    public static readonly JsonEncodedText Details = JsonEncodedText.Encode("details");

    public static readonly JsonEncodedText Threshold = JsonEncodedText.Encode("threshold");

    public static readonly JsonEncodedText Count = JsonEncodedText.Encode("count");

    public static readonly JsonEncodedText MinCount = JsonEncodedText.Encode("min_count");

    public static readonly JsonEncodedText Sum = JsonEncodedText.Encode("sum");

    public static readonly JsonEncodedText WindowSeconds = JsonEncodedText.Encode("window_seconds");

    public static readonly JsonEncodedText DistanceKm = JsonEncodedText.Encode("distance_km");

    public static readonly JsonEncodedText SpeedKmh = JsonEncodedText.Encode("speed_kmh");

    public static readonly JsonEncodedText ElapsedSeconds = JsonEncodedText.Encode("elapsed_seconds");

    public static readonly JsonEncodedText PreviousLatitude = JsonEncodedText.Encode("previous_latitude");

    public static readonly JsonEncodedText Location = JsonEncodedText.Encode("location");

    public static readonly JsonEncodedText Lat = JsonEncodedText.Encode("lat");

    public static readonly JsonEncodedText Lon = JsonEncodedText.Encode("lon");

    public static readonly JsonEncodedText PreviousLongitude = JsonEncodedText.Encode("previous_longitude");

    public static readonly JsonEncodedText KnownDeviceCount = JsonEncodedText.Encode("known_device_count");

    public static readonly JsonEncodedText Late = JsonEncodedText.Encode("late");

    public static readonly JsonEncodedText ActivityId = JsonEncodedText.Encode("activity_id");

    public static readonly JsonEncodedText ActivityType = JsonEncodedText.Encode("activity_type");

    public static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");

    public static readonly JsonEncodedText PreviousScore = JsonEncodedText.Encode("previous_score");

    public static readonly JsonEncodedText PropensityToChurn = JsonEncodedText.Encode("propensity_to_churn");

    public static readonly JsonEncodedText IpAddress = JsonEncodedText.Encode("ip_address");

    public static readonly JsonEncodedText OfferId = JsonEncodedText.Encode("offer_id");

    public static readonly JsonEncodedText OfferName = JsonEncodedText.Encode("offer_name");

    public static readonly JsonEncodedText OfferUrl = JsonEncodedText.Encode("offer_url");

    public static readonly JsonEncodedText FirstName = JsonEncodedText.Encode("first_name");

    public static readonly JsonEncodedText LastName = JsonEncodedText.Encode("last_name");

    public static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");

    public static readonly JsonEncodedText Gender = JsonEncodedText.Encode("gender");

    public static readonly JsonEncodedText Income = JsonEncodedText.Encode("income");

    public static readonly JsonEncodedText Fico = JsonEncodedText.Encode("fico");

    public static readonly JsonEncodedText YearsActive = JsonEncodedText.Encode("years_active");

    public static readonly JsonEncodedText ChurnScore = JsonEncodedText.Encode("churn_score");

    public static readonly JsonEncodedText RfmRecencyDays = JsonEncodedText.Encode("rfm_recency_days");

    public static readonly JsonEncodedText RfmFrequency30d = JsonEncodedText.Encode("rfm_frequency_30d");

    public static readonly JsonEncodedText RfmMonetary30d = JsonEncodedText.Encode("rfm_monetary_30d");

    public static readonly JsonEncodedText MetricId = JsonEncodedText.Encode("metric_id");

    public static readonly JsonEncodedText WindowStart = JsonEncodedText.Encode("window_start");

    public static readonly JsonEncodedText WindowEnd = JsonEncodedText.Encode("window_end");

    public static readonly JsonEncodedText TxCount = JsonEncodedText.Encode("tx_count");

    public static readonly JsonEncodedText TotalAmount = JsonEncodedText.Encode("total_amount");

    public static readonly JsonEncodedText AvgAmount = JsonEncodedText.Encode("avg_amount");

    public static readonly JsonEncodedText MaxAmount = JsonEncodedText.Encode("max_amount");

    public static readonly JsonEncodedText FraudAlertCount = JsonEncodedText.Encode("fraud_alert_count");

    public static readonly JsonEncodedText FraudLabeledCount = JsonEncodedText.Encode("fraud_labeled_count");

    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");

    public static readonly JsonEncodedText FraudAlerted = JsonEncodedText.Encode("fraud_alerted");

    public static readonly JsonEncodedText IsFraud = JsonEncodedText.Encode("is_fraud");

    public static readonly JsonEncodedText SourcePartition = JsonEncodedText.Encode("source_partition");

    public static readonly JsonEncodedText SourceOffset = JsonEncodedText.Encode("source_offset");

    public static readonly JsonEncodedText SourceWatermark = JsonEncodedText.Encode("source_watermark");

    public static readonly JsonEncodedText Watermark = JsonEncodedText.Encode("watermark");
}
