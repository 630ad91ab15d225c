using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorStreams.Churn;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Generator;
using ActorStreams.Node.Tests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Behaviour;

/// <summary>
/// The churn model online (docs/design.md §6, Churn model online): a node with <c>actorstreams.churn.model</c> scores
/// customers at each session end and purchase, and its CHURN_MODEL alerts are exactly those an offline replay of the same
/// events with the same model gives, score for score; its churn-segments count the scored customers by the band of their
/// last score in each window, as the same replay does (docs/design.md §6, Funnel and segments); replacing the model file
/// swaps the model without a restart.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ChurnModelNodeTests(ITestOutputHelper output) : ClusterTest(output), IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Gap = TimeSpan.FromMinutes(30);
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("actorstreams-churn-model-");

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public async Task Node_WithAModel_AlertsEqualAnOfflineReplayAndAReplacedModelIsLoaded()
    {
        var events = Path.Combine(_home.FullName, "events.jsonl");
        await GenerateAsync(events);
        var first = Train(events, "first", seed: 7);
        var second = Train(events, "second", seed: 8);
        Assert.NotEqual(ChurnModel.Load(first).Version, ChurnModel.Load(second).Version);
        var live = Path.Combine(_home.FullName, "live", "churn.zip");
        Copy(first, live);

        // The segment windows close once every customer partition has waited for input this long: 3 s, not 10 s (1 s can declare a
        // partition idle while a loaded machine still fetches its backlog, whose later events are then late).
        var cluster = CreateCluster(
            ("actorstreams.churn.model", live), ("actorstreams.churn.model-check-interval", "200ms"), ("actorstreams.merchant.idle-timeout", "3s"));
        var lines = await File.ReadAllLinesAsync(events);
        var records = lines.Select(line => (CustomerOf(line), line)).ToList();
        // Produced before the node starts, so that no partition waits for input, and so none turns idle, before its backlog is done.
        await cluster.ProduceAsync(cluster.Kafka.Topics.CustomerEvents, records);
        var node = await cluster.StartNodeAsync("node-1");
        await Eventually.Until(
            () => node.KafkaMetrics.EventsIn(cluster.Kafka.Topics.CustomerEvents) >= records.Count && node.Status().InFlight == 0,
            Timeout,
            "the node consumes every customer event");

        // The offline replay: each customer's events in order, first of each id, scored where the node scores.
        var scores = new List<(long Customer, EventTime Time, string EventId, float Score)>();
        var expected = Replay(lines, ChurnModel.Load(first), scores);
        Assert.True(expected.Count > 0, "the replay gives no alert: the test proves nothing");
        var alerts = cluster.ReadTopic(cluster.Kafka.Topics.ChurnAlerts)
            .Select(r => JsonDocument.Parse(r.Value).RootElement)
            .Where(a => a.GetProperty("rule").GetString() == ChurnModelAlert.RuleName)
            .ToDictionary(a => a.GetProperty("alert_id").GetString()!, a => a.Clone());
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), alerts.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, (expectedScore, previous, time)) in expected)
        {
            var alert = alerts[id];
            Assert.Equal((expectedScore, previous, time), (alert.GetProperty("model_score").GetSingle(), alert.GetProperty("previous_score").GetSingle(), alert.GetProperty("event_time").GetString()));
            Assert.Equal(ChurnModel.Load(first).Version, alert.GetProperty("model_version").GetString());
        }

        // Segments: per window of the scoring event's time, each customer by its last score there (time, then event_id).
        var (threshold, version) = (ChurnModel.Load(first).Threshold, ChurnModel.Load(first).Version);
        var segments = scores
            .GroupBy(s => s.Time.Floor(TimeSpan.FromMinutes(1)))
            .ToDictionary(
                w => $"segments:{w.Key.ToIsoString()}",
                w => w.GroupBy(s => s.Customer)
                    .Select(c => c.OrderBy(s => s.Time).ThenBy(s => s.EventId, StringComparer.Ordinal).Last().Score)
                    .Aggregate((High: 0, Medium: 0, Low: 0), (n, score) => score >= threshold ? (n.High + 1, n.Medium, n.Low)
                        : score >= threshold / 2 ? (n.High, n.Medium + 1, n.Low) : (n.High, n.Medium, n.Low + 1)));
        await Eventually.Until(() => node.EntityMetrics.ChurnSegmentMetrics >= segments.Count, Timeout, $"the node emits the {segments.Count} segment windows");
        var written = cluster.ReadTopic(cluster.Kafka.Topics.ChurnSegments).Select(r => JsonDocument.Parse(r.Value).RootElement).ToList();
        Assert.Equal(
            segments.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key} {w.Value.High}/{w.Value.Medium}/{w.Value.Low}"),
            written.Select(r => $"{r.GetProperty("metric_id").GetString()} {r.GetProperty("high").GetInt64()}/{r.GetProperty("medium").GetInt64()}/{r.GetProperty("low").GetInt64()}")
                .Order(StringComparer.Ordinal));
        Assert.All(written, r => Assert.Equal(version, r.GetProperty("model_version").GetString()));

        // The second model replaces the first on disk: the node loads it and scores with it from then on.
        Copy(second, live);
        await Eventually.Until(() => node.ChurnModel!.Version == ChurnModel.Load(second).Version, Timeout, "the node loads the replaced model");
        Assert.Equal(1, node.ChurnModel!.Reloads);
        var customer = CustomerOf(lines[^1]);
        var purchase = PurchaseAfter(lines.Where(l => CustomerOf(l) == customer).Select(Parse).Max(e => e.Timestamp), long.Parse(customer, CultureInfo.InvariantCulture));
        await cluster.ProduceAsync(cluster.Kafka.Topics.CustomerEvents, [(customer, purchase)]);
        var replayed = new BehaviourState(BehaviourSettings.Default);
        foreach (var e in Distinct(lines.Append(purchase)).Where(e => e.CustomerId.Value.ToString(CultureInfo.InvariantCulture) == customer))
        {
            replayed.Apply(e);
        }

        var features = new float[BehaviourFeatures.VectorLength];
        replayed.WriteVector(Parse(purchase).Timestamp, features);
        using var scorer = ChurnModel.Load(second).CreateScorer();
        var score = scorer.Score(features);
        await Eventually.UntilAsync(
            async () => (await cluster.GetAsync(node, $"/api/entities/customer/{customer}")).Body.GetProperty("state").GetProperty("model_score").GetDouble() == score,
            Timeout,
            "the customer's model score after the new purchase is the second model's");
    }

    /// <summary>What the node must alert: for each customer, in order, the scores at session ends and purchases that reach the threshold.</summary>
    private static Dictionary<string, (float Score, float Previous, string EventTime)> Replay(
        IEnumerable<string> lines, ChurnModel model, List<(long Customer, EventTime Time, string EventId, float Score)> scores)
    {
        using var scorer = model.CreateScorer();
        var states = new Dictionary<long, (BehaviourState State, float Previous)>();
        var alerts = new Dictionary<string, (float, float, string)>(StringComparer.Ordinal);
        var features = new float[BehaviourFeatures.VectorLength];
        foreach (var e in Distinct(lines))
        {
            var (state, previous) = states.TryGetValue(e.CustomerId.Value, out var known) ? known : (new BehaviourState(BehaviourSettings.Default), 0f);
            if (state.LastEventTime is not null && state.EndedSessionBefore(e.Timestamp) is { } end)
            {
                var asOf = end + Gap + TimeSpan.FromMilliseconds(1);
                state.WriteVector(asOf, features);
                previous = Score(scorer, features, previous, e.EventId, asOf, alerts);
                scores.Add((e.CustomerId.Value, e.Timestamp, e.EventId, previous));
            }

            state.Apply(e);
            if (e.Type == CustomerEventType.Purchase)
            {
                state.WriteVector(e.Timestamp, features);
                previous = Score(scorer, features, previous, e.EventId, e.Timestamp, alerts);
                scores.Add((e.CustomerId.Value, e.Timestamp, e.EventId, previous));
            }

            states[e.CustomerId.Value] = (state, previous);
        }

        return alerts;
    }

    private static float Score(ChurnScorer scorer, float[] features, float previous, string eventId, EventTime asOf, Dictionary<string, (float, float, string)> alerts)
    {
        var score = scorer.Score(features);
        if (previous < scorer.Threshold && score >= scorer.Threshold)
        {
            alerts[eventId + ":CHURN_MODEL"] = (score, previous, asOf.ToIsoString());
        }

        return score;
    }

    private static IEnumerable<CustomerEvent> Distinct(IEnumerable<string> lines)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return lines.Select(Parse).Where(e => seen.Add(e.EventId));
    }

    private static CustomerEvent Parse(string line) =>
        new CustomerEventParser().TryParse(Encoding.UTF8.GetBytes(line), out var e, out var error, out _) ? e : throw new InvalidDataException(error);

    private static string CustomerOf(string line) => JsonDocument.Parse(line).RootElement.GetProperty("customer_id").GetInt64().ToString(CultureInfo.InvariantCulture);

    private static string PurchaseAfter(EventTime last, long customer) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"event_id":"extra-purchase","customer_id":{{customer}},"session_id":"s-extra","timestamp":"{{(last + TimeSpan.FromDays(3)).ToIsoString()}}","type":"purchase","product_id":"p-1","category":"books","price":20.5,"quantity":1,"device":"mobile","city":"Lyon","country":"FR"}""");

    /// <summary>Four months of 300 customers' shop events, seed 11.</summary>
    private static async Task GenerateAsync(string path)
    {
        var settings = GeneratorSettings.Default with { Customers = 300, Seed = 11, Behaviour = CustomerEventSettings.Default with { Days = 120 } };
        var records = DataGenerator.Open(GeneratorDatasets.CustomerEvents, settings, TimeProvider.System);
        await using var file = File.Create(path);
        await GeneratorOutput.WriteJsonLinesAsync(records, file, TimeProvider.System);
    }

    private string Train(string events, string run, int seed) =>
        ChurnTrainer.Train(new ChurnTrainingOptions { InputPath = events, OutputPath = Path.Combine(_home.FullName, run, "churn.zip"), Seed = seed }).ModelPath;

    /// <summary>Copies a model and its metrics next to <paramref name="target"/>, the metrics first, each through a rename.</summary>
    private static void Copy(string model, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        foreach (var (from, to) in new[] { (ChurnTrainingOptions.MetricsPath(model), ChurnTrainingOptions.MetricsPath(target)), (model, target) })
        {
            File.Copy(from, to + ".tmp", overwrite: true);
            File.Move(to + ".tmp", to, overwrite: true);
        }
    }
}
