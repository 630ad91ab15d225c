using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Node.Tests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Behaviour;

/// <summary>
/// Customer behaviour features online (docs/design.md §6, Customer behaviour features): a node consumes
/// <c>customer-events</c>, and each customer entity's features (<c>GET /api/entities/customer/&lt;id&gt;</c>, what
/// <c>cmd entity show customer</c> prints) equal a batch recomputation over the same events read back from the topic,
/// with duplicates counted once and bad records dead-lettered.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BehaviourFeaturesNodeTests(ITestOutputHelper output) : ClusterTest(output)
{
    private const int Customers = 6;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CustomerEvents_ConsumedByANode_EntityFeaturesEqualABatchRecomputation()
    {
        var cluster = CreateCluster();
        var node = await cluster.StartNodeAsync("node-1");
        var records = Events(seed: 7);
        records.Insert(records.Count / 2, records[3]); // re-sent by the producer: a duplicate
        records.Add(("2", "not JSON {"));
        records.Add(("2", """{"event_id":"bad-1","customer_id":2,"session_id":"s","timestamp":"2026-03-02T08:00:00Z","type":"teleport","product_id":"p","category":"c","price":1,"quantity":1,"device":"mobile"}"""));
        await cluster.ProduceAsync(cluster.Kafka.Topics.CustomerEvents, records);
        await Eventually.Until(
            () => node.KafkaMetrics.EventsIn(cluster.Kafka.Topics.CustomerEvents) >= records.Count && node.Status().InFlight == 0,
            Timeout,
            "the node consumes every customer event");

        // The batch: the topic's records in offset order per partition (a customer's order), parsed, first of each id.
        var parser = new CustomerEventParser();
        var batch = new Dictionary<long, BehaviourState>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, _, value) in cluster.ReadTopic(cluster.Kafka.Topics.CustomerEvents))
        {
            if (parser.TryParse(Encoding.UTF8.GetBytes(value), out var parsed, out _, out _) && seen.Add(parsed.EventId))
            {
                (batch.TryGetValue(parsed.CustomerId.Value, out var state) ? state : batch[parsed.CustomerId.Value] = new BehaviourState(BehaviourSettings.Default))
                    .Apply(parsed);
            }
        }

        Assert.Equal(Customers, batch.Count);
        foreach (var (customer, state) in batch)
        {
            var (status, body) = await cluster.GetAsync(node, $"/api/entities/customer/{customer}");
            Assert.Equal(HttpStatusCode.OK, status);
            var online = body.GetProperty("state").GetProperty("behaviour");
            var asOf = state.LastEventTime!.Value;
            Assert.Equal(asOf.ToIsoString(), online.GetProperty("as_of").GetString());
            var expected = new float[BehaviourFeatures.VectorLength];
            state.WriteVector(asOf, expected);
            Assert.Equal(expected, BehaviourFeatures.FeatureNames.Select(name => online.GetProperty(name).GetSingle()));
            var features = state.Compute(asOf);
            Assert.Equal(features.TopCategories.Select(c => $"{c.Category}={c.Events}"), online.GetProperty("top_categories").EnumerateArray().Select(c => $"{c.GetProperty("category").GetString()}={c.GetProperty("events").GetInt64()}"));
            Assert.Equal(features.DevicePreference, online.GetProperty("device_preference").GetString());
            Assert.Equal(features.HourProfile, online.GetProperty("hour_profile").EnumerateArray().Select(h => h.GetInt64()));
            Assert.Equal(state.EventCount, body.GetProperty("state").GetProperty("behaviour_events").GetInt64());
        }

        Assert.Equal(1, node.EntityMetrics.DuplicateCustomerEvents);
        Assert.Equal(records.Count - 3, node.EntityMetrics.CustomerEvents); // every record but the duplicate and the two bad ones
        Assert.Equal(2, cluster.ReadTopic(cluster.Kafka.Topics.DeadLetter).Count(d => d.Value.Contains("\"source_topic\":\"customer-events\"", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Without a churn model, the node writes a <c>customer-features</c> record at every session end and purchase, and
    /// the records are exactly what an offline replay of the same events through <see cref="BehaviourState"/> computes at
    /// those instants: the same ids, keys, instants and feature values (the duplicate adds none).
    /// </summary>
    [Fact]
    public async Task CustomerEvents_ConsumedByANode_FeatureRecordsEqualAnOfflineRecomputation()
    {
        var cluster = CreateCluster();
        var node = await cluster.StartNodeAsync("node-1");
        var records = Events(seed: 11);
        records.Insert(records.Count / 2, records[5]);
        await cluster.ProduceAsync(cluster.Kafka.Topics.CustomerEvents, records);

        // The replay: each customer's events in order, first of each id, the features where the node scores.
        var parser = new CustomerEventParser();
        var states = new Dictionary<long, BehaviourState>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var expected = new Dictionary<string, (long Customer, string EventId, string Trigger, EventTime AsOf, BehaviourFeatures Features)>(StringComparer.Ordinal);
        foreach (var (_, value) in records)
        {
            if (!parser.TryParse(Encoding.UTF8.GetBytes(value), out var e, out var error, out _))
            {
                throw new InvalidDataException(error);
            }

            if (!seen.Add(e.EventId))
            {
                continue;
            }

            var state = states.TryGetValue(e.CustomerId.Value, out var known) ? known : states[e.CustomerId.Value] = new BehaviourState(BehaviourSettings.Default);
            if (state.LastEventTime is not null && state.EndedSessionBefore(e.Timestamp) is { } end)
            {
                var asOf = end + TimeSpan.FromMinutes(30) + TimeSpan.FromMilliseconds(1);
                expected[e.EventId + ":features:session_end"] = (e.CustomerId.Value, e.EventId, "session_end", asOf, state.Compute(asOf));
            }

            state.Apply(e);
            if (e.Type == CustomerEventType.Purchase)
            {
                expected[e.EventId + ":features:purchase"] = (e.CustomerId.Value, e.EventId, "purchase", e.Timestamp, state.Compute(e.Timestamp));
            }
        }

        Assert.Contains(expected.Values, r => r.Trigger == "session_end");
        Assert.Contains(expected.Values, r => r.Trigger == "purchase");
        List<(int Partition, string? Key, string Value)> written = [];
        await Eventually.Until(
            () => (written = cluster.ReadTopic(cluster.Kafka.Topics.CustomerFeatures)).Count >= expected.Count && node.Status().InFlight == 0,
            Timeout,
            "the node writes a features record for every session end and purchase");
        Assert.Equal(expected.Count, written.Count);
        foreach (var (_, key, value) in written)
        {
            var online = JsonDocument.Parse(value).RootElement;
            var id = online.GetProperty("features_id").GetString()!;
            Assert.True(expected.TryGetValue(id, out var offline), $"unexpected record {id}");
            Assert.Equal(offline.Customer.ToString(CultureInfo.InvariantCulture), key);
            Assert.Equal(offline.Customer, online.GetProperty("customer_id").GetInt64());
            Assert.Equal((offline.EventId, offline.Trigger, offline.AsOf.ToIsoString()), (online.GetProperty("event_id").GetString(), online.GetProperty("trigger").GetString(), online.GetProperty("as_of").GetString()));
            var features = offline.Features;
            Assert.Equal(
                [features.RecencyDays, features.Frequency90d, (double)features.Monetary90d, features.TenureDays, features.DaysSinceLastEvent, features.Events30d, features.Events90d,
                    features.Purchases30d, features.Sessions, features.AvgSessionLengthMinutes, features.EventsPerSession, features.CartAbandonmentRate, features.TopCategoryShare,
                    features.MobileShare, features.DesktopShare, features.WeekendShare, features.NightShare, features.NoPurchaseSessionEwma],
                BehaviourFeatures.FeatureNames.Select(name => online.GetProperty(name).GetDouble()));
            Assert.Equal(features.Monetary90d, online.GetProperty("monetary_90d").GetDecimal());
            Assert.Equal(features.TopCategories.Select(c => $"{c.Category}={c.Events}"), online.GetProperty("top_categories").EnumerateArray().Select(c => $"{c.GetProperty("category").GetString()}={c.GetProperty("events").GetInt64()}"));
            Assert.Equal(features.DevicePreference, online.GetProperty("device_preference").GetString());
            Assert.Equal(features.HourProfile, online.GetProperty("hour_profile").EnumerateArray().Select(h => h.GetInt64()));
            Assert.Equal(features.WeekdayProfile, online.GetProperty("weekday_profile").EnumerateArray().Select(h => h.GetInt64()));
        }

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), written.Select(r => JsonDocument.Parse(r.Value).RootElement.GetProperty("features_id").GetString()).Order(StringComparer.Ordinal));
    }

    /// <summary>Seeded shop sessions of every customer over two weeks, in time order per customer.</summary>
    private static List<(string Key, string Value)> Events(int seed)
    {
        var random = new Random(seed);
        string[] categories = ["books", "garden", "toys", "electronics", "beauty", "sports"];
        string[] devices = ["mobile", "mobile", "desktop", "tablet"];
        string[] types = ["view", "view", "view", "add_to_cart", "remove_from_cart", "purchase"];
        var records = new List<(string, string)>();
        for (var customer = 1; customer <= Customers; customer++)
        {
            var time = Start.AddMinutes(random.Next(0, 600));
            for (var i = 0; i < 40; i++)
            {
                // Mostly within a session; now and then a gap of about half an hour (either side of the 30 minutes) or days.
                time = time.AddMinutes(random.Next(10) switch { < 6 => random.NextDouble() * 10, < 8 => 29 + (random.NextDouble() * 2), _ => random.Next(60, 60 * 24 * 3) });
                var type = types[random.Next(types.Length)];
                records.Add((customer.ToString(CultureInfo.InvariantCulture), JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["event_id"] = $"ev-{customer}-{i}",
                    ["customer_id"] = customer,
                    ["session_id"] = $"s-{customer}",
                    ["timestamp"] = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    ["type"] = type,
                    ["product_id"] = $"p-{random.Next(50)}",
                    ["category"] = categories[random.Next(categories.Length)],
                    ["price"] = Math.Round(1 + (random.NextDouble() * 200), 2),
                    ["quantity"] = type == "purchase" ? random.Next(1, 4) : 1,
                    ["device"] = devices[random.Next(devices.Length)],
                    ["city"] = "Lyon",
                    ["country"] = "FR",
                })));
            }
        }

        return records;
    }
}
