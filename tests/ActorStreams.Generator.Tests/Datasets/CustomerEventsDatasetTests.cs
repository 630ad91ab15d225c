using System.Globalization;
using System.Text.RegularExpressions;
using ActorStreams.Generator.Avro;
using ActorStreams.Generator.Internal;
using ActorStreams.Generator.Tests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Generator.Tests.Datasets;

[Trait("Category", "Unit")]
public sealed partial class CustomerEventsDatasetTests(CustomerEventsFixture run, ITestOutputHelper output) : IClassFixture<CustomerEventsFixture>
{
    private static readonly string[] Types = ["view", "add_to_cart", "remove_from_cart", "purchase"];
    private static readonly string[] Devices = ["mobile", "desktop", "tablet"];

    [Fact]
    public async Task CustomerEvents_SameSeedAndSettings_AreByteIdenticalWithTheSameTruthAndAnotherSeedIsNot()
    {
        var settings = Small(seed: 5);

        var (first, firstTruth) = await WriteAsync(settings);
        var (second, secondTruth) = await WriteAsync(settings);
        var (otherSeed, otherTruth) = await WriteAsync(settings with { Seed = 6 });

        Assert.True(first.Length > 100_000, $"only {first.Length} bytes");
        Assert.Equal(first, second);
        Assert.Equal(firstTruth, secondTruth);
        Assert.NotEqual(first, otherSeed);
        Assert.NotEqual(firstTruth, otherTruth);
    }

    [Fact]
    public void CustomerEvents_WholePeriod_EveryRecordIsValidForTheSchemaWithExactlyItsFieldsAndItsKey()
    {
        var schema = (AvroRecordSchema)AvroSchema.Load(RepositoryPaths.TopicSchema(GeneratorDatasets.CustomerEvents));

        var records = TestSettings.Generate(GeneratorDatasets.CustomerEvents, Small(seed: 3));

        Assert.True(records.Count > 10_000, $"only {records.Count} records");
        foreach (var record in records)
        {
            var value = record.Parse();
            var errors = AvroValidator.Validate(schema, value, record.Topic);
            Assert.True(errors.Count == 0, $"{record.Json}: {string.Join("; ", errors)}");
            Assert.Equal(GeneratorDatasets.CustomerEvents, record.Topic);
            Assert.Equal(schema.Fields.Select(f => f.Name), value.EnumerateObject().Select(p => p.Name));
            Assert.Equal(value.GetProperty("customer_id").GetInt64().ToString(CultureInfo.InvariantCulture), record.Key);
        }
    }

