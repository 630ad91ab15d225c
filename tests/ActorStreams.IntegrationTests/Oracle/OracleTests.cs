using System.Globalization;
using ActorStreams.Generator;
using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;

namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>
/// The oracle itself, on the hand-made cases whose outcome was worked out by hand from docs/design.md §6: a wrong oracle
/// would otherwise make the end-to-end comparison agree with a wrong product.
/// </summary>
[Trait("Category", "Unit")]
public sealed class OracleTests
{
    private static readonly DateTimeOffset Base = new(2026, 11, 22, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_BoundaryTransactions_FiresExactlyTheHandComputedRules()
    {
        var transactions = Contents(GeneratorDatasets.Transactions, EdgeCases.Transactions(Base, TimeSpan.FromMinutes(15)).Select(t => t.Record));

        var expected = NaiveOracle.Compute(transactions, Empty(GeneratorDatasets.CustomerActivity), Empty(GeneratorDatasets.CustomerDetails), Empty(GeneratorDatasets.CustomerOffers));

        string[] handComputed =
        [
            "edge-hi-1:VELOCITY", "edge-hi-2:HIGH_AMOUNT", "edge-hi-2:VELOCITY", "edge-hi-3:VELOCITY",
            "edge-rf-3:RAPID_FIRE", "edge-rf-7:RAPID_FIRE",
            "edge-eq-3:RAPID_FIRE",
            "edge-ve-3:VELOCITY", "edge-ve-5:VELOCITY",
            "edge-la-4:HIGH_AMOUNT", "edge-la-4:NEW_DEVICE",
            "edge-tr-3:IMPOSSIBLE_TRAVEL", "edge-tr-4:IMPOSSIBLE_TRAVEL", "edge-tr-5:IMPOSSIBLE_TRAVEL", "edge-tr-7:IMPOSSIBLE_TRAVEL",
            "edge-sp-3:IMPOSSIBLE_TRAVEL",
            "edge-nd-11:NEW_DEVICE", "edge-nd-13:NEW_DEVICE", "edge-nd-14:NEW_DEVICE",
            "edge-du-3:RAPID_FIRE", "edge-du-4:HIGH_AMOUNT", "edge-du-4:VELOCITY",
        ];
        Assert.Equal(handComputed.Order(StringComparer.Ordinal), expected.FraudAlerts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, expected.CustomerLateTransactions); // edge-la-4, -5, -6 and -8; edge-la-3, exactly 300 s back, is not late
        Assert.Equal(4, expected.Duplicates); // edge-du-2 twice, edge-du-4 and edge-du-1 once each

        var alert = expected.FraudAlerts["edge-hi-2:HIGH_AMOUNT"];
        Assert.Equal(new ExpectedFraudAlert("edge-hi-2:HIGH_AMOUNT", "HIGH_AMOUNT", 900_001, "edge-hi-2", "edge-m1", EdgeCases.Category, 2000.01m, "2026-11-22T01:10:00.000Z"), alert);
    }

    [Fact]
    public void Compute_Duplicates_AreCountedInNoWindowButMoveTheWatermark()
    {
        PlannedRecord Tx(string id, int second, decimal amount) => PlannedRecord.Text(
            GeneratorDatasets.Transactions, "77", Json.Transaction(id, 77, Base.AddSeconds(second), amount, "dev-1", null, null, "m-dup", "shop", isFraud: false));
        var transactions = Contents(GeneratorDatasets.Transactions, [Tx("d-1", 0, 2500.00m), Tx("d-1", 0, 2500.00m), Tx("d-1", 600, 2500.00m), Tx("d-2", 30, 5.00m)]);

        var expected = NaiveOracle.Compute(transactions, Empty(GeneratorDatasets.CustomerActivity), Empty(GeneratorDatasets.CustomerDetails), Empty(GeneratorDatasets.CustomerOffers));

        // The copy at 0 s changes nothing; the copy stamped 600 s changes no state either, but its partition has seen it:
        // the watermark passes 01:01 and d-2 (01:00:30) is late for the merchant window.
        var window = Assert.Single(expected.Metrics.Values);
        Assert.Equal((1L, 2500.00m, 1L), (window.TxCount, window.TotalAmount, window.FraudAlertCount));
        Assert.Equal(2, expected.Duplicates);
        Assert.Equal(1, expected.MerchantLateTransactions);
        Assert.Equal(["d-1:HIGH_AMOUNT", "d-1:VELOCITY"], expected.FraudAlerts.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compute_ChurnCrossings_RequiresClearCrossingsAndToleratesThresholdTies()
    {
        var activities = Contents(GeneratorDatasets.CustomerActivity, EdgeCases.Activities(Base).Select(t => t.Record));

        var expected = NaiveOracle.Compute(Empty(GeneratorDatasets.Transactions), activities, Empty(GeneratorDatasets.CustomerDetails), Empty(GeneratorDatasets.CustomerOffers));

        Assert.Equal(["990003:CHURN_RISK", "990011:CHURN_RISK"], expected.ChurnAlerts.Values.Where(a => !a.Optional).Select(a => a.AlertId).Order(StringComparer.Ordinal));
        Assert.Equal(2, expected.Duplicates); // the retries of 990003 and 990011: each scored once
        Assert.Equal(["990021:CHURN_RISK", "990022:CHURN_RISK", "990023:CHURN_RISK"], expected.ChurnAlerts.Values.Where(a => a.Optional).Select(a => a.AlertId).Order(StringComparer.Ordinal));
        var crossing = expected.ChurnAlerts["990003:CHURN_RISK"];
        Assert.Equal(0.719, crossing.Score, 1e-12);
        Assert.Equal(0.62, crossing.PreviousScore, 1e-12);
        Assert.Equal("2026-11-22T01:00:20.000Z", crossing.EventTime.Exact);
        Assert.Null(expected.ChurnAlerts["990011:CHURN_RISK"].EventTime.Exact);
        Assert.Equal(0.0, expected.ChurnAlerts["990011:CHURN_RISK"].PreviousScore);

        var enriched = expected.Enriched[990_001];
        Assert.Equal(99, enriched.OfferId);
        Assert.Null(enriched.OfferName);
        Assert.Null(enriched.Details);
        Assert.Equal(0.5, enriched.ChurnScore);
        Assert.Null(expected.Enriched[990_005].OfferId);
    }

    [Fact]
    public void Compute_DetailsAndOffers_JoinsTheLatestValidRecordAndHonoursTombstones()
    {
        var details = Contents(GeneratorDatasets.CustomerDetails,
        [
            Details(1, "Ada", 100), Details(2, "Bob", 200), Details(1, "Ada", 101),
            PlannedRecord.Text(GeneratorDatasets.CustomerDetails, "2", null),
            PlannedRecord.Text(GeneratorDatasets.CustomerDetails, "1", """{"customer_id": 1, "first_name": "Bad", "last_name": "X", "email": "x", "gender": "F", "income": "many", "fico": 1, "years_active": 1}"""),
        ]);
        var offers = Contents(GeneratorDatasets.CustomerOffers,
        [
            PlannedRecord.Text(GeneratorDatasets.CustomerOffers, "1", """{"offer_id": 1, "offer_name": "one", "offer_url": "http://one"}"""),
            PlannedRecord.Text(GeneratorDatasets.CustomerOffers, "1", """{"offer_id": 1, "offer_name": "one-v2", "offer_url": "http://one"}"""),
        ]);
        var activities = Contents(GeneratorDatasets.CustomerActivity,
        [
            PlannedRecord.Text(GeneratorDatasets.CustomerActivity, "1", Json.Activity(10, 1, "web_open", 0.2, 1, Base)),
            PlannedRecord.Text(GeneratorDatasets.CustomerActivity, "2", Json.Activity(11, 2, "web_open", 0.2, 1, Base)),
        ]);

        var expected = NaiveOracle.Compute(Empty(GeneratorDatasets.Transactions), activities, details, offers);

        Assert.Equal(101, expected.Enriched[10].Details!.Income);
        Assert.Equal("one-v2", expected.Enriched[10].OfferName);
        Assert.Null(expected.Enriched[11].Details);
        Assert.Single(expected.DeadLetters);
    }

    [Fact]
    public void Compute_BadRecords_AreAllDeadLetters()
    {
        var bad = BadRecords.Customer().Concat(BadRecords.Offer()).ToList();
        var contents = bad.GroupBy(r => r.Topic).ToDictionary(g => g.Key, g => Contents(g.Key, g));

        var expected = NaiveOracle.Compute(
            contents[GeneratorDatasets.Transactions], contents[GeneratorDatasets.CustomerActivity], contents[GeneratorDatasets.CustomerDetails], contents[GeneratorDatasets.CustomerOffers]);

        Assert.Equal(bad.Count, expected.DeadLetters.Count);
        Assert.Empty(expected.FraudAlerts);
        Assert.Empty(expected.Enriched);
        Assert.Contains(expected.DeadLetters.Values, d => d.ValueBase64 is not null && d.Value is null);
        Assert.Contains(expected.DeadLetters.Values, d => d.Key is null);
    }

    [Fact]
    public void Compute_GeneratedInput_IsAllValid()
    {
        var plan = Scenarios.Preloaded(transactions: 2_000, customers: 100, activities: 300);
        var good = plan.All.Where(r => !BadRecords.Customer().Concat(BadRecords.Offer()).Any(b => b.Value is not null && r.Value is not null && b.Value.AsSpan().SequenceEqual(r.Value))).ToList();
        var contents = good.GroupBy(r => r.Topic).ToDictionary(g => g.Key, g => Contents(g.Key, g));

        var expected = NaiveOracle.Compute(
            contents[GeneratorDatasets.Transactions], contents[GeneratorDatasets.CustomerActivity], contents[GeneratorDatasets.CustomerDetails], contents[GeneratorDatasets.CustomerOffers]);

        Assert.Empty(expected.DeadLetters);
        Assert.Contains(expected.FraudAlerts.Values, a => a.Rule == "RAPID_FIRE");
        Assert.NotEmpty(expected.Metrics);
    }

    [Fact]
    public void Compute_MerchantWindows_LateWhenTheWindowEndedBeforeThePartitionWatermark()
    {
        var minute = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        PlannedRecord Tx(string id, double seconds, decimal amount, long customer = 1) => PlannedRecord.Text(
            GeneratorDatasets.Transactions, customer.ToString(CultureInfo.InvariantCulture),
            Json.Transaction(id, customer, minute.AddSeconds(seconds), amount, "d", null, null, "shop", "cat", isFraud: id == "c"));
        var transactions = Contents(GeneratorDatasets.Transactions, [Tx("a", 30, 1m), Tx("b", 80, 2m), Tx("c", 50, 4m), Tx("d", 65, 8m), Tx("e", 70, 16m, customer: 2)]);

        var expected = NaiveOracle.Compute(transactions, Empty(GeneratorDatasets.CustomerActivity), Empty(GeneratorDatasets.CustomerDetails), Empty(GeneratorDatasets.CustomerOffers));

        // After b (01:20) the watermark of the partition is 01:10: the window ending at 01:00 is closed, c is late.
        Assert.Equal(1, expected.MerchantLateTransactions);
        var first = expected.Metrics["shop:2026-11-22T00:00:00.000Z"];
        Assert.Equal((1, 1m, 0), (first.TxCount, first.TotalAmount, first.FraudLabeledCount));
        var second = expected.Metrics["shop:2026-11-22T00:01:00.000Z"];
        Assert.Equal((3, 26m, 16m, "2026-11-22T00:02:00.000Z"), (second.TxCount, second.TotalAmount, second.MaxAmount, second.WindowEnd));
    }

    private static PlannedRecord Details(long customer, string name, long income) => PlannedRecord.Text(
        GeneratorDatasets.CustomerDetails, customer.ToString(CultureInfo.InvariantCulture),
        $$"""{"customer_id": {{customer}}, "first_name": "{{name}}", "last_name": "L", "email": "e@example.com", "gender": "F", "income": {{income}}, "fico": 700, "years_active": 3}""");

    /// <summary>Records as if read from partition 0 of <paramref name="topic"/>, in order, one millisecond apart.</summary>
    private static TopicContents Contents(string topic, IEnumerable<PlannedRecord> records) =>
        new(topic, [.. records.Select((r, i) => new TopicRecord(topic, 0, i, r.Key, r.Value, Base.ToUnixTimeMilliseconds() + i))], 0);

    private static TopicContents Empty(string topic) => new(topic, [], 0);
}
