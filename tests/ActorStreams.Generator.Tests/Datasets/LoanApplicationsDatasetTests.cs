using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorStreams.Generator.Internal;
using ActorStreams.Generator.Tests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Generator.Tests.Datasets;

[Trait("Category", "Unit")]
public sealed partial class LoanApplicationsDatasetTests(ITestOutputHelper output)
{
    private static readonly string[] Channels = ["web", "mobile", "branch", "partner", "call_center"];
    private static readonly string[] Decisions = ["approved", "rejected", "pending"];

    /// <summary>Per product: the purposes, terms and amount range of the contract.</summary>
    private static readonly Dictionary<string, (string[] Purposes, int[] Terms, decimal Min, decimal Max)> Products = new(StringComparer.Ordinal)
    {
        ["personal"] = (["debt_consolidation", "home_improvement", "medical", "car", "other"], [12, 24, 36, 48, 60], 1_000m, 50_000m),
        ["auto"] = (["car"], [36, 48, 60, 72, 84], 5_000m, 60_000m),
        ["mortgage"] = (["home_purchase", "home_improvement"], [180, 240, 360], 80_000m, 900_000m),
        ["student"] = (["education"], [60, 84, 120, 180, 240], 2_000m, 80_000m),
        ["business"] = (["business_expansion", "other"], [12, 24, 36, 60, 84, 120], 10_000m, 500_000m),
    };

    [Fact]
    public void LoanApplications_SameSeedAndSettings_AreByteIdenticalAndAnotherSeedIsNot()
    {
        var settings = TestSettings.With(seed: 5) with { FraudRatio = 0.1 };

        var first = TestSettings.Generate(GeneratorDatasets.LoanApplications, settings, 4_000).Select(r => r.Json).ToList();
        var second = TestSettings.Generate(GeneratorDatasets.LoanApplications, settings, 4_000).Select(r => r.Json).ToList();
        var otherSeed = TestSettings.Generate(GeneratorDatasets.LoanApplications, settings with { Seed = 6 }, 4_000).Select(r => r.Json).ToList();

        Assert.Equal(first, second);
        Assert.Empty(first.Intersect(otherSeed));
    }

    [Fact]
    public void LoanApplications_Fields_AreInTheirRangesAndSets()
    {
        var records = TestSettings.Generate(GeneratorDatasets.LoanApplications, TestSettings.With() with { FraudRatio = 0.05 }, 20_000);
        var values = records.Select(r => r.Parse()).ToList();

        Assert.All(records, r => Assert.Equal(GeneratorDatasets.LoanApplications, r.Topic));
        Assert.All(records, r => Assert.Equal(r.Parse().GetProperty("customer_id").GetInt64().ToString(CultureInfo.InvariantCulture), r.Key));
        Assert.Equal(values.Count, values.Select(v => v.GetProperty("application_id").GetString()).Distinct().Count());
        foreach (var value in values)
        {
            var json = value.GetRawText();
            Assert.Matches(Uuid(), value.GetProperty("application_id").GetString());
            Assert.InRange(value.GetProperty("customer_id").GetInt64(), 1, 1_000);
            Assert.Contains(value.GetProperty("channel").GetString(), Channels);
            var (purposes, terms, min, max) = Products[value.GetProperty("product").GetString()!];
            Assert.Contains(value.GetProperty("loan_purpose").GetString(), purposes);
            Assert.Contains(value.GetProperty("term_months").GetInt32(), terms);
            var amount = value.GetProperty("loan_amount").GetDecimal();
            Assert.True(amount >= min && amount <= max && Decimals(amount) <= 2, json);
            var income = value.GetProperty("annual_income").GetDecimal();
            Assert.True(income > 0 && Decimals(income) <= 2, json);
            var debt = value.GetProperty("monthly_debt").GetDecimal();
            Assert.True(debt >= 0 && Decimals(debt) <= 2, json);
            Assert.InRange(value.GetProperty("credit_score").GetInt32(), 300, 850);
            var employment = value.GetProperty("employment_years").GetDecimal();
            Assert.True(employment >= 0 && Decimals(employment) <= 1, json);
            var identity = value.GetProperty("identity_verification_score").GetDecimal();
            Assert.True(identity >= 0 && identity <= 1 && Decimals(identity) <= 3, json);
            Assert.True(IPAddress.TryParse(value.GetProperty("ip_address").GetString(), out var ip) && ip.AddressFamily == AddressFamily.InterNetwork, json);
            var duration = value.GetProperty("application_duration_s").GetDecimal();
            Assert.True(duration > 0 && Decimals(duration) <= 1, json);
            Assert.Contains(value.GetProperty("decision").GetString(), Decisions);
            var processing = value.GetProperty("processing_time_s").GetDecimal();
            Assert.True(processing >= 0 && Decimals(processing) <= 1, json);
            Assert.Matches(DeviceId(), value.GetProperty("device_id").GetString());
        }

        // Everyday applications: identity checks mostly pass, forms take minutes, and the device is one of the customer's own 1–2.
        var everyday = values.Where(v => !v.GetProperty("is_fraud").GetBoolean()).ToList();
        Assert.All(everyday, v => Assert.True(v.GetProperty("identity_verification_score").GetDecimal() >= 0.35m, v.GetRawText()));
        Assert.All(everyday, v => Assert.InRange(v.GetProperty("application_duration_s").GetDecimal(), 90m, 1_800m));
        Assert.All(everyday, v => Assert.Matches(
            $"^dev-{v.GetProperty("customer_id").GetInt64().ToString(CultureInfo.InvariantCulture)}-[12]$", v.GetProperty("device_id").GetString()));
        Assert.All(everyday.GroupBy(v => v.GetProperty("customer_id").GetInt64()), g => Assert.InRange(g.Select(v => v.GetProperty("device_id").GetString()).Distinct().Count(), 1, 2));
    }