    [Fact]
    public void CustomerEvents_Fields_AreInTheirSetsAndConsistentPerProductAndCustomer()
    {
        var events = run.Events;
        var cities = WorldCities.All.Select(c => (c.Name, c.Country)).ToHashSet();

        Assert.All(events, e =>
        {
            Assert.Contains(e.Type, Types);
            Assert.Contains(e.Device, Devices);
            Assert.InRange(e.CustomerId, 1, 1_200);
            Assert.Matches($"^s-{e.CustomerId}-[1-9][0-9]*$", e.SessionId);
            Assert.Matches($"^p-{e.Category}-[0-9]{{3}}$", e.ProductId);
            Assert.True(e.Price > 0 && e.Price.Scale <= 2, $"price {e.Price}");
            Assert.True(e.Type == "view" ? e.Quantity == 1 : e.Quantity >= 1, $"{e.Type} of {e.Quantity}");
            Assert.Contains((e.City, e.Country), cities);
        });
        Assert.All(events.GroupBy(e => e.ProductId), g => Assert.Single(g.Select(e => e.Price).Distinct()));
        Assert.All(events.GroupBy(e => e.CustomerId), g => Assert.Single(g.Select(e => (e.City, e.Country)).Distinct()));
        Assert.Equal(10, events.Select(e => e.Category).Distinct().Count());
        Assert.InRange(events.Select(e => e.ProductId).Distinct().Count(), 450, 500);

        var unique = events.Where(e => !e.IsRepeat).ToList();
        Assert.Equal(unique.Count, unique.Select(e => e.EventId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(unique.Take(1_000), e => Assert.Matches(Uuid(), e.EventId));

        // Views go mostly to the customer's 1–3 favourite categories.
        var focused = run.ByCustomer.Values
            .Select(list => list.Where(e => e.Type == "view").ToList())
            .Where(views => views.Count >= 100)
            .Select(views => (double)views.GroupBy(v => v.Category).Select(g => g.Count()).OrderDescending().Take(3).Sum() / views.Count)
            .ToList();
        Assert.True(focused.Count > 200);
        Assert.True(focused.Average() > 0.8, $"top three categories hold {focused.Average():0.00} of the views");
    }

    [Fact]
    public void CustomerEvents_Timestamps_AreNonDecreasingInsideThePeriodWithTiesByCustomer()
    {
        var events = run.Events;

        Assert.True(events[0].Timestamp >= run.Truth.PeriodStart);
        Assert.True(events[^1].Timestamp < run.Truth.PeriodEnd);
        Assert.Equal(TestSettings.Start, run.Truth.PeriodStart);
        Assert.Equal(TestSettings.Start.AddDays(180), run.Truth.PeriodEnd);
        for (var i = 1; i < events.Count; i++)
        {
            var (before, after) = (events[i - 1], events[i]);
            Assert.True(
                after.Timestamp > before.Timestamp || (after.Timestamp == before.Timestamp && (after.IsRepeat || after.CustomerId > before.CustomerId)),
                $"record {i}: customer {after.CustomerId} at {after.Timestamp:O} after customer {before.CustomerId} at {before.Timestamp:O}");
        }
    }

    [Fact]
    public void CustomerEvents_Sessions_KeepTheirGapsAndCartRules()
    {
        var sessions = 0;
        foreach (var (customer, events) in run.ByCustomer)
        {
            Assert.Equal(1, events[0].SessionNumber);
            Dictionary<string, int> cart = new(StringComparer.Ordinal);
            var purchased = false;
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                var context = $"customer {customer}, {e.SessionId} at {e.Timestamp:O}";
                if (i == 0 || e.SessionNumber != events[i - 1].SessionNumber)
                {
                    if (i > 0)
                    {
                        Assert.Equal(events[i - 1].SessionNumber + 1, e.SessionNumber);
                        Assert.True(e.Timestamp - events[i - 1].Timestamp > TimeSpan.FromMinutes(30), $"{context}: sessions {e.Timestamp - events[i - 1].Timestamp} apart");
                    }

                    Assert.Equal("view", e.Type);
                    cart.Clear();
                    purchased = false;
                    sessions++;
                }
                else
                {
                    var gap = e.Timestamp - events[i - 1].Timestamp;
                    Assert.True(gap >= TimeSpan.FromSeconds(5) && gap <= TimeSpan.FromMinutes(5), $"{context}: events of a session {gap} apart");
                }

                switch (e.Type)
                {
                    case "view":
                        Assert.False(purchased, $"{context}: a view after the purchase");
                        break;
                    case "add_to_cart":
                        Assert.Equal(("view", e.ProductId), (events[i - 1].Type, events[i - 1].ProductId));
                        Assert.True(cart.TryAdd(e.ProductId, e.Quantity), $"{context}: {e.ProductId} is in the cart already");
                        break;
                    case "remove_from_cart":
                        Assert.False(purchased, $"{context}: a removal after the purchase");
                        Assert.True(cart.Remove(e.ProductId, out var added) && added == e.Quantity, $"{context}: removes {e.ProductId} ×{e.Quantity}, not in the cart");
                        break;
                    default:
                        Assert.True(cart.Remove(e.ProductId, out var inCart) && inCart == e.Quantity, $"{context}: buys {e.ProductId} ×{e.Quantity}, not in the cart");
                        purchased = true;
                        break;
                }

                // The customer's last session may be cut short by the end of the period or the churn, even in its checkout.
                if (purchased && i + 1 < events.Count && events[i + 1].SessionNumber != e.SessionNumber)
                {
                    Assert.True(cart.Count == 0, $"{context}: the purchase left {cart.Count} cart lines unbought");
                }
            }
        }

        output.WriteLine($"{sessions} sessions of {run.ByCustomer.Count} customers, {run.Events.Count} records");
        Assert.True(sessions > 20_000);
    }

    [Fact]
    public void CustomerEvents_ChurnedCustomer_HasNoEventAtOrAfterTheChurnTime()
    {
        var churned = run.Truth.Customers.Where(c => c.ChurnedAt is not null).ToList();

        Assert.True(churned.Count > 200, $"only {churned.Count} churned");
        foreach (var customer in churned)
        {
            Assert.True(customer.ChurnedAt < run.Truth.PeriodEnd);
            Assert.True(customer.DecayFrom is null || customer.DecayFrom < customer.ChurnedAt);
            if (run.ByCustomer.TryGetValue(customer.CustomerId.Value, out var events))
            {
                Assert.True(events[^1].Timestamp < customer.ChurnedAt, $"customer {customer.CustomerId} churned at {customer.ChurnedAt:O}, acted at {events[^1].Timestamp:O}");
            }
        }

        Assert.All(run.Truth.Customers.Where(c => c.ChurnedAt is null), c => Assert.Null(c.DecayFrom));
    }

    [Fact]
    public void CustomerEvents_SegmentsAndChurn_FollowTheirShares()
    {
        var truth = DataGenerator.ChurnTruth(TestSettings.With(seed: 9) with { Customers = 20_000 }, TimeProvider.System);

        output.WriteLine(truth.ToString());
        foreach (var (segment, share, churn) in new[]
        {
            (CustomerSegment.Loyal, 0.30, 0.08), (CustomerSegment.Occasional, 0.35, 0.30), (CustomerSegment.Bargain, 0.20, 0.25), (CustomerSegment.AtRisk, 0.15, 0.70),
        })
        {
            var members = truth.Customers.Where(c => c.Segment == segment).ToList();
            var churned = (double)members.Count(c => c.ChurnedAt is not null) / members.Count;
            output.WriteLine($"{segment}: {members.Count} customers, {churned:0.000} churned");
            Assert.InRange((double)members.Count / truth.Customers.Count, share - 0.015, share + 0.015);
            Assert.InRange(churned, churn - 0.03, churn + 0.03);
        }

        var churners = truth.Customers.Where(c => c.ChurnedAt is not null).ToList();
        Assert.InRange((double)churners.Count(c => c.DecayFrom is null) / churners.Count, 0.22, 0.28);
        Assert.Equal(churners.Count, truth.ChurnedCount);
    }

    [Fact]
    public void CustomerEvents_ConfiguredSegmentShares_AreTheOnlySegments()
    {
        var behaviour = CustomerEventSettings.Default with { LoyalShare = 0.5, OccasionalShare = 0, BargainShare = 0.5, AtRiskShare = 0, AbruptChurnRatio = 1 };

        var truth = DataGenerator.ChurnTruth(TestSettings.With() with { Customers = 4_000, Behaviour = behaviour }, TimeProvider.System);

        Assert.Equal([CustomerSegment.Loyal, CustomerSegment.Bargain], truth.Customers.Select(c => c.Segment).Distinct().Order());
        Assert.InRange(truth.Customers.Count(c => c.Segment == CustomerSegment.Loyal), 1_850, 2_150);
        Assert.All(truth.Customers, c => Assert.Null(c.DecayFrom));
        Assert.True(truth.ChurnedCount > 300);
    }

    /// <summary>
    /// The churn is learnable: averaged over the churners who fade out (and have 90 days of history), the 30 days before
    /// the churn hold clearly fewer purchases than the 60 days before those, per 30 days (loyal and bargain churners keep
    /// visiting while they fade, so it is the buying that shows it). It is not trivial either: abrupt churners keep their
    /// pace, and customers who did not churn fall silent for a month and come back.
    /// </summary>
    [Fact]
    public void CustomerEvents_ChurnersWithADecay_BuyClearlyLessInTheirLast30Days()
    {
        var fading = Activity(run.Truth.Customers.Where(c => c.DecayFrom is not null));
        var abrupt = Activity(run.Truth.Customers.Where(c => c.ChurnedAt is not null && c.DecayFrom is null));

        output.WriteLine($"fading churners ({fading.Customers}): {fading.Last30:0.0} purchases in the last 30 days, {fading.Before:0.0} per 30 days in days 31-90 before the churn");
        output.WriteLine($"abrupt churners ({abrupt.Customers}): {abrupt.Last30:0.0} against {abrupt.Before:0.0}");
        Assert.True(fading.Customers >= 40, $"only {fading.Customers} fading churners with 90 days of history");
        Assert.True(fading.Last30 < 0.7 * fading.Before, $"{fading.Last30:0.0} purchases in the last 30 days against {fading.Before:0.0} before");
        Assert.True(abrupt.Last30 > fading.Last30 / fading.Before * abrupt.Before, "abrupt churners fade as much as the others");

        // Customers who stay but are quiet for 30 days or more somewhere in the middle: a naive recency rule would flag them.
        var comebacks = run.Truth.Customers
            .Where(c => c.ChurnedAt is null && run.ByCustomer.ContainsKey(c.CustomerId.Value))
            .Count(c => run.ByCustomer[c.CustomerId.Value].Zip(run.ByCustomer[c.CustomerId.Value].Skip(1)).Any(p => p.Second.Timestamp - p.First.Timestamp >= TimeSpan.FromDays(30)));
        output.WriteLine($"{comebacks} customers who did not churn were quiet for 30 days or more and came back");
        Assert.True(comebacks >= 30, $"only {comebacks} comebacks");
    }

    /// <summary>
    /// Occasional, bargain and at-risk customers restock: they buy when a cycle of 40–65 days comes round and mostly
    /// browse in between, whereas loyal customers buy every week or two, so recency means different things for them.
    /// </summary>
    [Fact]
    public void CustomerEvents_RestockingSegments_BuyInCyclesLoyalCustomersEveryWeekOrTwo()
    {
        var loyal = MedianPurchaseGapDays(CustomerSegment.Loyal);
        var occasional = MedianPurchaseGapDays(CustomerSegment.Occasional);
        var bargain = MedianPurchaseGapDays(CustomerSegment.Bargain);

        output.WriteLine($"median days between purchase days of customers who did not churn: loyal {loyal:0.0}, occasional {occasional:0.0}, bargain {bargain:0.0}");
        Assert.True(loyal < 14, $"loyal customers buy every {loyal:0.0} days");
        Assert.True(occasional >= 30, $"occasional customers buy every {occasional:0.0} days");
        Assert.True(bargain >= 30, $"bargain customers buy every {bargain:0.0} days");
    }

    [Fact]
    public void CustomerEvents_DefaultDuplicateRatio_IsCountedInTheStatistics()
    {
        var repeats = run.Events.Count(e => e.IsRepeat);

        output.WriteLine(run.Statistics.ToString());
        Assert.Equal(repeats, run.Statistics.DuplicateRecords);
        Assert.InRange((double)repeats / run.Events.Count, 0.0007, 0.0013);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $", {repeats} re-sent as duplicates ("), run.Statistics.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.02)]
    [InlineData(0.2)]
    public void CustomerEvents_DuplicateRatio_RepeatsAboutThatShareRightAfterTheRecord(double ratio)
    {
        var settings = Small(seed: 4) with { Behaviour = Small(seed: 4).Behaviour with { DuplicateRatio = ratio } };
        var stream = DataGenerator.Open(GeneratorDatasets.CustomerEvents, settings, TimeProvider.System);

        var events = CustomerEvent.Drain(stream);

        var repeats = events.Count(e => e.IsRepeat);
        var originals = events.Count - repeats;
        Assert.Equal(repeats, stream.Statistics.DuplicateRecords);
        Assert.InRange(repeats, originals * ratio * 0.85, (originals * ratio * 1.15) + 0.5);
        Assert.DoesNotContain(events.Zip(events.Skip(1)), p => p.First.IsRepeat && p.Second.IsRepeat);

        // A repeat is the same event (its id too), not another one; without the repeats the stream is the same as without duplicates.
        var withoutDuplicates = CustomerEvent.Drain(DataGenerator.Open(
            GeneratorDatasets.CustomerEvents, settings with { Behaviour = settings.Behaviour with { DuplicateRatio = 0 } }, TimeProvider.System));
        Assert.Equal(withoutDuplicates, events.Where(e => !e.IsRepeat).Select(e => e with { IsRepeat = false }));
    }

    [Fact]
    public void CustomerEvents_Count_CapsTheEventsAsAPrefixOfTheWholePeriod()
    {
        var settings = Small(seed: 8);
        var whole = DataGenerator.Open(GeneratorDatasets.CustomerEvents, settings, TimeProvider.System);
        var capped = DataGenerator.Open(GeneratorDatasets.CustomerEvents, settings, TimeProvider.System, 5_000);

        var all = GeneratedRecord.Drain(whole);
        var first = GeneratedRecord.Drain(capped);

        Assert.Equal(long.MaxValue, whole.TotalCount);
        Assert.Equal(5_000, capped.TotalCount);
        Assert.Equal(all.Take(5_000).Select(r => r.Json), first.Select(r => r.Json));
        Assert.Equal(all.Count, whole.Position);
        Assert.Equal(whole.ChurnTruth!.Customers, capped.ChurnTruth!.Customers);
    }

    [Fact]
    public void CustomerEvents_OneCustomersEvents_DoNotDependOnTheOtherCustomers()
    {
        var noRetries = Small(seed: 2).Behaviour with { DuplicateRatio = 0 };
        string[] CustomerSeven(int customers) =>
        [
            .. TestSettings.Generate(GeneratorDatasets.CustomerEvents, Small(seed: 2) with { Customers = customers, Behaviour = noRetries })
                .Where(r => r.Key == "7").Select(r => r.Json),
        ];

        var few = CustomerSeven(10);
        var many = CustomerSeven(80);

        Assert.NotEmpty(few);
        Assert.Equal(few, many);
    }

    [Fact]
    public void CustomerEvents_LiveWithoutStart_StartsThePeriodAtTheClocksTimeAndIsPacedAtTheRate()
    {
        var now = new DateTimeOffset(2027, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);
        var settings = GeneratorSettings.Default with { Rate = 25, Customers = 50 };

        var stream = DataGenerator.Open(GeneratorDatasets.CustomerEvents, settings, new FakeTimeProvider(now), 200);
        var events = CustomerEvent.Drain(stream);

        Assert.Equal(25, stream.PacedRate);
        Assert.Equal(now, stream.ChurnTruth!.PeriodStart);
        Assert.Equal(now.AddDays(180), stream.ChurnTruth.PeriodEnd);
        Assert.Equal(200, events.Count);
        Assert.All(events, e => Assert.True(e.Timestamp >= now));
    }

    [Fact]
    public void ChurnTruth_Csv_HasTheHeaderThenOneLinePerCustomerOrderedById()
    {
        var settings = Small(seed: 12) with { Customers = 300 };
        var truth = DataGenerator.ChurnTruth(settings, TimeProvider.System);
        using var text = new StringWriter();

        truth.WriteCsv(text);

        var lines = text.ToString().Split('\n');
        Assert.Equal(ChurnGroundTruth.CsvHeader, lines[0]);
        Assert.Equal(string.Empty, lines[^1]);
        Assert.Equal(301, lines.Length - 1);
        for (var id = 1; id <= 300; id++)
        {
            var customer = truth.Customers[id - 1];
            var churnedAt = customer.ChurnedAt is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : string.Empty;
            Assert.Equal(id, customer.CustomerId.Value);
            Assert.Equal($"{id},{ChurnGroundTruth.SegmentName(customer.Segment)},{churnedAt}", lines[id]);
            Assert.Matches(CsvLine(), lines[id]);
        }

        Assert.Contains(lines, l => l.EndsWith('Z'));
        Assert.Contains(lines, l => l.EndsWith(','));
        Assert.Equal(truth.Customers, DataGenerator.Open(GeneratorDatasets.CustomerEvents, settings, TimeProvider.System).ChurnTruth!.Customers);
    }

    [Fact]
    public void OtherDatasets_HaveNoChurnTruth()
    {
        Assert.All(
            GeneratorDatasets.All.Where(d => d != GeneratorDatasets.CustomerEvents),
            d => Assert.Null(DataGenerator.Open(d, TestSettings.With(), TimeProvider.System, 1).ChurnTruth));
    }

    /// <summary>150 customers over 60 days: a whole period in a fraction of a second.</summary>
    private static GeneratorSettings Small(long seed) =>
        TestSettings.With(seed) with { Customers = 150, Behaviour = CustomerEventSettings.Default with { Days = 60 } };

    private static async Task<(byte[] Events, string Truth)> WriteAsync(GeneratorSettings settings)
    {
        using var buffer = new MemoryStream();
        var stream = DataGenerator.Open(GeneratorDatasets.CustomerEvents, settings, TimeProvider.System);
        await GeneratorOutput.WriteJsonLinesAsync(stream, buffer, TimeProvider.System);
        using var truth = new StringWriter();
        stream.ChurnTruth!.WriteCsv(truth);
        return (buffer.ToArray(), truth.ToString());
    }

    /// <summary>Events per customer in the 30 days before the churn, and per 30 days in the 60 days before those, over churners with 90 days of history.</summary>
    private double MedianPurchaseGapDays(CustomerSegment segment)
    {
        var gaps = run.Truth.Customers
            .Where(c => c.Segment == segment && c.ChurnedAt is null && run.ByCustomer.ContainsKey(c.CustomerId.Value))
            .SelectMany(c =>
            {
                var days = run.ByCustomer[c.CustomerId.Value].Where(e => e.Type == "purchase").Select(e => e.Timestamp.UtcDateTime.Date).Distinct().ToList();
                return days.Zip(days.Skip(1), (a, b) => (b - a).TotalDays);
            })
            .Order()
            .ToList();
        Assert.True(gaps.Count > 100, $"only {gaps.Count} gaps between purchase days of {segment} customers");
        return gaps[gaps.Count / 2];
    }

    private (int Customers, double Last30, double Before) Activity(IEnumerable<CustomerTruth> churners)
    {
        var (customers, last30, before) = (0, 0.0, 0.0);
        foreach (var churner in churners)
        {
            var churnedAt = churner.ChurnedAt!.Value;
            if (!run.ByCustomer.TryGetValue(churner.CustomerId.Value, out var events) || events[0].Timestamp > churnedAt.AddDays(-90))
            {
                continue;
            }

            customers++;
            last30 += events.Count(e => e.Type == "purchase" && e.Timestamp >= churnedAt.AddDays(-30));
            before += events.Count(e => e.Type == "purchase" && e.Timestamp >= churnedAt.AddDays(-90) && e.Timestamp < churnedAt.AddDays(-30)) / 2.0;
        }

        return (customers, last30 / customers, before / customers);
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"^[1-9][0-9]*,(loyal|occasional|bargain|at-risk),(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)?$")]
    private static partial Regex CsvLine();
}
