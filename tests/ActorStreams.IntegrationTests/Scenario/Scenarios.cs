using System.Globalization;
using ActorStreams.Generator;

namespace ActorStreams.IntegrationTests.Scenario;

/// <summary>The inputs of the end-to-end tests: generated data (simulated time, fixed seed) plus hand-made cases.</summary>
public static class Scenarios
{
    /// <summary>Event time of the first generated record.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// One preload of transactions with 5 % injected fraud and 10 % disorder up to 45 s, the insurance data (offers
    /// with an update and a bad one, details, activities), hand-made boundary cases and bad records; then a second
    /// phase of customer details only: details that arrive after their customers' activities, an update and a
    /// tombstone. Customer 13 never gets details.
    /// </summary>
    public static InputPlan Preloaded(int transactions = 30_000, int customers = 500, int activities = 4_000)
    {
        var settings = GeneratorSettings.Default with
        {
            Seed = 20261122,
            Customers = customers,
            Offers = 5,
            MerchantsPerCategory = 3,
            FraudRatio = 0.05,
            Disorder = TimeSpan.FromSeconds(45),
            DisorderRatio = 0.1,
            MeanCustomerInterval = TimeSpan.FromSeconds(customers * 0.5),
            Start = Start,
        };

        var offers = Generated.Records(GeneratorDatasets.CustomerOffers, settings);
        offers.Add(Generated.With(offers[1], o => o["offer_name"] = "offer-two-updated"));
        offers.AddRange(BadRecords.Offer());

        var (details, lateDetails) = SplitDetails(Generated.Records(GeneratorDatasets.CustomerDetails, settings), held: 10);

        var edges = EdgeCases.Transactions(Start + TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(15));
        edges.AddRange(EdgeCases.RandomTransactions(seed: 7, customers: 30, perCustomer: 40, Start + TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(3)));
        var payments = Generated.Merge(Generated.Transactions(settings, transactions), edges);

        var activity = Generated.Records(GeneratorDatasets.CustomerActivity, settings, activities);
        activity.AddRange(EdgeCases.Activities(Start + TimeSpan.FromMinutes(10)).Select(t => t.Record));

        // Bad records spread through the stream, between good records of the same partitions.
        var bad = BadRecords.Customer().Concat(BadRecords.Accepted()).ToList();
        var customerRecords = new List<PlannedRecord>();
        var good = payments.Concat(activity).ToList();
        var every = Math.Max(1, good.Count / (bad.Count + 1));
        for (var i = 0; i < good.Count; i++)
        {
            customerRecords.Add(good[i]);
            if (i % every == every - 1 && i / every < bad.Count)
            {
                customerRecords.Add(bad[i / every]);
            }
        }

        return new InputPlan([[.. offers, .. details, .. customerRecords], lateDetails]);
    }

