using System.Text;
using ActorStreams.Node.Dashboard;

namespace ActorStreams.Node.Tests.Dashboard;

[Trait("Category", "Unit")]
public sealed class DashboardStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FraudAlerts_SameAlertTwice_CountedOncePerRuleMinuteAndCategory()
    {
        var state = new DashboardState(TimeSpan.FromMinutes(30), 100);
        state.ApplyFraudAlert(Fraud("t1:HIGH_AMOUNT", "HIGH_AMOUNT", "travel", "2026-12-07T09:58:10Z"));
        state.ApplyFraudAlert(Fraud("t1:HIGH_AMOUNT", "HIGH_AMOUNT", "travel", "2026-12-07T09:58:10Z"));
        state.ApplyFraudAlert(Fraud("t2:RAPID_FIRE", "RAPID_FIRE", "travel", "2026-12-07T09:59:30Z"));
        state.ApplyFraudAlert(Fraud("t3:RAPID_FIRE", "RAPID_FIRE", "grocery", "2026-12-07T09:59:40Z"));

        var snapshot = Snapshot(state);

        Assert.Equal(3, snapshot.Totals.FraudAlerts);
        Assert.Equal([Minute(9, 58), Minute(9, 59)], snapshot.AlertsByRule.Minutes);
        Assert.Equal([1L, 0L], snapshot.AlertsByRule.Rules.Single(r => r.Rule == "HIGH_AMOUNT").Counts);
        Assert.Equal([0L, 2L], snapshot.AlertsByRule.Rules.Single(r => r.Rule == "RAPID_FIRE").Counts);
        Assert.Equal(2, snapshot.Categories.Single(c => c.Category == "travel").FraudAlerts);
        Assert.Equal(1, snapshot.Categories.Single(c => c.Category == "grocery").FraudAlerts);
        Assert.Equal(["t3:RAPID_FIRE", "t2:RAPID_FIRE", "t1:HIGH_AMOUNT"], snapshot.LatestAlerts.Select(a => a.AlertId));
    }

    [Fact]
    public void MerchantMetrics_WindowsOfSeveralMerchants_SumPerMinuteAndAverageAmountPerCategory()
    {
        var state = new DashboardState(TimeSpan.FromMinutes(30), 100);
        state.ApplyMerchantMetric(Metric("m1", "travel", Minute(9, 58), count: 2, total: 300));
        state.ApplyMerchantMetric(Metric("m2", "travel", Minute(9, 58), count: 1, total: 60));
        state.ApplyMerchantMetric(Metric("m3", "grocery", Minute(9, 59), count: 4, total: 40));
        // Emitted again after a replay: replaces, never adds.
        state.ApplyMerchantMetric(Metric("m3", "grocery", Minute(9, 59), count: 4, total: 40));

        var snapshot = Snapshot(state);

        Assert.Equal([new MinuteCount(Minute(9, 58), 3), new MinuteCount(Minute(9, 59), 4)], snapshot.TransactionsPerMinute);
        Assert.Equal(120, snapshot.Categories.Single(c => c.Category == "travel").AvgAmount);
        Assert.Equal(10, snapshot.Categories.Single(c => c.Category == "grocery").AvgAmount);
        Assert.Equal(3, snapshot.Totals.MerchantWindows);
    }

    [Fact]
    public void Windows_EventsOlderThanTheWindowBeforeTheNewest_AreDropped()
    {
        var state = new DashboardState(TimeSpan.FromMinutes(5), 100);
        state.ApplyMerchantMetric(Metric("m1", "travel", Minute(9, 50), count: 1, total: 10));
        state.ApplyMerchantMetric(Metric("m1", "travel", Minute(9, 58), count: 2, total: 10));
        state.ApplyMerchantMetric(Metric("m1", "travel", Minute(9, 52), count: 3, total: 10));

        var snapshot = Snapshot(state);

        Assert.Equal([new MinuteCount(Minute(9, 58), 2)], snapshot.TransactionsPerMinute);
    }

    [Fact]
    public void EnrichedActivity_ReEmittedWithDetails_ReplacesTheActivityAndAddsTheCustomer()
    {
        var state = new DashboardState(TimeSpan.FromMinutes(30), 100);
        state.ApplyEnrichedActivity(Activity(1, customer: 7, "login", churn: 0.2, details: null));
        state.ApplyEnrichedActivity(Activity(1, customer: 7, "login", churn: 0.2, details: ("F", 90_000, 700, 3)));
        state.ApplyEnrichedActivity(Activity(2, customer: 8, "login", churn: 0.6, details: ("M", 50_000, 600, 5)));
        state.ApplyEnrichedActivity(Activity(3, customer: 8, "payment", churn: 0.9, details: ("M", 50_000, 600, 5)));

        var snapshot = Snapshot(state);

        var login = snapshot.ActivityTypes.Single(t => t.ActivityType == "login");
        Assert.Equal(2, login.Activities);
        Assert.Equal(0.4, login.AvgChurnScore, 6);
        Assert.Equal(3, snapshot.Totals.EnrichedActivities);
        Assert.Equal(2, snapshot.Insurance.Customers);
        Assert.Equal(650, snapshot.Insurance.AvgFico);
        Assert.Equal(4, snapshot.Insurance.AvgYearsActive);
        Assert.Equal([new GenderRow("F", 1, 90_000), new GenderRow("M", 1, 50_000)], snapshot.Insurance.Genders);
        Assert.Equal([7L, 8L], snapshot.Insurance.TopCustomers.Select(c => c.CustomerId));
        Assert.Equal("Ann Lee", snapshot.Insurance.TopCustomers[0].Name);
    }

    [Fact]
    public void PerRecordTables_BeyondMaxRecords_TheOldestLeavesAndItsShareIsTakenOut()
    {
        var state = new DashboardState(TimeSpan.FromMinutes(30), 2);
        state.ApplyEnrichedActivity(Activity(1, customer: 1, "login", churn: 1.0, details: ("F", 10, 500, 1)));
        state.ApplyEnrichedActivity(Activity(2, customer: 2, "login", churn: 0.5, details: ("F", 20, 600, 1)));
        state.ApplyEnrichedActivity(Activity(3, customer: 3, "login", churn: 0.1, details: ("M", 30, 700, 1)));

        var snapshot = Snapshot(state);

        Assert.Equal(0.3, snapshot.ActivityTypes.Single().AvgChurnScore, 6);
        Assert.Equal(2, snapshot.Insurance.Customers);
        Assert.Equal(650, snapshot.Insurance.AvgFico);
        Assert.Equal([3L, 2L], snapshot.Insurance.TopCustomers.Select(c => c.CustomerId));
    }

    [Fact]
    public void Loans_StatsAndRiskLevels_GiveApprovalRateAndLevelsPerChannel()
    {
        var state = new DashboardState(TimeSpan.FromMinutes(30), 100);
        state.ApplyLoanStats(Json($$"""{"metric_id":"web:a","channel":"web","window_start":"2026-12-07T09:58:00Z","applications":4,"approved":1}"""));
        state.ApplyLoanStats(Json($$"""{"metric_id":"web:b","channel":"web","window_start":"2026-12-07T09:59:00Z","applications":6,"approved":4}"""));
        state.ApplyLoanRisk(Json("""{"application_id":"a1","channel":"web","risk_level":"high"}"""));
        state.ApplyLoanRisk(Json("""{"application_id":"a2","channel":"web","risk_level":"low"}"""));
        state.ApplyLoanRisk(Json("""{"application_id":"a2","channel":"web","risk_level":"low"}"""));
        state.ApplyLoanRisk(Json("""{"application_id":"a3","channel":"branch","risk_level":"low"}"""));

        var snapshot = Snapshot(state);

        var web = snapshot.LoanChannels.Single(c => c.Channel == "web");
        Assert.Equal(10, web.Applications);
        Assert.Equal(0.5, web.ApprovalRate);
        Assert.Equal(new Dictionary<string, long> { ["high"] = 1, ["low"] = 1 }, web.RiskLevels);
        Assert.Equal(new Dictionary<string, long> { ["low"] = 1 }, snapshot.LoanChannels.Single(c => c.Channel == "branch").RiskLevels);
        Assert.Equal(3, snapshot.Totals.LoanApplications);
    }

    [Fact]
    public void LatestAlerts_MoreThanTheTableHolds_KeepsTheNewestByDetectionTime()
    {
        var state = new DashboardState(TimeSpan.FromMinutes(30), 100);
        for (var i = 0; i < 40; i++)
        {
            state.ApplyChurnAlert(Json($$"""{"alert_id":"{{i}}:CHURN_RISK","customer_id":{{i}},"activity_type":"login","score":0.8,"event_time":"2026-12-07T09:59:00Z","detected_at":"2026-12-07T09:59:{{i % 60:00}}Z"}"""));
        }

        var snapshot = Snapshot(state);

        Assert.Equal(25, snapshot.LatestAlerts.Count);
        Assert.Equal("39:CHURN_RISK", snapshot.LatestAlerts[0].AlertId);
        Assert.Equal("15:CHURN_RISK", snapshot.LatestAlerts[^1].AlertId);
        Assert.Equal(40, snapshot.ActivityTypes.Single().ChurnAlerts);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"rule":"HIGH_AMOUNT"}""")]
    public void FraudAlerts_Unreadable_CountedAndIgnored(string value)
    {
        var state = new DashboardState(TimeSpan.FromMinutes(30), 100);

        state.ApplyFraudAlert(Json(value));

        var snapshot = Snapshot(state);
        Assert.Equal(1, snapshot.Totals.UnreadableRecords);
        Assert.Equal(0, snapshot.Totals.FraudAlerts);
    }

    private static DashboardSnapshot Snapshot(DashboardState state) => state.Snapshot(Now, "node-1", 1, []);

    private static DateTimeOffset Minute(int hour, int minute) => new(2026, 12, 7, hour, minute, 0, TimeSpan.Zero);

    private static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    private static byte[] Fraud(string id, string rule, string category, string eventTime) =>
        Json($$"""{"alert_id":"{{id}}","rule":"{{rule}}","customer_id":1,"merchant_category":"{{category}}","amount":12.5,"event_time":"{{eventTime}}","detected_at":"{{eventTime}}"}""");

    private static byte[] Metric(string merchant, string category, DateTimeOffset start, long count, double total) =>
        Json($$"""{"metric_id":"{{merchant}}:{{start:O}}","merchant_id":"{{merchant}}","merchant_category":"{{category}}","window_start":"{{start:O}}","tx_count":{{count}},"total_amount":{{total}}}""");

    private static byte[] Activity(long id, long customer, string type, double churn, (string Gender, long Income, int Fico, int Years)? details) =>
        Json(details is { } d
            ? $$"""{"activity_id":{{id}},"customer_id":{{customer}},"activity_type":"{{type}}","churn_score":{{churn}},"first_name":"Ann","last_name":"Lee","gender":"{{d.Gender}}","income":{{d.Income}},"fico":{{d.Fico}},"years_active":{{d.Years}}}"""
            : $$"""{"activity_id":{{id}},"customer_id":{{customer}},"activity_type":"{{type}}","churn_score":{{churn}},"first_name":null,"income":null}""");
}