    [Fact]
    public void LoanApplications_Distributions_AreRoughlyAsSpecified()
    {
        var everyday = TestSettings.Generate(GeneratorDatasets.LoanApplications, TestSettings.With(seed: 3) with { FraudRatio = 0 }, 40_000)
            .Select(r => r.Parse()).ToList();
        double Share(Func<JsonElement, bool> predicate, IReadOnlyCollection<JsonElement>? of = null) =>
            (double)(of ?? everyday).Count(predicate) / (of ?? everyday).Count;
        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }

        foreach (var (channel, share) in new[] { ("web", 0.40), ("mobile", 0.30), ("branch", 0.12), ("partner", 0.10), ("call_center", 0.08) })
        {
            Assert.InRange(Share(v => v.GetProperty("channel").GetString() == channel), share - 0.03, share + 0.03);
        }

        foreach (var (product, share) in new[] { ("personal", 0.40), ("auto", 0.25), ("mortgage", 0.15), ("student", 0.10), ("business", 0.10) })
        {
            Assert.InRange(Share(v => v.GetProperty("product").GetString() == product), share - 0.02, share + 0.02);
        }

        // Amounts follow the product: a mortgage is far larger than an auto loan, which is larger than a personal one.
        double MedianAmount(string product) => Median(everyday.Where(v => v.GetProperty("product").GetString() == product).Select(v => v.GetProperty("loan_amount").GetDouble()));
        output.WriteLine(string.Join(", ", Products.Keys.Select(p => $"{p} median {MedianAmount(p):0}")));
        Assert.True(MedianAmount("mortgage") > 5 * MedianAmount("auto") && MedianAmount("auto") > 1.5 * MedianAmount("personal"));
        Assert.InRange(MedianAmount("mortgage"), 150_000, 400_000);

        // The applicants: income log-normal around 60k, credit scores around 690 (sd 70), debt mostly under 40% of income, some new jobs.
        var credit = everyday.Select(v => v.GetProperty("credit_score").GetDouble()).ToList();
        var creditMean = credit.Average();
        var creditSd = Math.Sqrt(credit.Average(c => (c - creditMean) * (c - creditMean)));
        output.WriteLine($"credit mean {creditMean:0.0}, sd {creditSd:0.0}");
        Assert.InRange(creditMean, 675, 705);
        Assert.InRange(creditSd, 60, 80);
        Assert.InRange(Median(everyday.Select(v => v.GetProperty("annual_income").GetDouble())), 52_000, 68_000);
        Assert.True(Share(v => DebtToIncome(v) <= 0.4) > 0.95);
        Assert.InRange(Share(v => v.GetProperty("employment_years").GetDouble() < 1), 0.03, 0.3);
        Assert.True(Share(v => v.GetProperty("identity_verification_score").GetDouble() >= 0.6) > 0.9);