    /// <summary>
    /// Three phases six hours of event time apart, each with its own generated transactions of the same customers and a
    /// third of the activities: the reference data and the boundary cases in the first; in the second, stale
    /// transactions (late for their customers); in the third, details of customers whose activities came before, an
    /// update and a tombstone. A fourth phase pushes every partition's watermark past every window
    /// (<see cref="WatermarkPushers"/>).
    /// </summary>
    public static InputPlan Phased(int partitions, int transactionsPerPhase = 4_000, int customers = 200, int activities = 1_500)
    {
        var settings = GeneratorSettings.Default with
        {
            Seed = 8080,
            Customers = customers,
            Offers = 5,
            MerchantsPerCategory = 2,
            FraudRatio = 0.05,
            Disorder = TimeSpan.FromSeconds(45),
            DisorderRatio = 0.1,
            MeanCustomerInterval = TimeSpan.FromSeconds(customers * 0.5),
            Start = Start,
        };

        var offers = Generated.Records(GeneratorDatasets.CustomerOffers, settings);
        var (details, lateDetails) = SplitDetails(Generated.Records(GeneratorDatasets.CustomerDetails, settings), held: 5);
        var activity = Generated.Records(GeneratorDatasets.CustomerActivity, settings, activities);
        var third = activities / 3;

        var phases = new List<IReadOnlyList<PlannedRecord>>();
        for (var k = 0; k < 3; k++)
        {
            var phaseSettings = settings with { Start = Start + TimeSpan.FromHours(6 * k) };
            var generated = Generated.Transactions(phaseSettings, transactionsPerPhase);
            var records = new List<PlannedRecord>();
            if (k == 0)
            {
                records.AddRange(offers);
                records.AddRange(details);
                records.AddRange(Generated.Merge(generated, EdgeCases.Transactions(Start + TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2))));
            }
            else
            {
                records.AddRange(generated.Select(t => t.Record));
            }

            records.AddRange(activity.Skip(k * third).Take(k == 2 ? int.MaxValue : third));
            if (k == 1)
            {
                for (var customer = 1; customer <= 5; customer++)
                {
                    var json = Json.Transaction($"stale-{customer}", customer, Start + TimeSpan.FromMinutes(10), 2500.00m, "dev-stale", null, null, "edge-m1", EdgeCases.Category, isFraud: true);
                    records.Add(PlannedRecord.Text(GeneratorDatasets.Transactions, customer.ToString(CultureInfo.InvariantCulture), json));
                }
            }

            if (k == 2)
            {
                records.AddRange(lateDetails);
            }

            phases.Add(records);
        }

        phases.Add(WatermarkPushers(partitions, Start + TimeSpan.FromDays(2)));
        return new InputPlan(phases);
    }

    /// <summary>Merchants of <see cref="Phased"/>: 2 per category and the edge merchants.</summary>
    public const int PhasedMerchants = (2 * 10) + 4;

    /// <summary>The merchant of <see cref="WatermarkPushers"/>, whose own windows stay open.</summary>
    public const string PusherMerchant = "edge-pusher";

    /// <summary>
    /// One transaction per customer partition at <paramref name="time"/> (customers 950000… chosen by their murmur2
    /// partition): every partition's watermark passes every earlier window, which are then emitted by watermark alone,
    /// without relying on idleness (wall-clock).
    /// </summary>
    public static List<PlannedRecord> WatermarkPushers(int partitions, DateTimeOffset time)
    {
        var records = new List<PlannedRecord>();
        var covered = new HashSet<int>();
        for (var customer = 950_000L; covered.Count < partitions; customer++)
        {
            var key = customer.ToString(CultureInfo.InvariantCulture);
            if (covered.Add(Kafka.Partitioning.Murmur2Partitioner.Partition(key, partitions)))
            {
                var json = Json.Transaction($"pusher-{customer}", customer, time, 1.00m, "dev-pusher", null, null, PusherMerchant, EdgeCases.Category, isFraud: false);
                records.Add(PlannedRecord.Text(GeneratorDatasets.Transactions, key, json));
            }
        }

        return records;
    }

    /// <summary>
    /// Keeps customers 1..<paramref name="held"/> back for the late phase, adds an update of customer held + 1 and a
    /// tombstone of held + 2 to it, and drops held + 3 (never any details).
    /// </summary>
    private static (List<PlannedRecord> Now, List<PlannedRecord> Late) SplitDetails(List<PlannedRecord> details, int held)
    {
        long CustomerOf(PlannedRecord r) => long.Parse(System.Text.Encoding.UTF8.GetString(r.Key!), CultureInfo.InvariantCulture);
        var now = new List<PlannedRecord>();
        var late = new List<PlannedRecord>();
        foreach (var record in details)
        {
            var customer = CustomerOf(record);
            if (customer <= held)
            {
                late.Add(record);
            }
            else if (customer == held + 1)
            {
                now.Add(record);
                late.Add(Generated.With(record, d =>
                {
                    d["last_name"] = "Updated-" + (string?)d["last_name"];
                    d["income"] = (long)d["income"]! + 1;
                }));
            }
            else if (customer == held + 2)
            {
                now.Add(record);
                late.Add(record with { Value = null });
            }
            else if (customer != held + 3)
            {
                now.Add(record);
            }
        }

        return (now, late);
    }
}
