namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>
/// Compares a node's loan outputs with <see cref="NaiveLoanOracle"/>, by deterministic id: every expected record present
/// with equal fields, nothing unexpected, copies of one id identical (at-least-once), keys as docs/design.md §5 says and
/// each record in its key's murmur2 partition. Doubles of formulas are compared with a relative tolerance (dti, lti
/// 1e-12; rates and averages 1e-9), the rounded risk_score within 1e-9, everything else exactly.
/// </summary>
public static class LoanOutputComparer
{
    public const double RatioTolerance = 1e-12;
    public const double ScoreTolerance = 1e-9;
    public const double AverageTolerance = 1e-9;

    /// <summary>Compares the five loan topics and the dead letters of <c>loan-applications</c>.</summary>
    public static ComparisonReport Compare(LoanExpectations expected, LoanOutputTopics outputs, int partitions)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(outputs);
        var report = new ComparisonReport();

        OutputComparer.CompareById(
            report.Topic(outputs.Risk.Topic, $"expected {expected.Risk.Count} risk records"),
            outputs.Risk, partitions, "application_id", [],
            expected.Risk.ToDictionary(p => p.Key, p => (Expected: p.Value, Optional: false), StringComparer.Ordinal),
            json => OutputComparer.Text(json, "customer_id"),
            (check, risk) =>
            {
                check.Long("customer_id", risk.CustomerId);
                check.String("channel", risk.Channel);
                check.String("product", risk.Product);
                check.RelativeDouble("dti", risk.Dti, RatioTolerance);
                check.RelativeDouble("lti", risk.Lti, RatioTolerance);
                check.Double("risk_score", risk.RiskScore, ScoreTolerance);
                check.String("risk_level", risk.RiskLevel);
                check.StringArray("reasons", risk.Reasons);
                check.String("event_time", risk.EventTime);
            });

        OutputComparer.CompareById(
            report.Topic(outputs.FraudAlerts.Topic, $"expected {expected.FraudAlerts.Count} alerts"),
            outputs.FraudAlerts, partitions, "alert_id", ["detected_at"],
            expected.FraudAlerts.ToDictionary(p => p.Key, p => (Expected: p.Value, Optional: false), StringComparer.Ordinal),
            json => OutputComparer.Text(json, "customer_id"),
            (check, alert) =>
            {
                check.String("rule", alert.Rule);
                check.String("application_id", alert.ApplicationId);
                check.Long("customer_id", alert.CustomerId);
                check.String("device_id", alert.DeviceId);
                check.String("channel", alert.Channel);
                check.Decimal("loan_amount", alert.LoanAmount);
                check.String("event_time", alert.EventTime);
                check.Instant("detected_at");
                check.String("severity", alert.Severity);
                check.Within("details", details =>
                {
                    foreach (var (name, value) in alert.Details)
                    {
                        details.Double(name, value, 0);
                    }

                    details.NoFieldsBut([.. alert.Details.Keys]);
                });
            });

        OutputComparer.CompareById(
            report.Topic(outputs.Stats.Topic, $"expected {expected.Stats.Count} windows"),
            outputs.Stats, partitions, "metric_id", [],
            expected.Stats.ToDictionary(p => p.Key, p => (Expected: p.Value, Optional: false), StringComparer.Ordinal),
            json => OutputComparer.Text(json, "channel"),
            (check, stats) =>
            {
                check.String("channel", stats.Channel);
                check.String("window_start", stats.WindowStart);
                check.String("window_end", stats.WindowEnd);
                check.Long("applications", stats.Applications);
                check.Long("approved", stats.Approved);
                check.Long("rejected", stats.Rejected);
                check.Long("pending", stats.Pending);
                check.RelativeDouble("approval_rate", stats.ApprovalRate, AverageTolerance);
                check.RelativeDouble("avg_loan_amount", (double)stats.AvgLoanAmount, AverageTolerance);
                check.RelativeDouble("avg_processing_time_s", (double)stats.AvgProcessingTimeS, AverageTolerance);
            });

        OutputComparer.CompareById(
            report.Topic(outputs.Segments.Topic, $"expected {expected.Segments.Count} windows"),
            outputs.Segments, partitions, "metric_id", [],
            expected.Segments.ToDictionary(p => p.Key, p => (Expected: p.Value, Optional: false), StringComparer.Ordinal),
            json => OutputComparer.Text(json, "segment"),
            (check, segment) =>
            {
                check.String("segment", segment.Segment);
                check.String("window_start", segment.WindowStart);
                check.String("window_end", segment.WindowEnd);
                check.Long("applications", segment.Applications);
                check.RelativeDouble("avg_credit_score", (double)segment.AvgCreditScore, AverageTolerance);
                check.RelativeDouble("avg_loan_amount", (double)segment.AvgLoanAmount, AverageTolerance);
                check.Within("products", products =>
                {
                    products.Long("personal", segment.Products.Personal);
                    products.Long("auto", segment.Products.Auto);
                    products.Long("mortgage", segment.Products.Mortgage);
                    products.Long("student", segment.Products.Student);
                    products.Long("business", segment.Products.Business);
                });
            });

        OutputComparer.CompareById(
            report.Topic(outputs.Channels.Topic, $"expected {expected.Channels.Count} windows"),
            outputs.Channels, partitions, "metric_id", [],
            expected.Channels.ToDictionary(p => p.Key, p => (Expected: p.Value, Optional: false), StringComparer.Ordinal),
            json => OutputComparer.Text(json, "channel"),
            (check, channel) =>
            {
                check.String("channel", channel.Channel);
                check.String("window_start", channel.WindowStart);
                check.String("window_end", channel.WindowEnd);
                check.Long("applications", channel.Applications);
                check.RelativeDouble("conversion_rate", channel.ConversionRate, AverageTolerance);
                check.RelativeDouble("avg_application_duration_s", (double)channel.AvgApplicationDurationS, AverageTolerance);
                check.RelativeDouble("identity_failure_rate", channel.IdentityFailureRate, AverageTolerance);
                check.RelativeDouble("fraud_alert_rate", channel.FraudAlertRate, AverageTolerance);
            });

        OutputComparer.CompareById(
            report.Topic(outputs.DeadLetters.Topic, $"expected {expected.DeadLetters.Count} dead letters"),
            outputs.DeadLetters, partitions, "source_topic+partition+offset", ["failed_at"],
            expected.DeadLetters.ToDictionary(p => p.Key, p => (Expected: p.Value, Optional: false), StringComparer.Ordinal),
            json => OutputComparer.Text(json, "key"),
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

        return report;
    }
}
