using ActorStreams.Domain.Events;

namespace ActorStreams.Domain.Tests.Reference;

/// <summary>
/// Seeded, boundary-heavy random input: exact second offsets (0, 5, 60, 300 s), amounts on the
/// thresholds, disorder within and beyond the allowed lateness, many devices, and cities whose
/// distances straddle 500 km.
/// </summary>
internal static class RandomStreams
{
    private static readonly decimal[] BoundaryAmounts =
        [0.01m, 100.00m, 250.00m, 333.33m, 333.34m, 499.99m, 500.00m, 500.01m, 999.99m, 1000.00m, 1000.01m, 2000.00m, 2000.01m, 2500.00m];

    private static readonly double[] StepSeconds = [0, 0, 1, 2, 2.5, 5, 5, 5.001, 10, 30, 55, 59.999, 60, 60, 61, 120, 300, 301, 900, 3600];

    private static readonly (double Lat, double Lon)[] Places =
    [
        (48.8566, 2.3522), // Paris
        (52.5200, 13.4050), // Berlin
        (51.5074, -0.1278), // London
        (40.7128, -74.0060), // New York
        (35.6762, 139.6503), // Tokyo
        (0, 0),
        (0, 4.4966), // just under 500 km from (0, 0)
        (0, 4.4967), // just over
        (48.8600, 2.3600), // Paris again, nearby
    ];

    /// <summary>Transactions of many customers in one global arrival order.</summary>
    public static List<Transaction> Transactions(int seed, int count, int customers)
    {
        var random = new Random(seed);
        var clocks = new Dictionary<long, double>();
        var result = new List<Transaction>(count);
        for (var i = 0; i < count; i++)
        {
            var customer = 1 + (long)Math.Floor(Math.Pow(random.NextDouble(), 1.5) * customers);
            var clock = clocks.GetValueOrDefault(customer, random.Next(0, 1000));
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

            clocks[customer] = clock;
            var amount = random.NextDouble() < 0.6
                ? BoundaryAmounts[random.Next(BoundaryAmounts.Length)]
                : Math.Round((decimal)random.Next(1, 150_000) / 100m, 2);
            var deviceCount = 1 + (int)(customer % 14);
            var device = $"c{customer}-d{random.Next(deviceCount)}";
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

            result.Add(TestData.Tx($"tx{i}", TestData.At(t), amount, device, lat, lon, customer, $"m{random.Next(40)}", isFraud: random.NextDouble() < 0.05));
        }

        return result;
    }

    /// <summary>Activities of many customers with propensities near the 0.7 threshold.</summary>
    public static List<CustomerActivity> Activities(int seed, int count, int customers, int offers)
    {
        var random = new Random(seed);
        var result = new List<CustomerActivity>(count);
        double[] boundary = [0, 0.3, 0.69, 0.7, 0.71, 0.9, 1.0];
        for (var i = 0; i < count; i++)
        {
            var customer = 1 + random.Next(customers);
            var p = random.NextDouble() < 0.5 ? boundary[random.Next(boundary.Length)] : Math.Round(random.NextDouble(), 3);
            long? offer = random.NextDouble() < 0.7 ? random.Next(offers + 3) : null;
            EventTime? timestamp = random.NextDouble() < 0.8 ? TestData.At(i * 3 + random.Next(-100, 100)) : null;
            result.Add(TestData.Activity(10_000 + i, p, customer, offer, timestamp));
        }

        return result;
    }
}
