using ActorStreams.Generator;

namespace ActorStreams.IntegrationTests.Scenario;

/// <summary>
/// Hand-made boundary cases of docs/design.md §6 on their own customers (900001…) and merchants (<c>edge-m1</c>…), placed
/// inside the generated stream's time range: amounts exactly on the thresholds, transactions exactly 5 s and 60 s
/// apart, equal timestamps, cooldown edges, lateness exactly at and just beyond 5 min, travel just under and over
/// 500 km and 900 km/h, a device history of 10, and a seeded boundary-heavy random stream. The oracle decides what
/// fires; <see cref="Oracle.OracleTests"/> checks it on the named cases.
/// </summary>
public static class EdgeCases
{
    /// <summary>The category of every edge merchant (one category per merchant keeps metrics independent of merge order).</summary>
    public const string Category = "edge-shop";

    private const string Topic = GeneratorDatasets.Transactions;

    private static readonly decimal[] BoundaryAmounts =
        [0.01m, 100.00m, 250.00m, 333.33m, 333.34m, 499.99m, 500.00m, 500.01m, 999.99m, 1000.00m, 1000.01m, 2000.00m, 2000.01m, 2500.00m];

    private static readonly double[] StepSeconds = [0, 0, 1, 2, 2.5, 5, 5, 5.001, 10, 30, 55, 59.999, 60, 60, 61, 120, 300, 301];

    private static readonly (double Lat, double Lon)[] Places =
    [
        (48.8566, 2.3522), // Paris
        (52.5200, 13.4050), // Berlin
        (51.5074, -0.1278), // London
        (40.7128, -74.0060), // New York
        (35.6762, 139.6503), // Tokyo
        (0, 0),
        (0, 4.4966), // 499.99 km from (0, 0)
        (0, 4.4967), // 500.00 km + 11 m from (0, 0)
        (48.8600, 2.3600), // Paris again, nearby
    ];

    /// <summary>The named sequences, each starting <paramref name="spacing"/> after the previous one from <paramref name="start"/>.</summary>
    public static List<Timed> Transactions(DateTimeOffset start, TimeSpan spacing)
    {
        var sequences = new List<Sequence>
        {
            HighAmount(), RapidFireExactlyFiveSeconds(), RapidFireJustOverFiveSeconds(), EqualTimestamps(), Velocity(),
            Lateness(), Travel(), TravelSpeed(), NewDevice(), FirstTransaction(), Duplicates(),
        };
        var result = new List<Timed>();
        for (var i = 0; i < sequences.Count; i++)
        {
            result.AddRange(sequences[i].Render(start + (i * spacing)));
        }

        return result;
    }

    /// <summary>A seeded boundary-heavy random stream of <paramref name="customers"/> customers (900100…), each starting <paramref name="spacing"/> after the previous.</summary>
    public static List<Timed> RandomTransactions(int seed, int customers, int perCustomer, DateTimeOffset start, TimeSpan spacing)
    {
        var random = new Random(seed);
        var result = new List<Timed>();
        for (var c = 0; c < customers; c++)
        {
            var customer = 900_100L + c;
            var sequence = new Sequence(customer);
            var clock = 0.0;
            for (var i = 0; i < perCustomer; i++)
            {
                var roll = random.NextDouble();
                double t;
                if (roll < 0.70)
                {
                    clock += StepSeconds[random.Next(StepSeconds.Length)];
                    t = clock;
                }
                else if (roll < 0.80)
                {
                    t = clock - random.Next(0, 300);
                }
                else if (roll < 0.88)
                {
                    // Right at the lateness boundary: exactly 300 s back is not late, a millisecond more is.
                    t = clock - 300 - (random.Next(3) * 0.001);
                }
                else if (roll < 0.93)
                {
                    t = clock - random.Next(301, 3000);
                }
                else
                {
                    clock += random.Next(0, 5000) / 1000.0;
                    t = clock;
                }

                var amount = random.NextDouble() < 0.6
                    ? BoundaryAmounts[random.Next(BoundaryAmounts.Length)]
                    : Math.Round(random.Next(1, 150_000) / 100m, 2);
                var device = $"c{customer}-d{random.Next(1 + (int)(customer % 14))}";
                double? lat = null;
                double? lon = null;
                var located = random.NextDouble();
                if (located < 0.7)
                {
                    (lat, lon) = Places[random.Next(Places.Length)];
                }
                else if (located < 0.75)
                {
                    lat = Places[random.Next(Places.Length)].Lat;
                }

                sequence.Add($"rnd-{customer}-{i}", t, amount, device, lat, lon, $"edge-m{1 + random.Next(4)}", random.NextDouble() < 0.05);
            }

            result.AddRange(sequence.Render(start + (c * spacing)));
        }

        return result;
    }

