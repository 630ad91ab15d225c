using System.Text.Json;
using ActorStreams.Domain;

namespace ActorStreams.Churn.Tests;

/// <summary>The behaviour report (docs/design.md §6, Behaviour report) on the trained synthetic data set.</summary>
[Trait("Category", "Unit")]
[Collection(TrainedModelCollection.Name)]
public sealed class BehaviourReportTests(TrainedModelFixture fixture)
{
    [Fact]
    public void Build_WithTheModel_EveryCustomerInOneSegmentAndTheCountsOfTheFile()
    {
        var report = BehaviourReport.Build(fixture.Data.Path, fixture.Result.ModelPath, asOf: null);

        // An independent count over the file: first of each event_id, by type.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var byType = new Dictionary<string, int>(StringComparer.Ordinal);
        var customers = new HashSet<long>();
        foreach (var line in File.ReadLines(fixture.Data.Path))
        {
            var e = JsonDocument.Parse(line).RootElement;
            if (seen.Add(e.GetProperty("event_id").GetString()!))
            {
                var type = e.GetProperty("type").GetString()!;
                byType[type] = byType.GetValueOrDefault(type) + 1;
                customers.Add(e.GetProperty("customer_id").GetInt64());
            }
        }

        Assert.Equal(["high risk", "watch", "low risk", "lapsed", "never purchased"], report.Segments.Select(s => s.Name));
        Assert.Equal(customers.Count, report.Segments.Sum(s => s.Customers));
        Assert.True(report.Segments[0].Customers > 0, "no high-risk customer in a data set built to churn");
        foreach (var (type, count) in byType)
        {
            Assert.Contains($"| {type} events | {count:N0} |", report.Markdown, StringComparison.Ordinal);
        }

        foreach (var section in new[] { "## Data", "### Funnel", "## Quality findings", "## Churn model", "## Churn-risk segments", "## Recommended actions" })
        {
            Assert.Contains(section, report.Markdown, StringComparison.Ordinal);
        }

        Assert.Contains($"`{fixture.Result.Report.Chosen}` {fixture.Result.Report.ModelVersion}", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("- Win back the ", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithoutAModelAsOfAnEarlierInstant_SegmentsByRecencyAndLeavesLaterEventsOut()
    {
        var asOf = fixture.AsOf;

        var report = BehaviourReport.Build(fixture.Data.Path, modelPath: null, asOf);

        var later = File.ReadLines(fixture.Data.Path)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .DistinctBy(e => e.GetProperty("event_id").GetString())
            .Count(e => EventTime.FromDateTimeOffset(e.GetProperty("timestamp").GetDateTimeOffset()) > asOf);
        Assert.Equal(asOf, report.AsOf);
        Assert.Contains($"| events after the report's instant (left out) | {later:N0} |", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("no purchase in the last 30 days (no model: by recency)", report.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("## Churn model", report.Markdown, StringComparison.Ordinal);
    }
}
