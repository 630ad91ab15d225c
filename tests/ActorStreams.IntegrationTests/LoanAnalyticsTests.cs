using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ActorStreams.Generator;
using ActorStreams.IntegrationTests.Oracle;
using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests;

/// <summary>
/// The loan analytics end to end: one node on the dev broker with the generator's <c>loan-applications</c> dataset,
/// hand-made boundary cases and bad records, and its five loan outputs (and the dead letters) compared by id with the
/// independent oracle (<see cref="NaiveLoanOracle"/>) computed from the input topic as a plain consumer reads it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LoanAnalyticsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(240);
    private static readonly TimeSpan CompareTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long the output counts must stay unchanged, once complete, before the outputs are compared.</summary>
    private static readonly TimeSpan Stable = TimeSpan.FromSeconds(2);

    private static readonly string[] Rules =
        [NaiveLoanOracle.IdentityMismatch, NaiveLoanOracle.BotSpeed, NaiveLoanOracle.ApplicationBurst, NaiveLoanOracle.DeviceShared];

    [Fact]
    public async Task Node_PreloadedLoanApplicationsWithEdgeCasesAndBadRecords_EveryLoanOutputEqualsTheOracle()
    {
        var plan = LoanScenarios.Preloaded();

        // The input is preloaded before the node starts; once it is consumed every source turns idle (3 s) and the last
        // open windows are emitted, so every window is emitted exactly once with complete contents.
        await using var run = NodeRun.StartBroker(output,
        [
            new("actorstreams.kafka.partitions", LoanEdgeCases.Partitions.ToString(CultureInfo.InvariantCulture)),
            new("actorstreams.store.uri", "memory"),
            new("actorstreams.cluster.node-id", "it-loans"),
            new("actorstreams.merchant.idle-timeout", "3s"),
            new("actorstreams.metrics.log-interval", "0s"),
            new("actorstreams.http.port", "0"),
        ]);
        await run.ProduceAsync(plan.Phases[0]);

        var topics = run.Kafka.Topics;
        var input = run.Read(topics.LoanApplications);
        Assert.True(input.LostToRetention == 0, $"{input.Topic}: {input.LostToRetention} records lost to the dev broker's retention; size the input to fit");
        Assert.Equal(run.Produced(topics.LoanApplications), input.Records.Count);
        var clock = Stopwatch.StartNew();
        var expected = NaiveLoanOracle.Compute(input);
        run.Log($"loan oracle ({clock.ElapsedMilliseconds} ms): {expected}");

        // An input that exercised little would prove little.
        Assert.All(Rules, rule => Assert.Contains(expected.FraudAlerts.Values, a => a.Rule == rule));
        Assert.True(expected.Stats.Count >= 10, expected.ToString());
        Assert.True(expected.DeviceLate > 0 && expected.WindowLate > 0 && expected.BurstLate > 0, expected.ToString());

        await run.StartNodeAsync();
        var settled = await WaitUntilLoanOutputsSettledAsync(run, expected);
        var (outputs, report) = await CompareAsync(run, expected);

        var status = run.Node!.Status();
        var failures = new List<string>();
        if (!report.Equal)
        {
            failures.Add("loan outputs differ from the oracle:\n" + report);
        }

        foreach (var contents in outputs.All.Where(o => o.LostToRetention > 0))
        {
            failures.Add($"{contents.Topic}: {contents.LostToRetention} records lost to the dev broker's retention");
        }

        // What the node actually emitted exercised every rule and many windows.
        var fired = outputs.FraudAlerts.Records.Select(r => Field(r, "rule")).ToHashSet(StringComparer.Ordinal);
        failures.AddRange(Rules.Where(rule => !fired.Contains(rule)).Select(rule => $"no {rule} alert in {outputs.FraudAlerts.Topic}"));
        var windows = outputs.Stats.Records.Select(r => Field(r, "metric_id")).Distinct(StringComparer.Ordinal).Count();
        if (windows < 10)
        {
            failures.Add($"only {windows} windows in {outputs.Stats.Topic}");
        }

        void Counter(string name, long expectedValue, long actual)
        {
            if (expectedValue != actual)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"counter {name}: expected {expectedValue}, got {actual}"));
            }
        }

        Counter("dead letters", expected.DeadLetters.Count, status.DeadLetters);
        Counter("duplicates", expected.Duplicates, status.Duplicates);
        Counter("loan applications consumed (= processed + dead-lettered + duplicates)",
            status.EventsIn.GetValueOrDefault(GeneratorDatasets.LoanApplications), status.Processed + status.DeadLetters + status.Duplicates);
        Counter("records lost to retention", 0, status.RecordsLostToRetention);
        Counter("misrouted records", 0, status.MisroutedRecords);
        Assert.True(failures.Count == 0, string.Join("\n", failures) + $"\nsettled: {settled}\nnode: " + NodeRun.Describe(status));
    }

    /// <summary>
    /// Polls until the node has consumed every application with nothing in flight (and, when it counts them, every record
    /// of the loan repartition topic), each loan output topic and the dead letters hold at least as many records as the
    /// oracle expects ids, and those counts have stopped changing for <see cref="Stable"/>. Gives up (false) after
    /// <see cref="SettleTimeout"/>, or once the input is consumed and nothing has moved for <see cref="NodeRun.QuietLimit"/>
    /// (the node has done all it will do; the comparison then shows what is missing).
    /// </summary>
    private static async Task<bool> WaitUntilLoanOutputsSettledAsync(NodeRun run, LoanExpectations expected)
    {
        var node = run.Node!;
        var topics = run.Kafka.Topics;
        (string Topic, int Expected)[] outputs =
        [
            (topics.LoanRisk, expected.Risk.Count), (topics.LoanFraudAlerts, expected.FraudAlerts.Count), (topics.LoanStats, expected.Stats.Count),
            (topics.LoanSegments, expected.Segments.Count), (topics.LoanChannels, expected.Channels.Count), (topics.DeadLetter, expected.DeadLetters.Count),
        ];
        using var probe = new WatermarkProbe(run.Kafka.BootstrapServers);
        var unchanged = Stopwatch.StartNew();
        var last = string.Empty;
        var gaveUp = false;
        var settled = await Eventually.HoldsWithin(
            () =>
            {
                if (node.Faulted.IsFaulted)
                {
                    throw new InvalidOperationException($"the node faulted: {node.Faulted.Exception!.InnerException!.Message}", node.Faulted.Exception);
                }

                var status = node.Status();
                var repartitionIn = node.KafkaMetrics.EventsInByTopic.TryGetValue(topics.RepartitionLoans, out var read) ? read : (long?)null;
                var consumed = node.KafkaMetrics.EventsIn(topics.LoanApplications) >= run.Produced(topics.LoanApplications)
                    && status.InFlight == 0
                    && (repartitionIn is null || repartitionIn >= probe.Records(topics.RepartitionLoans, run.Partitions));
                var counts = outputs.Select(o => probe.Records(o.Topic, run.Partitions)).ToList();
                var now = string.Join(", ", outputs.Select((o, i) => $"{o.Topic} {counts[i]}/{o.Expected}")) + "; " + NodeRun.Describe(status);
                if (now != last)
                {
                    last = now;
                    unchanged.Restart();
                }

                var complete = outputs.Select((o, i) => counts[i] >= o.Expected).All(x => x);
                if (consumed && complete && unchanged.Elapsed >= Stable)
                {
                    return true;
                }

                gaveUp = consumed && unchanged.Elapsed > NodeRun.QuietLimit;
                return gaveUp;
            },
            SettleTimeout);
        settled &= !gaveUp;
        run.Log($"{(settled ? "settled" : gaveUp ? $"NOT settled, nothing moved for {NodeRun.QuietLimit.TotalSeconds} s" : $"NOT settled within {SettleTimeout.TotalSeconds} s")}: {last}");
        return settled;
    }

    /// <summary>Reads the loan outputs, again until they equal the oracle or <see cref="CompareTimeout"/> passes, and compares them.</summary>
    private static async Task<(LoanOutputTopics Outputs, ComparisonReport Report)> CompareAsync(NodeRun run, LoanExpectations expected)
    {
        var topics = run.Kafka.Topics;
        LoanOutputTopics? outputs = null;
        ComparisonReport? report = null;
        await Eventually.HoldsWithin(
            () =>
            {
                outputs = new LoanOutputTopics(
                    run.Read(topics.LoanRisk), run.Read(topics.LoanFraudAlerts), run.Read(topics.LoanStats),
                    run.Read(topics.LoanSegments), run.Read(topics.LoanChannels), run.Read(topics.DeadLetter));
                report = LoanOutputComparer.Compare(expected, outputs, run.Partitions);
                return report.Equal;
            },
            CompareTimeout);
        run.Log("comparison with the loan oracle:\n" + report);
        return (outputs!, report!);
    }

    private static string? Field(TopicRecord record, string name)
    {
        try
        {
            using var json = JsonDocument.Parse(record.Value ?? []);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
