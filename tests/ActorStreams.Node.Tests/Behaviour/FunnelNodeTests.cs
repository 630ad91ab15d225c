using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorStreams.Generator;
using ActorStreams.Node.Tests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Behaviour;

/// <summary>
/// The shop funnel online (docs/design.md §6, Funnel and segments): a node consumes generated <c>customer-events</c>
/// with re-sent records, late events and bad records mixed in, and its <c>funnel-metrics</c> are exactly those an
/// independent computation from the design's rules gives over the topic read back, record for record; the
/// Elasticsearch sink indexes each of them under its metric_id.
/// </summary>
/// <remarks>
/// The expectation below is written from the design alone and shares no code with src: per customer partition, in
/// offset order, a valid record moves the partition's watermark (newest event time − grace), a record whose event_id
/// its customer already had is dropped, and an event whose one-minute window ends at or before the watermark after it
/// is late; the others count in their category's window.
/// </remarks>
[Trait("Category", "Integration")]
public sealed class FunnelNodeTests(ITestOutputHelper output) : ClusterTest(output), IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly string[] Types = ["view", "add_to_cart", "remove_from_cart", "purchase"];
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("actorstreams-funnel-");

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public async Task CustomerEvents_ConsumedByANode_FunnelMetricsEqualAnIndependentComputation()
    {
        var records = await GenerateAsync();
        var es = DisposeAfterCluster(new ElasticsearchDouble());
        var cluster = CreateCluster(
            ("actorstreams.merchant.idle-timeout", "3s"), ("actorstreams.elasticsearch.url", es.Url.ToString()), ("actorstreams.elasticsearch.flush-interval", "50ms"));
        // Everything is in the topic before the node starts: no partition waits for input, and so none turns idle, until its backlog is done.
        await cluster.ProduceAsync(cluster.Kafka.Topics.CustomerEvents, records);
        var node = await cluster.StartNodeAsync("node-1");

        var expected = Expect(cluster.ReadTopic(cluster.Kafka.Topics.CustomerEvents));
        Assert.True(
            expected.Late >= 10 && expected.Duplicates > 0 && expected.Metrics.Count > 100,
            $"the data has {expected.Metrics.Count} windows, {expected.Late} late events and {expected.Duplicates} duplicates: the test proves less than it says");
        await Eventually.Until(
            () => node.EntityMetrics.FunnelMetrics >= expected.Metrics.Count && node.Status().InFlight == 0,
            Timeout,
            $"the node emits the {expected.Metrics.Count} funnel windows");

        var actual = cluster.ReadTopic(cluster.Kafka.Topics.FunnelMetrics)
            .Select(r => (r.Key, Record: JsonNode.Parse(r.Value)!.AsObject()))
            .ToList();
        Logs.Output?.WriteLine($"{records.Count} records, {expected.Metrics.Count} windows, {expected.Late} late, {expected.Duplicates} duplicates");
        Assert.All(actual, a => Assert.Equal(a.Record["category"]!.GetValue<string>(), a.Key));
        Assert.Equal(expected.Metrics.Keys.Order(StringComparer.Ordinal), actual.Select(a => a.Record["metric_id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        foreach (var (_, record) in actual)
        {
            var id = record["metric_id"]!.GetValue<string>();
            Assert.Equal(Normalise(JsonNode.Parse(expected.Metrics[id].ToJsonString())), Normalise(record));
        }

        Assert.Equal(expected.Late, node.EntityMetrics.FunnelLate);
        await Eventually.Until(() => es.Documents("funnel-metrics").Count == actual.Count, Timeout, "the sink indexes every funnel-metrics record");
        var documents = es.Documents("funnel-metrics");
        Assert.All(actual, a => Assert.Equal(a.Record.ToJsonString(), JsonNode.Parse(documents[a.Record["metric_id"]!.GetValue<string>()])!.ToJsonString()));
        Assert.Empty(cluster.ReadTopic(cluster.Kafka.Topics.ChurnSegments)); // no churn model: no segment windows
        Assert.Equal(2, cluster.ReadTopic(cluster.Kafka.Topics.DeadLetter).Count(d => d.Value.Contains("\"source_topic\":\"customer-events\"", StringComparison.Ordinal)));
    }

    /// <summary>
    /// A generated shop's first events (one simulated day of 3,000 customers, seed 5, 2 % re-sent), with an earlier copy of
    /// every 40th event (a new id, four minutes or twelve seconds earlier, sent after it: late, or late only when its
    /// window ended at least the grace before the newest event) and two bad records.
    /// </summary>
    private async Task<List<(string Key, string Value)>> GenerateAsync()
    {
        var settings = GeneratorSettings.Default with
        {
            Customers = 3_000,
            Seed = 5,
            Behaviour = CustomerEventSettings.Default with { Days = 1, DuplicateRatio = 0.02 },
        };
        var path = Path.Combine(_home.FullName, "events.jsonl");
        await using (var file = File.Create(path))
        {
            await GeneratorOutput.WriteJsonLinesAsync(DataGenerator.Open(GeneratorDatasets.CustomerEvents, settings, TimeProvider.System, count: 2_500), file, TimeProvider.System);
        }

        var records = new List<(string, string)>();
        var lines = await File.ReadAllLinesAsync(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var record = JsonNode.Parse(lines[i])!.AsObject();
            var customer = record["customer_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
            records.Add((customer, lines[i]));
            if (i % 40 == 39)
            {
                record["event_id"] = $"late-{i}";
                record["timestamp"] = (Time(record) - (i % 80 == 39 ? TimeSpan.FromMinutes(4) : TimeSpan.FromSeconds(12))).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                records.Add((customer, record.ToJsonString()));
            }
        }

        records.Add(("7", "not JSON {"));
        records.Add(("7", """{"event_id":"bad-1","customer_id":7,"session_id":"s","timestamp":"2026-01-01T00:10:00Z","type":"teleport","product_id":"p","category":"books","price":1,"quantity":1,"device":"mobile"}"""));
        return records;
    }

    /// <summary>The funnel-metrics records the design's rules give for the topic's records, by metric_id; and how many events were late and duplicates.</summary>
    private static (Dictionary<string, JsonObject> Metrics, long Late, long Duplicates) Expect(List<(int Partition, string? Key, string Value)> topic)
    {
        var windows = new Dictionary<(string Category, DateTime Start), Window>();
        long late = 0, duplicates = 0;
        var seen = new HashSet<(long, string)>();
        foreach (var partition in topic.GroupBy(r => r.Partition))
        {
            var newest = DateTime.MinValue;
            foreach (var (_, _, value) in partition)
            {
                if (!TryRead(value, out var e))
                {
                    continue; // dead-lettered: it moves nothing
                }

                newest = e.Time > newest ? e.Time : newest;
                if (!seen.Add((e.Customer, e.Id)))
                {
                    duplicates++;
                    continue;
                }

                var start = new DateTime(e.Time.Ticks - (e.Time.Ticks % Minute.Ticks), DateTimeKind.Utc);
                if (start + Minute <= newest - Grace)
                {
                    late++;
                    continue;
                }

                var window = windows.TryGetValue((e.Category, start), out var known) ? known : windows[(e.Category, start)] = new Window();
                window.Add(e);
            }
        }

        var metrics = windows.ToDictionary(
            w => $"{w.Key.Category}:{Iso(w.Key.Start)}",
            w => w.Value.ToRecord(w.Key.Category, w.Key.Start),
            StringComparer.Ordinal);
        return (metrics, late, duplicates);
    }

    private static bool TryRead(string value, out Event e)
    {
        e = default;
        try
        {
            var json = JsonNode.Parse(value)!.AsObject();
            var type = json["type"]!.GetValue<string>();
            if (!Types.Contains(type))
            {
                return false;
            }

            e = new Event(
                json["event_id"]!.GetValue<string>(), json["customer_id"]!.GetValue<long>(), Time(json), type, json["product_id"]!.GetValue<string>(),
                json["category"]!.GetValue<string>(), json["price"]!.GetValue<decimal>(), json["quantity"]!.GetValue<int>());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static DateTime Time(JsonObject json) =>
        DateTime.Parse(json["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A record as text with its fields in name order and its numbers as decimals, so that <c>59.970</c> and <c>59.97</c> compare equal.</summary>
    private static string Normalise(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{Normalise(p.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Normalise)) + "]",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<decimal>().ToString("G29", CultureInfo.InvariantCulture),
        null => "null",
        _ => node.ToJsonString(),
    };

    private readonly record struct Event(string Id, long Customer, DateTime Time, string Type, string Product, string Category, decimal Price, int Quantity);

    private sealed class Window
    {
        private readonly Dictionary<string, long> _counts = Types.ToDictionary(t => t, _ => 0L);
        private readonly Dictionary<string, HashSet<long>> _customers = Types.ToDictionary(t => t, _ => new HashSet<long>());
        private readonly Dictionary<string, (long Views, long Purchases, decimal Revenue)> _products = [];
        private decimal _revenue;

        public void Add(Event e)
        {
            _counts[e.Type]++;
            _customers[e.Type].Add(e.Customer);
            var (views, purchases, revenue) = _products.GetValueOrDefault(e.Product);
            if (e.Type == "view")
            {
                views++;
            }
            else if (e.Type == "purchase")
            {
                purchases++;
                revenue += e.Price * e.Quantity;
                _revenue += e.Price * e.Quantity;
            }

            _products[e.Product] = (views, purchases, revenue);
        }

        public JsonObject ToRecord(string category, DateTime start)
        {
            long viewers = _customers["view"].Count, carters = _customers["add_to_cart"].Count, purchasers = _customers["purchase"].Count;
            return new JsonObject
            {
                ["metric_id"] = $"{category}:{Iso(start)}",
                ["category"] = category,
                ["window_start"] = Iso(start),
                ["window_end"] = Iso(start + Minute),
                ["views"] = _counts["view"],
                ["add_to_carts"] = _counts["add_to_cart"],
                ["remove_from_carts"] = _counts["remove_from_cart"],
                ["purchases"] = _counts["purchase"],
                ["viewers"] = viewers,
                ["carters"] = carters,
                ["purchasers"] = purchasers,
                ["revenue"] = _revenue,
                ["view_to_cart"] = Ratio(carters, viewers),
                ["cart_to_purchase"] = Ratio(purchasers, carters),
                ["view_to_purchase"] = Ratio(purchasers, viewers),
                ["top_products_by_revenue"] = Products(_products.Where(p => p.Value.Purchases > 0)
                    .OrderByDescending(p => p.Value.Revenue).ThenBy(p => p.Key, StringComparer.Ordinal)),
                ["top_products_by_conversion"] = Products(_products.Where(p => p.Value.Views > 0)
                    .OrderByDescending(p => (decimal)p.Value.Purchases / p.Value.Views).ThenByDescending(p => p.Value.Views).ThenBy(p => p.Key, StringComparer.Ordinal)),
            };
        }

        private static JsonNode? Ratio(long numerator, long denominator) => denominator == 0 ? null : JsonValue.Create((double)numerator / denominator);

        private static JsonArray Products(IEnumerable<KeyValuePair<string, (long Views, long Purchases, decimal Revenue)>> ordered) =>
            [.. ordered.Take(5).Select(p => (JsonNode)new JsonObject
            {
                ["product_id"] = p.Key,
                ["views"] = p.Value.Views,
                ["purchases"] = p.Value.Purchases,
                ["revenue"] = p.Value.Revenue,
                ["conversion"] = p.Value.Views == 0 ? null : JsonValue.Create((double)p.Value.Purchases / p.Value.Views),
            })];
    }
}
