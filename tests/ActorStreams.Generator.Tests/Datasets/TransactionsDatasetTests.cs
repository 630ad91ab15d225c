using System.Globalization;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Events;
using ActorStreams.Domain.Fraud;
using ActorStreams.Generator.Internal;
using ActorStreams.Generator.Tests.Support;
using Xunit.Abstractions;

namespace ActorStreams.Generator.Tests.Datasets;

[Trait("Category", "Unit")]
public sealed class TransactionsDatasetTests(ITestOutputHelper output)
{
    private static readonly string[] Categories = ["electronics", "clothing", "books", "grocery", "travel", "restaurants", "entertainment", "health", "home", "jewelry"];

    [Fact]
    public void Transactions_InjectedPatterns_EachFireTheirRuleInCustomerFraudState()
    {
        var stream = (TransactionStream)DataGenerator.Open(GeneratorDatasets.Transactions, TestSettings.With(seed: 11), TimeProvider.System, 60_000);
        var states = new Dictionary<CustomerId, CustomerFraudState>();
        var alerts = new List<FraudAlert>();
        var fired = new Dictionary<FraudInjection, HashSet<string>>();
        var onGenuine = new Dictionary<string, int>(StringComparer.Ordinal);
        var totalAlerts = 0;

        while (stream.MoveNext())
        {
            var tx = Decode(stream.Value);
            if (!states.TryGetValue(tx.CustomerId, out var state))
            {
                states[tx.CustomerId] = state = new CustomerFraudState(FraudRuleSettings.Default);
            }

            alerts.Clear();
            state.Apply(tx, tx.Timestamp, alerts);
            totalAlerts += alerts.Count;
            if (stream.CurrentInjection is { } injection)
            {
                var rules = fired.TryGetValue(injection, out var set) ? set : fired[injection] = [];
                rules.UnionWith(alerts.Select(a => a.Rule));
            }
            else
            {
                Assert.False(tx.IsFraud);
                foreach (var alert in alerts)
                {
                    onGenuine[alert.Rule] = onGenuine.GetValueOrDefault(alert.Rule) + 1;
                }
            }
        }

        var patterns = stream.Statistics.Patterns;
        output.WriteLine(stream.Statistics.ToString());
        output.WriteLine($"alerts: {totalAlerts}, on everyday payments: {string.Join(", ", onGenuine.Select(p => $"{p.Key} {p.Value}"))}");
        foreach (var pattern in Enum.GetValues<FraudPattern>())
        {
            var instances = fired.Where(p => p.Key.Pattern == pattern).ToList();
            Assert.True(instances.Count >= 20, $"only {instances.Count} {pattern} patterns injected");
            Assert.Equal(patterns[pattern], instances.Count);
            var rule = RuleOf(pattern);
            var missed = instances.Where(p => !p.Value.Contains(rule)).Select(p => p.Key.Id).ToList();
            Assert.True(missed.Count == 0, $"{rule} did not fire for {pattern} patterns {string.Join(", ", missed)}");
        }

        // Injected fraud is most of what fires: everyday payments rarely look like fraud.
        var everydayAlerts = onGenuine.Values.Sum();
        Assert.True(everydayAlerts < totalAlerts * 0.1, $"{everydayAlerts} of {totalAlerts} alerts fired on everyday payments");
    }

