using System.Text;
using ActorStreams.Generator;
using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.Kafka.Partitioning;

namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>
/// The loan oracle itself, on cases whose outcome was worked out by hand from docs/design.md §6 ("Loans"); rounding and
/// the risk figures were also checked against Python's <c>round(x, 1)</c> and the formula evaluated in Python floats.
/// A wrong oracle would otherwise make the end-to-end comparison agree with a wrong product.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LoanOracleTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(12.25, 12.2)] // a tie: to even
    [InlineData(4.75, 4.8)] // a tie: to even
    [InlineData(0.25, 0.2)]
    [InlineData(0.05, 0.1)] // 0.05000000000000000277 in binary: above the tie
    [InlineData(0.15, 0.1)] // 0.14999999999999999445: below
    [InlineData(0.35, 0.3)] // 0.34999999999999997780: below
    [InlineData(0.45, 0.5)] // 0.45000000000000001110: above
    [InlineData(0.95, 0.9)]
    [InlineData(11.35, 11.3)]
    [InlineData(16.35, 16.4)]
    [InlineData(33.35, 33.4)]
    [InlineData(99.95, 100.0)]
    [InlineData(2.675, 2.7)]
    [InlineData(1e-300, 0.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(7.0, 7.0)]
    [InlineData(100.0, 100.0)]
    [InlineData(50.000000666666665, 50.0)]
    public void RoundHalfEvenOneDecimal_AsPythonsRound_OnTheExactBinaryValue(double value, double python)
    {
        Assert.Equal(python, NaiveLoanOracle.RoundHalfEvenOneDecimal(value));
        Assert.Equal(-python, NaiveLoanOracle.RoundHalfEvenOneDecimal(-value));
    }

    [Fact]
    public void Compute_RiskCases_GiveTheHandComputedScoresLevelsAndReasons()
    {
        var expected = NaiveLoanOracle.Compute(Contents(Edges()));

        void Risk(string name, double dti, double lti, double score, string level, params string[] reasons)
        {
            var risk = expected.Risk[$"le-risk-{name}"];
            Assert.Equal((dti, lti, score, level), (risk.Dti, risk.Lti, risk.RiskScore, risk.RiskLevel));
            Assert.Equal(reasons, risk.Reasons);
        }

        Risk("min", 0, 1e-6, 0.0, "LOW", "lti");
        Risk("max", 12, 16.666666666666668, 100.0, "CRITICAL", "credit_score", "dti");
        Risk("cap", 0.6, 2.5, 60.0, "HIGH", "dti", "credit_score"); // dti exactly 0.6 gives the full 30; employment exactly 1 gives 0
        Risk("tie-down", 0.045, 2.5, 12.2, "LOW", "lti", "dti");
        Risk("tie-up", 0.075, 0.25, 4.8, "LOW", "dti", "lti");
        Risk("binary", 0.225, 0.025, 11.3, "LOW", "dti", "lti");
        Risk("equal", 0, 2.5, 20.0, "LOW", "lti", "employment_years");
        Risk("25", 0, 1.25, 25.0, "MEDIUM", "credit_score", "lti");
        Risk("24.9", 0, 1.225, 24.9, "LOW", "credit_score", "lti");
        Risk("75", 0.6, 1.25, 75.0, "CRITICAL", "credit_score", "dti");
        Risk("50", 0, 1.6666666666666668e-07, 50.0, "HIGH", "credit_score", "employment_years");

        // An ordinary application: 10.909… + 5.000… + 0.666… = 16.575…
        var ordinary = expected.Risk["le-id-0.3"];
        Assert.Equal((0.1, 16.6, "LOW"), (ordinary.Dti, ordinary.RiskScore, ordinary.RiskLevel));
        Assert.Equal(["credit_score", "dti"], ordinary.Reasons);
        Assert.Equal(Json.Iso(LoanEdgeCases.StartOf("rules", Start)), ordinary.EventTime);
        Assert.Equal(LoanEdgeCases.Applications(Start).Count - 1, expected.Risk.Count); // le-dup-1 twice: one duplicate
        Assert.Equal(1, expected.Duplicates);
        Assert.DoesNotContain(expected.FraudAlerts.Keys, k => k.StartsWith("le-dup-", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_EdgeCases_FireExactlyTheHandComputedAlerts()
    {
        var expected = NaiveLoanOracle.Compute(Contents(Edges()));

        string[] handComputed =
        [
            "le-id-0.29999:IDENTITY_MISMATCH", "le-id-0:IDENTITY_MISMATCH", "le-win-2:IDENTITY_MISMATCH",
            "le-bot-29.9:BOT_SPEED", "le-bot-0:BOT_SPEED", "le-win-3:BOT_SPEED",
            "le-b24-3:APPLICATION_BURST", "le-bo-4:APPLICATION_BURST", "le-bl-4:APPLICATION_BURST", "le-bb-3:APPLICATION_BURST", "le-bb-4:APPLICATION_BURST",
            "le-dsh-3:DEVICE_SHARED", "le-dss-4:DEVICE_SHARED", "le-dso-1:DEVICE_SHARED", "le-dsl-3:DEVICE_SHARED", "le-dsl-5:DEVICE_SHARED",
        ];
        Assert.Equal(handComputed.Order(StringComparer.Ordinal), expected.FraudAlerts.Keys.Order(StringComparer.Ordinal));

        // Burst counts: exactly 24 h back counts; the arrival order hides 20:00 from 16:00; the late one counts for nobody.
        Assert.Equal(3.0, expected.FraudAlerts["le-b24-3:APPLICATION_BURST"].Details["count"]);
        Assert.Equal(4.0, expected.FraudAlerts["le-bo-4:APPLICATION_BURST"].Details["count"]);
        Assert.Equal(3.0, expected.FraudAlerts["le-bl-4:APPLICATION_BURST"].Details["count"]);
        Assert.Equal(3.0, expected.FraudAlerts["le-bb-4:APPLICATION_BURST"].Details["count"]); // 0:00, 1:00 and itself; 10:00 is after it
        Assert.Equal(86_400.0, expected.FraudAlerts["le-bb-4:APPLICATION_BURST"].Details["window_seconds"]);

        // Devices: exactly 1 h back counts; a customer twice counts once; le-dsl-3 counts le-dsl-4, which arrived after it
        // (event time), but not the late le-dsl-2.
        Assert.Equal(3.0, expected.FraudAlerts["le-dsh-3:DEVICE_SHARED"].Details["distinct_customers"]);
        Assert.Equal(3.0, expected.FraudAlerts["le-dss-4:DEVICE_SHARED"].Details["distinct_customers"]);
        Assert.Equal(3.0, expected.FraudAlerts["le-dso-1:DEVICE_SHARED"].Details["distinct_customers"]);
        Assert.Equal(3.0, expected.FraudAlerts["le-dsl-3:DEVICE_SHARED"].Details["distinct_customers"]);
        Assert.Equal(4.0, expected.FraudAlerts["le-dsl-5:DEVICE_SHARED"].Details["distinct_customers"]);

        var identity = expected.FraudAlerts["le-id-0.29999:IDENTITY_MISMATCH"];
        Assert.Equal(("HIGH", "web", 10_000.00m), (identity.Severity, identity.Channel, identity.LoanAmount));
        Assert.Equal(new Dictionary<string, double> { ["identity_verification_score"] = 0.29999, ["threshold"] = 0.3 }, identity.Details);
        var bot = expected.FraudAlerts["le-bot-29.9:BOT_SPEED"];
        Assert.Equal(("MEDIUM", "dev-le-bot-29.9"), (bot.Severity, bot.DeviceId));
        Assert.Equal(new Dictionary<string, double> { ["application_duration_s"] = 29.9, ["threshold_s"] = 30 }, bot.Details);
        var device = expected.FraudAlerts["le-dsh-3:DEVICE_SHARED"];
        Assert.Equal(("HIGH", "dev-le-ds1h", Json.Iso(LoanEdgeCases.StartOf("ds-1h", Start).AddHours(1))), (device.Severity, device.DeviceId, device.EventTime));
        Assert.Equal(new Dictionary<string, double> { ["distinct_customers"] = 3, ["min_customers"] = 3, ["window_seconds"] = 3600 }, device.Details);
    }

    [Fact]
    public void Compute_EdgeCases_CountTheHandComputedLateApplications()
    {
        var expected = NaiveLoanOracle.Compute(Contents(Edges()));

        // APPLICATION_BURST: le-bl-3 (4:59.999 < 10:00 − 5 min); le-bb-4 at exactly 5:00 is not late.
        Assert.Equal(1, expected.BurstLate);

        // DEVICE_SHARED: at or before the carried watermark: le-bo-3, le-bl-3, le-bb-4 (behind their customer's own newer
        // application), le-dsl-2 (exactly at it), le-wl-2 and le-wl-3.
        Assert.Equal(6, expected.DeviceLate);

        // Windows (end at or before the carried watermark): le-bo-3, le-bl-3, le-bb-4, le-wl-2; le-dsl-2 and le-wl-3 are in windows.
        Assert.Equal(4, expected.WindowLate);
        var windowLate = LoanEdgeCases.StartOf("window-late", Start);
        Assert.False(expected.Stats.ContainsKey($"mobile:{Json.Iso(windowLate)}"));
        Assert.Equal(3, expected.Stats[$"mobile:{Json.Iso(windowLate.AddMinutes(1))}"].Applications);
        Assert.False(expected.Segments.ContainsKey($"near_prime:{Json.Iso(windowLate)}"));
        Assert.Equal(3, expected.Segments[$"near_prime:{Json.Iso(windowLate.AddMinutes(1))}"].Applications);
    }

    [Fact]
    public void Compute_WindowsAtMinuteBoundaries_GiveTheHandComputedAggregates()
    {
        var expected = NaiveLoanOracle.Compute(Contents(Edges()));
        var first = Json.Iso(LoanEdgeCases.StartOf("windows", Start));
        var second = Json.Iso(LoanEdgeCases.StartOf("windows", Start).AddMinutes(1));

        // le-win-1 (0:00), -5 (0:30) and -2 (0:59.999) in the first minute; -3 and -4 (1:00) in the second.
        Assert.Equal(
            new ExpectedLoanStats($"branch:{first}", "branch", first, second, 3, 2, 1, 0, 2.0 / 3, 3_000.31m / 3, 31.0m / 3),
            expected.Stats[$"branch:{first}"]);
        Assert.Equal(
            new ExpectedLoanChannel($"branch:{first}", "branch", first, second, 3, 2.0 / 3, 345.5m / 3, 1.0 / 3, 1.0 / 3),
            expected.Channels[$"branch:{first}"]);
        Assert.Equal(
            new ExpectedLoanSegment($"prime:{first}", "prime", first, second, 2, 785m, 500.055m, new LoanProductCounts(1, 1, 0, 0, 0)),
            expected.Segments[$"prime:{first}"]);
        Assert.Equal(
            new ExpectedLoanSegment($"near_prime:{first}", "near_prime", first, second, 1, 719m, 2_000.20m, new LoanProductCounts(0, 0, 1, 0, 0)),
            expected.Segments[$"near_prime:{first}"]);

        var third = Json.Iso(LoanEdgeCases.StartOf("windows", Start).AddMinutes(2));
        Assert.Equal(
            new ExpectedLoanStats($"branch:{second}", "branch", second, third, 1, 0, 0, 1, 0, 3_000.30m, 30.0m),
            expected.Stats[$"branch:{second}"]);
        Assert.Equal(
            new ExpectedLoanChannel($"branch:{second}", "branch", second, third, 1, 0, 29.0m, 0, 1),
            expected.Channels[$"branch:{second}"]);
        Assert.Equal(
            new ExpectedLoanStats($"partner:{second}", "partner", second, third, 1, 1, 0, 0, 1, 4_000.40m, 40.0m),
            expected.Stats[$"partner:{second}"]);
        Assert.Equal(
            new ExpectedLoanChannel($"partner:{second}", "partner", second, third, 1, 1, 400.0m, 0, 0),
            expected.Channels[$"partner:{second}"]);
        Assert.Equal(new LoanProductCounts(0, 0, 0, 1, 0), expected.Segments[$"near_prime:{second}"].Products);
        Assert.Equal((1, 659m), (expected.Segments[$"subprime:{second}"].Applications, expected.Segments[$"subprime:{second}"].AvgCreditScore));
        Assert.Equal(["branch", "partner"], expected.Stats.Values.Where(s => s.WindowStart == second).Select(s => s.Channel).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compute_BadRecords_AreDeadLettersAndMoveNoWatermark()
    {
        // Every bad record is stamped 400 days ahead; valid applications after them in the same partitions stay on time.
        var bad = BadLoanRecords.All(Start.AddDays(400));
        var good = LoanEdgeCases.Applications(Start).Select(a => a.ToRecord()).ToList();

        var expected = NaiveLoanOracle.Compute(Contents([.. bad, .. good]));

        Assert.Equal(bad.Count, expected.DeadLetters.Count);
        Assert.Equal(good.Count - expected.Duplicates, expected.Risk.Count);
        Assert.DoesNotContain(expected.Risk.Keys, id => id.StartsWith("bad-", StringComparison.Ordinal));
        Assert.Equal((1, 6, 4), (expected.BurstLate, expected.DeviceLate, expected.WindowLate));
        Assert.Contains(expected.DeadLetters.Values, d => d.ValueBase64 is not null && d.Value is null);
        Assert.Contains(expected.DeadLetters.Values, d => d.Key is null);
        Assert.Contains(expected.DeadLetters.Values, d => d.OracleReason.Contains("differs from customer_id", StringComparison.Ordinal));
        Assert.All(expected.DeadLetters.Values, d => Assert.Equal(GeneratorDatasets.LoanApplications, d.SourceTopic));
    }

    [Fact]
    public void Compute_GeneratedDataset_IsValidFiresEveryRuleAndHasManyWindows()
    {
        var expected = NaiveLoanOracle.Compute(Contents(LoanScenarios.Generated(applications: 3_000, customers: 3_000)));

        Assert.Empty(expected.DeadLetters);
        Assert.Equal(3_000, expected.Risk.Count);
        foreach (var rule in new[] { NaiveLoanOracle.IdentityMismatch, NaiveLoanOracle.BotSpeed, NaiveLoanOracle.ApplicationBurst, NaiveLoanOracle.DeviceShared })
        {
            Assert.True(expected.FraudAlerts.Values.Count(a => a.Rule == rule) >= 5, $"{rule} fires at least 5 times: {expected}");
        }

        Assert.True(expected.Stats.Count >= 10 && expected.Segments.Count >= 10 && expected.Channels.Count >= 10, expected.ToString());
        Assert.Contains(expected.Stats.Values, s => s.Applications >= 3);
        Assert.Equal(expected.Stats.Keys.Order(StringComparer.Ordinal), expected.Channels.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3_000 - expected.WindowLate, expected.Stats.Values.Sum(s => s.Applications));
        Assert.Equal(3_000 - expected.WindowLate, expected.Segments.Values.Sum(s => s.Applications));
    }

    private static List<PlannedRecord> Edges() => [.. LoanEdgeCases.Applications(Start).Select(a => a.ToRecord())];

    /// <summary>
    /// The records as a plain consumer would read them from <c>loan-applications</c> with <see cref="LoanEdgeCases.Partitions"/>
    /// partitions: each in its key's murmur2 partition (keyless ones in 0), in order.
    /// </summary>
    private static TopicContents Contents(IEnumerable<PlannedRecord> records)
    {
        var offsets = new long[LoanEdgeCases.Partitions];
        var read = new List<TopicRecord>();
        foreach (var record in records)
        {
            var partition = record.Key is null ? 0 : Murmur2Partitioner.Partition(Encoding.UTF8.GetString(record.Key), LoanEdgeCases.Partitions);
            read.Add(new TopicRecord(GeneratorDatasets.LoanApplications, partition, offsets[partition]++, record.Key, record.Value, Start.ToUnixTimeMilliseconds()));
        }

        return new TopicContents(GeneratorDatasets.LoanApplications, [.. read.OrderBy(r => r.Partition).ThenBy(r => r.Offset)], 0);
    }
}
