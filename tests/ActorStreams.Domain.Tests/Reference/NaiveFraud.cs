using ActorStreams.Domain.Events;

namespace ActorStreams.Domain.Tests.Reference;

/// <summary>
/// docs/design.md §6 fraud rules written straight from the text, over the full arrival history of
/// one customer (O(n²)), sharing no code with src. The differential tests compare it with
/// <c>CustomerFraudState</c>.
/// </summary>
internal static class NaiveFraud
{
    private static readonly TimeSpan Lateness = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RapidWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan VelocityWindow = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(60);

    /// <summary>Alert ids ("tx:RULE") in emission order, and the number of late events.</summary>
    public static (List<string> Alerts, int LateEvents) Run(IReadOnlyList<Transaction> arrivals)
    {
        var alerts = new List<string>();
        var late = new bool[arrivals.Count];
        var rapidAlertTimes = new List<DateTimeOffset>();
        var velocityAlertTimes = new List<DateTimeOffset>();
        var lateEvents = 0;

        for (var i = 0; i < arrivals.Count; i++)
        {
            var tx = arrivals[i];
            var t = tx.Timestamp.ToDateTimeOffset();
            var a = tx.Amount;

            // maxT: newest event time seen so far (before i; i itself cannot make i late).
            DateTimeOffset? maxT = null;
            for (var k = 0; k < i; k++)
            {
                var tk = arrivals[k].Timestamp.ToDateTimeOffset();
                if (maxT is null || tk > maxT)
                {
                    maxT = tk;
                }
            }

            late[i] = maxT is { } m && t < m - Lateness;
            if (late[i])
            {
                lateEvents++;
            }

            if (a > 2000.00m)
            {
                alerts.Add($"{tx.TransactionId.Value}:HIGH_AMOUNT");
            }

            if (!late[i])
            {
                var rapidCount = 0;
                var velocitySum = 0m;
                for (var j = 0; j <= i; j++)
                {
                    if (late[j])
                    {
                        continue;
                    }

                    var tj = arrivals[j].Timestamp.ToDateTimeOffset();
                    if (t - RapidWindow <= tj && tj <= t)
                    {
                        rapidCount++;
                    }

                    if (t - VelocityWindow <= tj && tj <= t)
                    {
                        velocitySum += arrivals[j].Amount;
                    }
                }

                if (rapidCount >= 3 && rapidAlertTimes.All(ta => t >= ta + Cooldown))
                {
                    rapidAlertTimes.Add(t);
                    alerts.Add($"{tx.TransactionId.Value}:RAPID_FIRE");
                }

                if (velocitySum > 1000.00m && velocityAlertTimes.All(ta => t >= ta + Cooldown))
                {
                    velocityAlertTimes.Add(t);
                    alerts.Add($"{tx.TransactionId.Value}:VELOCITY");
                }

                if (tx.Latitude is { } lat && tx.Longitude is { } lon)
                {
                    Transaction? k = null;
                    for (var j = i - 1; j >= 0; j--)
                    {
                        if (!late[j] && arrivals[j].Latitude is not null && arrivals[j].Longitude is not null)
                        {
                            k = arrivals[j];
                            break;
                        }
                    }

                    if (k is not null)
                    {
                        var d = Haversine(k.Latitude!.Value, k.Longitude!.Value, lat, lon);
                        var seconds = Math.Abs((t - k.Timestamp.ToDateTimeOffset()).Ticks) / (double)TimeSpan.TicksPerSecond;
                        var hours = Math.Max(seconds, 1.0) / 3600.0;
                        if (d > 500 && d / hours > 900)
                        {
                            alerts.Add($"{tx.TransactionId.Value}:IMPOSSIBLE_TRAVEL");
                        }
                    }
                }
            }

            if (i > 0 && a > 500.00m)
            {
                var recent = new List<string>();
                for (var j = i - 1; j >= 0 && recent.Count < 10; j--)
                {
                    if (!recent.Contains(arrivals[j].DeviceId))
                    {
                        recent.Add(arrivals[j].DeviceId);
                    }
                }

                if (!recent.Contains(tx.DeviceId))
                {
                    alerts.Add($"{tx.TransactionId.Value}:NEW_DEVICE");
                }
            }
        }

        return (alerts, lateEvents);
    }

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0;
        static double Rad(double degrees) => degrees * Math.PI / 180.0;
        var h = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2)
            + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2));
        return 2 * R * Math.Asin(Math.Sqrt(h));
    }
}