        // Decisions: about 10% pending; good credit with low debt mostly approved, poor credit mostly rejected.
        Assert.InRange(Share(v => v.GetProperty("decision").GetString() == "pending"), 0.08, 0.12);
        var good = everyday.Where(v => v.GetProperty("credit_score").GetInt32() >= 740 && DebtToIncome(v) < 0.2).ToList();
        var poor = everyday.Where(v => v.GetProperty("credit_score").GetInt32() < 580).ToList();
        Assert.True(good.Count > 1_000 && poor.Count > 1_000);
        Assert.True(Share(v => v.GetProperty("decision").GetString() == "approved", good) > 0.8);
        Assert.True(Share(v => v.GetProperty("decision").GetString() == "rejected", poor) > 0.6);

        // Decisions take seconds to minutes online, about an hour in a branch or the call centre, in between at partners.
        double MedianProcessing(string channel) => Median(everyday.Where(v => v.GetProperty("channel").GetString() == channel).Select(v => v.GetProperty("processing_time_s").GetDouble()));
        output.WriteLine(string.Join(", ", Channels.Select(c => $"{c} processing median {MedianProcessing(c):0.0} s")));
        Assert.All(new[] { "web", "mobile" }, c => Assert.InRange(MedianProcessing(c), 5, 300));
        Assert.InRange(MedianProcessing("partner"), 300, 1_800);
        Assert.All(new[] { "branch", "call_center" }, c => Assert.InRange(MedianProcessing(c), 1_800, 4 * 3_600));
    }

    public static TheoryData<int, double> DisorderCases => new()
    {
        { 2_000, 0.1 },
        { 60_000, 1.0 },
        { 0, 0 },
    };

    /// <summary>
    /// Every injected pattern trips the rule it is made for, computed here independently in arrival order; no pattern trips
    /// another's rule; everyday applications trip none (the pool is large enough for the 25 h rest between a customer's
    /// applications). Disorder up to its maximum changes neither.
    /// </summary>
    [Theory]
    [MemberData(nameof(DisorderCases))]
    public void LoanApplications_InjectedPatterns_EachTripTheirRuleAndEverydayApplicationsTripNone(int disorderMillis, double disorderRatio)
    {
        var settings = TestSettings.With(seed: 11) with
        {
            FraudRatio = 0.05,
            Disorder = TimeSpan.FromMilliseconds(disorderMillis),
            DisorderRatio = disorderRatio,
        };
        var stream = (LoanApplicationStream)DataGenerator.Open(GeneratorDatasets.LoanApplications, settings, TimeProvider.System, 40_000);
        var rules = new LoanRules();
        var tripped = new Dictionary<LoanFraudInjection, HashSet<LoanFraudPattern>>();
        var onEveryday = new List<string>();

        while (stream.MoveNext())
        {
            var value = JsonDocument.Parse(stream.Value.ToArray()).RootElement;
            var trips = rules.Apply(value);
            if (stream.CurrentInjection is { } injection)
            {
                Assert.True(value.GetProperty("is_fraud").GetBoolean());
                (tripped.TryGetValue(injection, out var set) ? set : tripped[injection] = []).UnionWith(trips);
            }
            else
            {
                Assert.False(value.GetProperty("is_fraud").GetBoolean());
                onEveryday.AddRange(trips.Select(t => $"{t}: {value.GetRawText()}"));
            }
        }

        output.WriteLine(stream.Statistics.ToString());
        Assert.Equal(stream.Statistics.FraudRecords, rules.Count(fraud: true));
        foreach (var pattern in Enum.GetValues<LoanFraudPattern>())
        {
            var instances = tripped.Where(p => p.Key.Pattern == pattern).ToList();
            Assert.True(instances.Count >= 100, $"only {instances.Count} {pattern} patterns injected");
            Assert.Equal(stream.Statistics.LoanPatterns[pattern], instances.Count);
            Assert.All(instances, p => Assert.Equal([pattern], p.Value));
        }

        Assert.True(onEveryday.Count == 0, $"{onEveryday.Count} rules tripped by everyday applications, e.g. {string.Join("; ", onEveryday.Take(3))}");
    }

    [Fact]
    public void LoanApplications_Patterns_HaveTheirShapes()
    {
        var stream = (LoanApplicationStream)DataGenerator.Open(GeneratorDatasets.LoanApplications, TestSettings.With() with { FraudRatio = 0.1 }, TimeProvider.System, 20_000);
        var byInjection = new Dictionary<LoanFraudInjection, List<JsonElement>>();
        while (stream.MoveNext())
        {
            if (stream.CurrentInjection is { } injection)
            {
                (byInjection.TryGetValue(injection, out var list) ? list : byInjection[injection] = []).Add(JsonDocument.Parse(stream.Value.ToArray()).RootElement.Clone());
            }
        }

        static DateTimeOffset Time(JsonElement v) => v.GetProperty("timestamp").GetDateTimeOffset();
        foreach (var (injection, records) in byInjection)
        {
            var span = Time(records[^1]) - Time(records[0]);
            var customers = records.Select(r => r.GetProperty("customer_id").GetInt64()).Distinct().Count();
            var devices = records.Select(r => r.GetProperty("device_id").GetString()).Distinct().ToList();
            switch (injection.Pattern)
            {
                case LoanFraudPattern.IdentityMismatch:
                    Assert.Single(records);
                    Assert.InRange(records[0].GetProperty("identity_verification_score").GetDouble(), 0.02, 0.28);
                    break;
                case LoanFraudPattern.Bot:
                    Assert.Single(records);
                    Assert.InRange(records[0].GetProperty("application_duration_s").GetDouble(), 2, 25);
                    break;
                case LoanFraudPattern.SharedDevice:
                    Assert.InRange(records.Count, 3, 5);
                    Assert.Equal(records.Count, customers);
                    Assert.Matches("^dev-ring-[0-9]+$", Assert.Single(devices));
                    Assert.InRange(span, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(50));
                    break;
                default:
                    Assert.InRange(records.Count, 3, 4);
                    Assert.Equal(1, customers);
                    Assert.Single(records.Select(r => r.GetProperty("product").GetString()).Distinct());
                    Assert.InRange(span, TimeSpan.FromMinutes(30), TimeSpan.FromHours(4.5));
                    break;
            }

            Assert.Equal(records.OrderBy(Time).Select(r => r.GetRawText()), records.Select(r => r.GetRawText()));
        }
    }

    [Theory]
    [InlineData(0.02)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void LoanApplications_FraudRatio_LabelsThatShareOfRecords(double ratio)
    {
        var stream = DataGenerator.Open(GeneratorDatasets.LoanApplications, TestSettings.With() with { FraudRatio = ratio }, TimeProvider.System, 40_000);
        var records = GeneratedRecord.Drain(stream);
        var labelled = records.Count(r => r.Parse().GetProperty("is_fraud").GetBoolean());

        var measured = (double)labelled / records.Count;
        output.WriteLine($"requested {ratio}, measured {measured:0.0000}: {stream.Statistics}");
        Assert.Equal(labelled, stream.Statistics.FraudRecords);
        Assert.InRange(measured, ratio * 0.9, ratio * 1.1);

        // The four patterns in roughly equal numbers.
        var patterns = stream.Statistics.LoanPatterns.Values.ToList();
        Assert.True(patterns.Min() * 1.5 > patterns.Max(), string.Join(", ", patterns));
    }

    [Fact]
    public void LoanApplications_ZeroFraudRatio_InjectsNothing()
    {
        var stream = DataGenerator.Open(GeneratorDatasets.LoanApplications, TestSettings.With() with { FraudRatio = 0 }, TimeProvider.System, 5_000);

        Assert.All(GeneratedRecord.Drain(stream), r => Assert.False(r.Parse().GetProperty("is_fraud").GetBoolean()));
        Assert.All(stream.Statistics.LoanPatterns.Values, count => Assert.Equal(0, count));
        Assert.Equal("5000 records (loan-applications 5000)", stream.Statistics.ToString());
    }

    [Fact]
    public void LoanApplications_Statistics_SummariseTheLoanPatterns()
    {
        var stream = DataGenerator.Open(GeneratorDatasets.LoanApplications, TestSettings.With(), TimeProvider.System, 10_000);
        GeneratedRecord.Drain(stream);

        var patterns = stream.Statistics.LoanPatterns;
        var summary = stream.Statistics.ToString();
        output.WriteLine(summary);
        Assert.All(patterns.Values, count => Assert.True(count > 0));
        Assert.All(stream.Statistics.Patterns.Values, count => Assert.Equal(0, count));
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"10000 records (loan-applications 10000), {stream.Statistics.FraudRecords} labelled fraud ({stream.Statistics.FraudRecords / 100.0:0.00}%), patterns: ") +
            string.Create(CultureInfo.InvariantCulture, $"IdentityMismatch {patterns[LoanFraudPattern.IdentityMismatch]}, Bot {patterns[LoanFraudPattern.Bot]}, ") +
            string.Create(CultureInfo.InvariantCulture, $"SharedDevice {patterns[LoanFraudPattern.SharedDevice]}, Burst {patterns[LoanFraudPattern.Burst]}"),
            summary);
    }

    [Fact]
    public void LoanApplications_EverydayApplicationsOfACustomer_AreMoreThanADayApart()
    {
        var settings = TestSettings.With() with { Customers = 300, FraudRatio = 0.05, Disorder = TimeSpan.FromMinutes(1), DisorderRatio = 0.5 };
        var everyday = TestSettings.Generate(GeneratorDatasets.LoanApplications, settings, 20_000)
            .Select(r => r.Parse())
            .Where(v => !v.GetProperty("is_fraud").GetBoolean())
            .ToList();

        var gaps = everyday
            .GroupBy(v => v.GetProperty("customer_id").GetInt64())
            .SelectMany(g => g.Select(v => v.GetProperty("timestamp").GetDateTimeOffset()).Zip(g.Skip(1).Select(v => v.GetProperty("timestamp").GetDateTimeOffset()), (a, b) => b - a))
            .ToList();

        Assert.True(gaps.Count > 15_000);
        Assert.All(gaps, gap => Assert.True(gap > TimeSpan.FromHours(24), $"two everyday applications {gap} apart"));

        // About once per 30 mean-customer-intervals (30 h by default), not once an hour as payments.
        Assert.InRange(gaps.Average(g => g.TotalHours), 25, 40);
    }

    [Fact]
    public void LoanApplications_RateZero_SpacesApplicationsSoEachCustomerAppliesAboutOncePerThirtyIntervals()
    {
        var settings = TestSettings.With() with { Customers = 600, MeanCustomerInterval = TimeSpan.FromHours(2), DisorderRatio = 0, FraudRatio = 0 };

        var times = TestSettings.Generate(GeneratorDatasets.LoanApplications, settings, 601).Select(r => r.Parse().GetProperty("timestamp").GetDateTimeOffset()).ToList();

        Assert.Equal(TestSettings.Start, times[0]);
        Assert.Equal(TestSettings.Start.AddHours(2 * 30), times[^1]);
    }

    [Fact]
    public void LoanApplications_LiveWithoutStart_StampsTheClocksTimeAndRepeatsTheRestOfEachRecord()
    {
        var settings = GeneratorSettings.Default with { Rate = 10, DisorderRatio = 0, FraudRatio = 0 };
        var early = GeneratedRecord.Drain(DataGenerator.Open(
            GeneratorDatasets.LoanApplications, settings, new FakeTimeProvider(new DateTimeOffset(2027, 3, 4, 5, 6, 7, TimeSpan.Zero)), 3));
        var late = GeneratedRecord.Drain(DataGenerator.Open(
            GeneratorDatasets.LoanApplications, settings, new FakeTimeProvider(new DateTimeOffset(2027, 3, 4, 6, 0, 0, TimeSpan.Zero)), 3));

        Assert.Equal(
            ["2027-03-04T05:06:07.000Z", "2027-03-04T05:06:07.100Z", "2027-03-04T05:06:07.200Z"],
            early.Select(r => r.Parse().GetProperty("timestamp").GetString()));
        Assert.Equal(
            ["2027-03-04T06:00:00.000Z", "2027-03-04T06:00:00.100Z", "2027-03-04T06:00:00.200Z"],
            late.Select(r => r.Parse().GetProperty("timestamp").GetString()));

        // Application ids derive from the start, so they change with the clock too; everything else repeats.
        static string? Id(GeneratedRecord record) => record.Parse().GetProperty("application_id").GetString();
        static string WithoutTimeAndId(GeneratedRecord record) =>
            string.Join(',', record.Parse().EnumerateObject().Where(p => p.Name is not ("timestamp" or "application_id")).Select(p => $"{p.Name}={p.Value.GetRawText()}"));
        Assert.Empty(early.Select(Id).Intersect(late.Select(Id)));
        Assert.Equal(early.Select(WithoutTimeAndId), late.Select(WithoutTimeAndId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void LoanApplications_TinyCustomerPool_StillInjectsPatternsThatTripTheirRule(int customers)
    {
        var settings = TestSettings.With() with { Customers = customers, FraudRatio = 0.2 };
        var stream = (LoanApplicationStream)DataGenerator.Open(GeneratorDatasets.LoanApplications, settings, TimeProvider.System, 3_000);
        var rules = new LoanRules();
        var tripped = new Dictionary<LoanFraudInjection, HashSet<LoanFraudPattern>>();
        while (stream.MoveNext())
        {
            var trips = rules.Apply(JsonDocument.Parse(stream.Value.ToArray()).RootElement);
            if (stream.CurrentInjection is { } injection)
            {
                (tripped.TryGetValue(injection, out var set) ? set : tripped[injection] = []).UnionWith(trips);
            }
        }

        // A ring needs three distinct customers.
        Assert.Equal(customers >= 3, stream.Statistics.LoanPatterns[LoanFraudPattern.SharedDevice] > 0);
        Assert.True(tripped.Count > 100);
        Assert.All(tripped, p => Assert.Contains(p.Key.Pattern, p.Value));
    }

    private static double DebtToIncome(JsonElement value) =>
        value.GetProperty("monthly_debt").GetDouble() / (value.GetProperty("annual_income").GetDouble() / 12);

    /// <summary>Decimal places as written (the scale of the parsed decimal, trailing zeros included).</summary>
    private static int Decimals(decimal value) => value.Scale;

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Uuid();

    [GeneratedRegex("^dev-([0-9]+-[1-9]|ring-[0-9]+)$")]
    private static partial Regex DeviceId();

    /// <summary>
    /// The four loan fraud rules, computed independently in arrival order: identity mismatch (score below 0.3), bot (form
    /// under 30 s), shared device (3 or more distinct customers on the device within the hour up to and including the
    /// application, counting those that arrived before it) and burst (3 or more applications of the customer within the
    /// 24 h up to and including it, likewise).
    /// </summary>
    private sealed class LoanRules
    {
        private readonly Dictionary<long, List<DateTimeOffset>> _byCustomer = [];
        private readonly Dictionary<string, List<(DateTimeOffset Time, long Customer)>> _byDevice = new(StringComparer.Ordinal);
        private readonly long[] _labelled = new long[2];

        /// <summary>Records applied so far with <c>is_fraud</c> equal to <paramref name="fraud"/>.</summary>
        public long Count(bool fraud) => _labelled[fraud ? 1 : 0];

        /// <summary>Adds the application and returns the rules it trips, named by the pattern made to trip each.</summary>
        public HashSet<LoanFraudPattern> Apply(JsonElement application)
        {
            _labelled[application.GetProperty("is_fraud").GetBoolean() ? 1 : 0]++;
            var time = application.GetProperty("timestamp").GetDateTimeOffset();
            var customer = application.GetProperty("customer_id").GetInt64();
            var device = application.GetProperty("device_id").GetString()!;
            var times = _byCustomer.TryGetValue(customer, out var list) ? list : _byCustomer[customer] = [];
            times.Add(time);
            var uses = _byDevice.TryGetValue(device, out var deviceList) ? deviceList : _byDevice[device] = [];
            uses.Add((time, customer));

            var tripped = new HashSet<LoanFraudPattern>();
            if (application.GetProperty("identity_verification_score").GetDouble() < 0.3)
            {
                tripped.Add(LoanFraudPattern.IdentityMismatch);
            }

            if (application.GetProperty("application_duration_s").GetDouble() < 30)
            {
                tripped.Add(LoanFraudPattern.Bot);
            }

            if (uses.Where(u => u.Time >= time - TimeSpan.FromHours(1) && u.Time <= time).Select(u => u.Customer).Distinct().Count() >= 3)
            {
                tripped.Add(LoanFraudPattern.SharedDevice);
            }

            if (times.Count(t => t >= time - TimeSpan.FromHours(24) && t <= time) >= 3)
            {
                tripped.Add(LoanFraudPattern.Burst);
            }

            return tripped;
        }
    }
}