    /// <summary>Hand-made activities: churn crossings, the first activity over the threshold, no timestamp, unknown and absent offers.</summary>
    public static List<Timed> Activities(DateTimeOffset start)
    {
        const string topic = GeneratorDatasets.CustomerActivity;
        var records = new List<Timed>();
        void Add(long id, long customer, string type, double p, long? offer, double? seconds, bool omitOffer = false)
        {
            var at = start + TimeSpan.FromSeconds(seconds ?? 0);
            var time = seconds is null ? (DateTimeOffset?)null : at;
            records.Add(new Timed(at, PlannedRecord.Text(topic, customer.ToString(System.Globalization.CultureInfo.InvariantCulture), Json.Activity(id, customer, type, p, offer, time, omitOffer))));
        }

        // 0.5, 0.62, 0.719 (crosses), 0.8003, then back down and up again.
        Add(990_001, 900_001, "web_open", 0.5, 99, 0);
        Add(990_002, 900_001, "web_open", 0.9, 1, 10);
        Add(990_003, 900_001, "claim_filed", 0.95, 2, 20);
        Add(990_003, 900_001, "claim_filed", 0.95, 2, 20); // a retry: a duplicate, scored once
        Add(990_004, 900_001, "web_open", 0.99, null, 30);
        Add(990_005, 900_001, "web_open", 0.0, null, 40, omitOffer: true);
        Add(990_006, 900_001, "web_open", 0.0, 3, 50);
        Add(990_007, 900_001, "new_account", 1.0, 3, 60);

        // The first activity over the threshold fires (previous_score 0); no timestamp: processing time.
        Add(990_011, 900_002, "new_account", 0.71, 4, null);
        Add(990_012, 900_002, "web_open", 0.2, 4, null);
        Add(990_011, 900_002, "new_account", 0.71, 4, null); // a retry without timestamp: a duplicate

        // Exactly the threshold is not over it; scores that stay at 0.7.
        Add(990_021, 900_003, "web_open", 0.7, 5, 0);
        Add(990_022, 900_003, "web_open", 0.7, 5, 5);
        Add(990_023, 900_003, "web_open", 0.8, 5, 10);
        return records;
    }

    private static Sequence HighAmount() => new Sequence(900_001)
        .Add("edge-hi-1", 0, 2000.00m)
        .Add("edge-hi-2", 600, 2000.01m)
        .Add("edge-hi-3", 1200, 1999.99m);

    private static Sequence RapidFireExactlyFiveSeconds() => new Sequence(900_002)
        .Add("edge-rf-1", 0, 10m)
        .Add("edge-rf-2", 2.5, 10m)
        .Add("edge-rf-3", 5.0, 10m) // 3 within [0, 5]: RAPID_FIRE
        .Add("edge-rf-4", 64.0, 10m)
        .Add("edge-rf-5", 64.5, 10m)
        .Add("edge-rf-6", 64.9, 10m) // 3 within the window, but 64.9 < 5 + 60: cooldown
        .Add("edge-rf-7", 65.0, 10m); // 65 >= 5 + 60: RAPID_FIRE again

    private static Sequence RapidFireJustOverFiveSeconds() => new Sequence(900_003)
        .Add("edge-rn-1", 0, 10m)
        .Add("edge-rn-2", 2.5, 10m)
        .Add("edge-rn-3", 5.001, 10m); // only 2 within [0.001, 5.001]

    private static Sequence EqualTimestamps() => new Sequence(900_004)
        .Add("edge-eq-1", 0, 10m)
        .Add("edge-eq-2", 0, 10m)
        .Add("edge-eq-3", 0, 10m); // RAPID_FIRE

    private static Sequence Velocity() => new Sequence(900_005)
        .Add("edge-ve-1", 0, 600.00m)
        .Add("edge-ve-2", 60, 400.00m) // exactly 1000.00 within [0, 60]: not over
        .Add("edge-ve-3", 60, 0.01m) // 1000.01: VELOCITY (and RAPID_FIRE? only 2 within [55, 60])
        .Add("edge-ve-4", 119.999, 900.00m) // over, but 119.999 < 60 + 60: cooldown
        .Add("edge-ve-5", 120, 1.00m); // VELOCITY again

    private static Sequence Lateness() => new Sequence(900_006)
        .Add("edge-la-1", 0, 10m, "dev-f1")
        .Add("edge-la-2", 600, 10m, "dev-f1") // maxT = 600
        .Add("edge-la-3", 300, 10m, "dev-f1") // exactly maxT - 5 min: not late
        .Add("edge-la-4", 299.999, 2500.00m, "dev-f-new") // late: HIGH_AMOUNT and NEW_DEVICE still apply
        .Add("edge-la-5", 299.0, 600.00m, "dev-f1") // late: not in the windows of later transactions
        .Add("edge-la-6", 299.5, 600.00m, "dev-f1") // late
        .Add("edge-la-7", 300.5, 10m, "dev-f1") // not late; counting late ones would make RAPID_FIRE and VELOCITY
        .Add("edge-la-8", 100, 10m, "dev-f1", 35.6762, 139.6503) // late, located in Tokyo: never the previous location
        .Add("edge-la-9", 700, 10m, "dev-f1", 48.8566, 2.3522) // Paris: no earlier non-late located transaction
        .Add("edge-la-10", 710, 10m, "dev-f1", 48.8600, 2.3600);