    [Theory]
    [InlineData(0.02)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void Transactions_FraudRatio_LabelsThatShareOfRecords(double ratio)
    {
        var stream = DataGenerator.Open(GeneratorDatasets.Transactions, TestSettings.With() with { FraudRatio = ratio }, TimeProvider.System, 40_000);
        long labelled = 0;
        long total = 0;
        while (stream.MoveNext())
        {
            total++;
            labelled += Decode(stream.Value).IsFraud == true ? 1 : 0;
        }

        var measured = (double)labelled / total;
        output.WriteLine($"requested {ratio}, measured {measured:0.0000}");
        Assert.Equal(labelled, stream.Statistics.FraudRecords);
        Assert.InRange(measured, ratio * 0.9, ratio * 1.1);
    }

    [Fact]
    public void Transactions_ZeroFraudRatio_InjectsNothing()
    {
        var records = TestSettings.Generate(GeneratorDatasets.Transactions, TestSettings.With() with { FraudRatio = 0 }, 5_000);

        Assert.All(records, r => Assert.False(r.Parse().GetProperty("is_fraud").GetBoolean()));
    }

    [Fact]
    public void Transactions_Values_AreRealisticAndConsistent()
    {
        var settings = TestSettings.With() with { MerchantsPerCategory = 15 };
        var records = TestSettings.Generate(GeneratorDatasets.Transactions, settings, 30_000).Select(r => r.Parse()).ToList();
        var genuine = records.Where(r => !r.GetProperty("is_fraud").GetBoolean()).ToList();

        // Every category, each merchant in one category only, at most merchants-per-category of them.
        Assert.Equal(Categories.Order(StringComparer.Ordinal), records.Select(r => r.GetProperty("merchant_category").GetString()!).Distinct().Order(StringComparer.Ordinal));
        var merchants = records.GroupBy(r => r.GetProperty("merchant_id").GetString()!).ToList();
        Assert.All(merchants, m => Assert.Single(m.Select(r => r.GetProperty("merchant_category").GetString()).Distinct()));
        Assert.All(merchants.GroupBy(m => m.First().GetProperty("merchant_category").GetString()), c => Assert.InRange(c.Count(), 1, 15));

        // Amounts: positive, cents; grocery baskets smaller than travel on average; everyday ones never HIGH_AMOUNT.
        Assert.All(records, r => Assert.True(r.GetProperty("amount").GetDecimal() is var a && a > 0 && a == decimal.Round(a, 2)));
        double Mean(string category) => genuine.Where(r => r.GetProperty("merchant_category").GetString() == category).Average(r => r.GetProperty("amount").GetDouble());
        Assert.True(Mean("grocery") * 3 < Mean("travel"), $"grocery {Mean("grocery")}, travel {Mean("travel")}");
        Assert.All(genuine, r => Assert.True(r.GetProperty("amount").GetDecimal() <= 2000m));

        // Locations: real cities, always with their country, coordinates within a few km of the centre.
        var cities = WorldCities.All.ToDictionary(c => c.Name);
        foreach (var located in records.Where(r => r.GetProperty("city").ValueKind == JsonValueKind.String))
        {
            var city = cities[located.GetProperty("city").GetString()!];
            Assert.Equal(city.Country, located.GetProperty("country").GetString());
            Assert.True(WorldCities.DistanceKm(city.Latitude, city.Longitude, located.GetProperty("latitude").GetDouble(), located.GetProperty("longitude").GetDouble()) < 10);
        }

        Assert.InRange(records.Count(r => r.GetProperty("city").ValueKind == JsonValueKind.Null), records.Count / 10, records.Count / 3);

        // Devices are stable per customer: the primary device carries most everyday payments.
        var byCustomer = genuine.GroupBy(r => r.GetProperty("customer_id").GetInt64()).Where(g => g.Count() >= 20).ToList();
        Assert.NotEmpty(byCustomer);
        Assert.All(byCustomer, g =>
        {
            var devices = g.GroupBy(r => r.GetProperty("device_id").GetString()).Select(d => d.Count()).OrderDescending().ToList();
            Assert.True(devices.Count <= 6 && devices[0] * 2 >= g.Count(), $"customer {g.Key}: devices {string.Join(",", devices)}");
        });

        Assert.Subset(new HashSet<string> { "credit_card", "debit_card", "apple_pay", "google_pay", "paypal", "bank_transfer" }, records.Select(r => r.GetProperty("payment_method").GetString()!).ToHashSet());
        Assert.Subset(new HashSet<string> { "USD", "EUR", "GBP", "CAD", "AUD", "CHF", "SGD", "NZD" }, records.Select(r => r.GetProperty("currency").GetString()!).ToHashSet());
        Assert.Equal(records.Count, records.Select(r => r.GetProperty("transaction_id").GetString()).Distinct().Count());
    }

    [Fact]
    public void Transactions_Keys_AreTheCustomerIdInDecimal()
    {
        var records = TestSettings.Generate(GeneratorDatasets.Transactions, TestSettings.With(), 2_000);

        Assert.All(records, r => Assert.Equal(r.Parse().GetProperty("customer_id").GetInt64().ToString(CultureInfo.InvariantCulture), r.Key));
        Assert.All(records, r => Assert.Equal("transactions", r.Topic));
    }

    [Fact]
    public void Transactions_StreamingManyRecords_AllocatesAlmostNothingPerRecord()
    {
        var stream = DataGenerator.Open(GeneratorDatasets.Transactions, TestSettings.With(), TimeProvider.System, 400_000);
        for (var i = 0; i < 100_000; i++)
        {
            stream.MoveNext();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var count = 0;
        while (stream.MoveNext())
        {
            count++;
        }

        var perRecord = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / count;
        output.WriteLine($"{perRecord:0.0} bytes allocated per record");
        Assert.Equal(300_000, count);
        Assert.True(perRecord < 64, $"{perRecord:0.0} bytes allocated per record");
    }

    /// <summary>Reads a generated record into the domain's transaction, as the node's decoder does (null means absent).</summary>
    internal static Transaction Decode(ReadOnlySpan<byte> value)
    {
        var json = JsonDocument.Parse(value.ToArray()).RootElement;
        double? Number(string name) => json.GetProperty(name) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : null;
        string? Text(string name) => json.GetProperty(name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
        return new Transaction
        {
            TransactionId = new TransactionId(Text("transaction_id")!),
            CustomerId = new CustomerId(json.GetProperty("customer_id").GetInt64()),
            MerchantId = new MerchantId(Text("merchant_id")!),
            MerchantCategory = Text("merchant_category")!,
            Amount = json.GetProperty("amount").GetDecimal(),
            Currency = Text("currency")!,
            PaymentMethod = Text("payment_method")!,
            DeviceId = Text("device_id")!,
            IpAddress = Text("ip_address")!,
            Latitude = Number("latitude"),
            Longitude = Number("longitude"),
            Country = Text("country"),
            City = Text("city"),
            Timestamp = EventTime.FromDateTimeOffset(json.GetProperty("timestamp").GetDateTimeOffset()),
            IsFraud = json.GetProperty("is_fraud").GetBoolean(),
        };
    }

    private static string RuleOf(FraudPattern pattern) => pattern switch
    {
        FraudPattern.RapidFire => FraudRules.RapidFire,
        FraudPattern.HighAmount => FraudRules.HighAmount,
        FraudPattern.Velocity => FraudRules.Velocity,
        FraudPattern.ImpossibleTravel => FraudRules.ImpossibleTravel,
        _ => FraudRules.NewDevice,
    };
}
