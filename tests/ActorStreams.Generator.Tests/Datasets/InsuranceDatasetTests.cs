using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Churn;
using ActorStreams.Domain.Events;
using ActorStreams.Generator.Tests.Support;
using Xunit.Abstractions;

namespace ActorStreams.Generator.Tests.Datasets;

[Trait("Category", "Unit")]
public sealed class InsuranceDatasetTests(ITestOutputHelper output)
{
    [Fact]
    public void Insurance_Records_AreOffersThenDetailsThenActivitiesWithConsistentIds()
    {
        var settings = TestSettings.With() with { Customers = 400, Offers = 9 };
        var records = TestSettings.Generate(GeneratorDatasets.Insurance, settings, 5_000);

        Assert.Equal(9 + 400 + 5_000, records.Count);
        Assert.Equal(
            [GeneratorDatasets.CustomerOffers, GeneratorDatasets.CustomerDetails, GeneratorDatasets.CustomerActivity],
            records.Select(r => r.Topic).Distinct());
        Assert.True(records.Take(9).All(r => r.Topic == GeneratorDatasets.CustomerOffers));
        Assert.True(records.Skip(9).Take(400).All(r => r.Topic == GeneratorDatasets.CustomerDetails));

        var offers = records.Where(r => r.Topic == GeneratorDatasets.CustomerOffers).Select(r => r.Parse().GetProperty("offer_id").GetInt64()).ToList();
        var customers = records.Where(r => r.Topic == GeneratorDatasets.CustomerDetails).Select(r => r.Parse().GetProperty("customer_id").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), offers);
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), customers);

        var activities = records.Where(r => r.Topic == GeneratorDatasets.CustomerActivity).Select(r => r.Parse()).ToList();
        Assert.All(activities, a => Assert.Contains(a.GetProperty("customer_id").GetInt64(), customers));
        Assert.All(activities.Where(a => a.GetProperty("offer_id").ValueKind != JsonValueKind.Null), a => Assert.Contains(a.GetProperty("offer_id").GetInt64(), offers));
        Assert.Equal(Enumerable.Range(1, 5_000).Select(i => (long)i), activities.Select(a => a.GetProperty("activity_id").GetInt64()));
        Assert.InRange(activities.Count(a => a.GetProperty("offer_id").ValueKind == JsonValueKind.Null), 400, 1_200);
        Assert.True(activities.Select(a => a.GetProperty("customer_id").GetInt64()).Distinct().Count() > 350);
    }

    [Fact]
    public void Insurance_Shape_MatchesTheReferenceExamples()
    {
        var records = TestSettings.Generate(GeneratorDatasets.Insurance, TestSettings.With() with { Customers = 50 }, 200);
        string[] Fields(string topic) => [.. records.First(r => r.Topic == topic).Parse().EnumerateObject().Select(p => p.Name)];

        Assert.Equal(["offer_id", "offer_name", "offer_url"], Fields(GeneratorDatasets.CustomerOffers));
        Assert.Equal(["customer_id", "first_name", "last_name", "email", "gender", "income", "fico", "years_active"], Fields(GeneratorDatasets.CustomerDetails));
        Assert.Equal(["activity_id", "customer_id", "activity_type", "propensity_to_churn", "ip_address", "offer_id", "timestamp"], Fields(GeneratorDatasets.CustomerActivity));

        var offers = records.Where(r => r.Topic == GeneratorDatasets.CustomerOffers).Select(r => r.Parse()).ToList();
        Assert.Equal(["new_home_policy", "new_auto_policy", "discount_existing", "safe_driver_program", "no_offer"], offers.Select(o => o.GetProperty("offer_name").GetString()));
        Assert.All(offers, o => Assert.True(Uri.TryCreate(o.GetProperty("offer_url").GetString(), UriKind.Absolute, out _)));

        var details = records.Where(r => r.Topic == GeneratorDatasets.CustomerDetails).Select(r => r.Parse()).ToList();
        Assert.All(details, d =>
        {
            Assert.Contains('@', d.GetProperty("email").GetString()!);
            Assert.Contains(d.GetProperty("gender").GetString(), new[] { "Male", "Female" });
            Assert.InRange(d.GetProperty("fico").GetInt32(), 300, 850);
            Assert.InRange(d.GetProperty("income").GetInt64(), 20_000, 750_000);
            Assert.InRange(d.GetProperty("years_active").GetInt32(), 1, 45);
            Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("first_name").GetString()));
        });

        var activities = records.Where(r => r.Topic == GeneratorDatasets.CustomerActivity).Select(r => r.Parse()).ToList();
        Assert.All(activities, a => Assert.True(System.Net.IPAddress.TryParse(a.GetProperty("ip_address").GetString(), out _)));
        Assert.All(activities, a => Assert.InRange(a.GetProperty("propensity_to_churn").GetDouble(), 0, 1));
    }

    [Fact]
    public void SingleDatasets_WithTheSameSeed_EqualTheirPartOfInsurance()
    {
        var settings = TestSettings.With() with { Customers = 120, Offers = 6 };
        var insurance = TestSettings.Generate(GeneratorDatasets.Insurance, settings, 700);

        foreach (var dataset in new[] { GeneratorDatasets.CustomerOffers, GeneratorDatasets.CustomerDetails, GeneratorDatasets.CustomerActivity })
        {
            var alone = TestSettings.Generate(dataset, settings, dataset == GeneratorDatasets.CustomerActivity ? 700 : null);
            Assert.Equal(insurance.Where(r => r.Topic == dataset).Select(r => r.Json), alone.Select(r => r.Json));
        }
    }

    [Fact]
    public void CustomerDetails_Count_ChoosesHowManyCustomersAndAPrefixStaysTheSame()
    {
        var settings = TestSettings.With() with { Customers = 100 };

        var three = TestSettings.Generate(GeneratorDatasets.CustomerDetails, settings, 3);
        var all = TestSettings.Generate(GeneratorDatasets.CustomerDetails, settings);

        Assert.Equal(100, all.Count);
        Assert.Equal(all.Take(3).Select(r => r.Json), three.Select(r => r.Json));
    }

    [Fact]
    public void CustomerActivity_Churn_SomeCustomersCrossTheThresholdAndNewAccountsChurnMore()
    {
        var settings = TestSettings.With(seed: 3) with { Customers = 500 };
        var records = TestSettings.Generate(GeneratorDatasets.CustomerActivity, settings, 10_000).Select(r => r.Parse()).ToList();
        var states = new Dictionary<long, ChurnState>();
        var alerts = new List<ChurnAlert>();
        var crossed = new HashSet<long>();

        foreach (var record in records)
        {
            var customer = record.GetProperty("customer_id").GetInt64();
            var activity = new CustomerActivity
            {
                ActivityId = new ActivityId(record.GetProperty("activity_id").GetInt64()),
                CustomerId = new CustomerId(customer),
                ActivityType = record.GetProperty("activity_type").GetString()!,
                PropensityToChurn = record.GetProperty("propensity_to_churn").GetDouble(),
                IpAddress = record.GetProperty("ip_address").GetString()!,
            };
            if (!states.TryGetValue(customer, out var state))
            {
                states[customer] = state = new ChurnState(ChurnSettings.Default);
            }

            alerts.Clear();
            var time = EventTime.FromDateTimeOffset(record.GetProperty("timestamp").GetDateTimeOffset());
            if (state.Apply(activity, time, time, alerts).Fired)
            {
                crossed.Add(customer);
            }
        }

        output.WriteLine($"{crossed.Count} of {states.Count} customers crossed the churn threshold");
        Assert.InRange(crossed.Count, states.Count / 20, states.Count * 6 / 10);

        double MeanPropensity(string type) => records.Where(r => r.GetProperty("activity_type").GetString() == type).Average(r => r.GetProperty("propensity_to_churn").GetDouble());
        Assert.True(MeanPropensity("new_account") > MeanPropensity("web_open") + 0.1, $"new_account {MeanPropensity("new_account")}, web_open {MeanPropensity("web_open")}");
    }
}