    private static Sequence Travel() => new Sequence(900_007)
        .Add("edge-tr-1", 0, 10m, "dev-g", 0, 0)
        .Add("edge-tr-2", 600, 10m, "dev-g", 0, 4.4966) // 499.99 km: not over 500
        .Add("edge-tr-3", 1200, 10m, "dev-g", 0, 8.9933) // 500.00 km + 11 m in 10 min: IMPOSSIBLE_TRAVEL
        .Add("edge-tr-4", 1200, 10m, "dev-g", 0, 14.0) // 556 km at the same instant: speed over max(0, 1 s)
        .Add("edge-tr-5", 1100, 10m, "dev-g", 0, 8.9933) // out of order, not late: 556 km over |t_i - t_k| = 100 s, IMPOSSIBLE_TRAVEL
        .Add("edge-tr-6", 1300, 10m, "dev-g") // no coordinates: neither checked nor the previous location
        .Add("edge-tr-7", 1310, 10m, "dev-g", 10.0, 8.9933); // 1112 km from edge-tr-5 (the latest located) in 210 s: IMPOSSIBLE_TRAVEL

    private static Sequence TravelSpeed() => new Sequence(900_008)
        .Add("edge-sp-1", 0, 10m, "dev-s", 0, 0)
        .Add("edge-sp-2", 4010, 10m, "dev-s", 0, 9.0) // 1000.75 km in 4010 s = 898.4 km/h: not over 900
        .Add("edge-sp-3", 7990, 10m, "dev-s", 0, 18.0) // 1000.75 km in 3980 s = 905.2 km/h: IMPOSSIBLE_TRAVEL
        .Add("edge-sp-4", 7991, 10m, "dev-s", 0, 18.0001); // 11 m: not over 500 km

    private static Sequence NewDevice()
    {
        var sequence = new Sequence(900_009).Add("edge-nd-0", 0, 10m, "dev-0");
        for (var i = 1; i <= 10; i++)
        {
            sequence.Add($"edge-nd-{i}", 70 * i, 10m, $"dev-{i}");
        }

        return sequence
            .Add("edge-nd-11", 800, 600.00m, "dev-0") // 11th distinct device back: NEW_DEVICE
            .Add("edge-nd-12", 870, 500.00m, "dev-new") // not over 500.00
            .Add("edge-nd-13", 940, 500.01m, "dev-new2") // NEW_DEVICE
            .Add("edge-nd-14", 1010, 600.00m, "dev-1") // dev-1 is 11th distinct back again: NEW_DEVICE
            .Add("edge-nd-15", 1080, 600.00m, "dev-new"); // among the last 10: no alert
    }

    private static Sequence Duplicates() => new Sequence(900_011)
        .Add("edge-du-1", 0, 10m)
        .Add("edge-du-2", 1, 10m)
        .Add("edge-du-2", 1, 10m) // a producer's retry: a duplicate, not the third transaction within 5 s
        .Add("edge-du-2", 3, 10m) // the same id with another time: a duplicate too
        .Add("edge-du-3", 4, 10m) // the third within [−1, 4]: RAPID_FIRE
        .Add("edge-du-4", 600, 2500.00m)
        .Add("edge-du-4", 600, 2500.00m) // one HIGH_AMOUNT alert, one transaction in the merchant window
        .Add("edge-du-1", 601, 10m); // still remembered (within 24 h): a duplicate

    private static Sequence FirstTransaction() => new Sequence(900_010)
        .Add("edge-ft-1", 0, 900.00m, "dev-first"); // no earlier transaction: no NEW_DEVICE

    /// <summary>One customer's transactions in arrival order, event times in seconds from the sequence start.</summary>
    private sealed class Sequence(long customer)
    {
        private readonly List<(string Id, double Seconds, decimal Amount, string Device, double? Lat, double? Lon, string Merchant, bool IsFraud)> _items = [];

        public Sequence Add(string id, double seconds, decimal amount, string device = "dev-edge", double? lat = null, double? lon = null, string merchant = "edge-m1", bool isFraud = false)
        {
            _items.Add((id, seconds, amount, device, lat, lon, merchant, isFraud));
            return this;
        }

        /// <summary>
        /// The records, each produced when the newest event time of the sequence so far is reached, so that an edge
        /// customer advances its partition's watermark no faster than the generated customers around it.
        /// </summary>
        public IEnumerable<Timed> Render(DateTimeOffset start)
        {
            var newest = double.MinValue;
            var key = customer.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var item in _items)
            {
                newest = Math.Max(newest, item.Seconds);
                var time = start + TimeSpan.FromMilliseconds(Math.Round(item.Seconds * 1000));
                var json = Json.Transaction(item.Id, customer, time, item.Amount, item.Device, item.Lat, item.Lon, item.Merchant, Category, item.IsFraud);
                yield return new Timed(start + TimeSpan.FromMilliseconds(Math.Round(newest * 1000)), PlannedRecord.Text(Topic, key, json));
            }
        }
    }
}
