using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <content>
/// Fraud injection. A pattern is planned whole when it starts: its first record is written at once,
/// the others queue until the clock reaches their event times, and the victim is kept out of everyday
/// payments until the pattern (and, for travel, the flight home) is over, so every pattern fires its
/// rule and the victim's genuine payments do not. Patterns start when the labelled records planned so
/// far stay within <c>fraud-ratio</c> of the records written, minus a random slack that spreads them out.
/// </content>
internal sealed partial class TransactionStream
{
    /// <summary>After a pattern, its victim is left alone this long: past the 60 s windows and cooldowns of the rules it fired.</summary>
    private static readonly long PatternQuietTicks = TimeSpan.FromSeconds(65).Ticks;

    /// <summary>A victim's last payment is at least this old, so a pattern does not start inside one of its own bursts of activity.</summary>
    private static readonly long VictimGapTicks = TimeSpan.FromSeconds(10).Ticks;
    private static readonly FraudPattern[] PatternKinds = Enum.GetValues<FraudPattern>();
    private const double FarCityMinKm = 3000;
    private const double ReturnSpeedKmh = 800;

    private NextPattern _next;
    private long _plannedFraud;
    private long _injections;

    private bool TryStartPattern(long nominal, long remaining, out PlannedTransaction first)
    {
        first = default;
        if (_settings.FraudRatio <= 0)
        {
            return false;
        }

        if (!_next.IsChosen)
        {
            _next = ChooseNextPattern();
        }

        var slot = Statistics.Records;
        if (_plannedFraud + _next.Labeled + _next.Slack > _settings.FraudRatio * (slot + _next.Size)
            || remaining - _pending.Count < _next.Size)
        {
            return false;
        }

        var victim = PickVictim(nominal);
        if (victim is null)
        {
            return false;
        }

        var pattern = _next.Kind;
        var size = _next.Size;
        _next = default;
        var records = pattern switch
        {
            FraudPattern.RapidFire => PlanRapidFire(victim, nominal, size),
            FraudPattern.HighAmount => PlanHighAmount(victim, nominal),
            FraudPattern.Velocity => PlanVelocity(victim, nominal, size),
            FraudPattern.ImpossibleTravel => PlanImpossibleTravel(victim, nominal),
            _ => PlanNewDevice(victim, nominal),
        };

        Statistics.CountPattern(pattern);
        var injection = new FraudInjection(pattern, _injections++);
        for (var i = 0; i < records.Count; i++)
        {
            records[i] = records[i] with { Injection = injection };
        }

        first = records[0];
        var last = first.Ticks;
        for (var i = 1; i < records.Count; i++)
        {
            _pending.Enqueue(records[i], (records[i].Ticks, _sequence++));
            last = Math.Max(last, records[i].Ticks);
        }

        foreach (var record in records)
        {
            _plannedFraud += record.IsFraud ? 1 : 0;
        }

        victim.LastTicks = Math.Max(victim.LastTicks, last);
        victim.BlockedUntil = Math.Max(victim.BlockedUntil, last + PatternQuietTicks);
        return true;
    }

    private NextPattern ChooseNextPattern()
    {
        var kind = PatternKinds[_random.Next(PatternKinds.Length)];

        // Bursts and sprees are all fraud; travel is a genuine payment then one fraud; a high amount is one record
        // and a new device one or two (a genuine first payment when the victim has none): budget for two.
        var multiple = kind is FraudPattern.RapidFire or FraudPattern.Velocity;
        var size = multiple ? _random.Between(3, 5) : 2;
        var labeled = multiple ? size : 1;
        return new NextPattern(kind, size, labeled, _random.Uniform(0, 2.0 * labeled), IsChosen: true);
    }

    /// <summary>A victim free for a while: a suspicious customer half of the time, anyone otherwise.</summary>
    private TransactionCustomer? PickVictim(long nominal)
    {
        for (var attempt = 0; attempt < CustomerTries; attempt++)
        {
            var pool = _suspicious.Length > 0 && _random.Chance(0.5) ? _suspicious : _customers;
            var candidate = pool[_random.Next(pool.Length)];
            if (IsFree(candidate, nominal, VictimGapTicks))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Card testing: 3–5 small online payments 0.4–1.4 s apart from a fraudster's device.</summary>
    private List<PlannedTransaction> PlanRapidFire(TransactionCustomer victim, long nominal, int count)
    {
        var category = CategoryOf("electronics", "entertainment", "books");
        var merchant = category.PickMerchant(_random);
        var device = NewDeviceId(_random);
        var ip = PublicIp.Draw(_random);
        var records = new List<PlannedTransaction>(count);
        var ticks = nominal;
        for (var i = 0; i < count; i++)
        {
            records.Add(Fraud(victim, ticks, category, _random.Between(100L, 3_500L), device, ip) with { Merchant = merchant });
            ticks += _random.Between(400, 1_400) * TimeSpan.TicksPerMillisecond;
        }

        return records;
    }

    /// <summary>One payment of 2,000.01–7,500.00 on a known device.</summary>
    private List<PlannedTransaction> PlanHighAmount(TransactionCustomer victim, long nominal)
    {
        var category = CategoryOf("electronics", "jewelry", "travel");
        var tx = Fraud(victim, nominal, category, _random.Between(200_001L, 750_000L), victim.Devices[0], victim.Ips[0]);
        return [_random.Chance(0.5) ? InStore(victim, tx) : tx];
    }

    /// <summary>A spree: 3–5 online payments under 500 each, 7–14 s apart, summing to more than 1,000.</summary>
    private List<PlannedTransaction> PlanVelocity(TransactionCustomer victim, long nominal, int count)
    {
        var minCents = (100_000 / count) + 3_000;
        var records = new List<PlannedTransaction>(count);
        var ticks = nominal;
        for (var i = 0; i < count; i++)
        {
            var category = CategoryOf("electronics", "jewelry", "clothing", "home");
            records.Add(Fraud(victim, ticks, category, _random.Between(minCents, 49_500L), victim.Devices[0], victim.Ips[0]));
            ticks += _random.Between(7_000, 14_000) * TimeSpan.TicksPerMillisecond;
        }

        return records;
    }

    /// <summary>
    /// A genuine in-store payment at home, then 10 to 90 seconds later a card-present one at least 3,000 km away
    /// (a cloned card used abroad; close enough in time that a live demo shows it).
    /// </summary>
    private List<PlannedTransaction> PlanImpossibleTravel(TransactionCustomer victim, long nominal)
    {
        var genuine = PlanEveryday(victim, nominal, online: false);
        var here = victim.Current;
        var far = here;
        for (var attempt = 0; attempt < 32 && WorldCities.DistanceKm(here.Latitude, here.Longitude, far.Latitude, far.Longitude) < FarCityMinKm; attempt++)
        {
            far = WorldCities.All[_random.Next(WorldCities.All.Count)];
        }

        var ticks = nominal + (_random.Between(10, 90) * TimeSpan.TicksPerSecond);
        var category = CategoryOf("electronics", "travel", "restaurants", "clothing");
        var fraud = Fraud(victim, ticks, category, _random.Between(2_000L, 48_000L), NewDeviceId(_random), PublicIp.Draw(_random));
        fraud.Location = far;
        fraud.Latitude = Math.Round(far.Latitude + _random.Uniform(-CityJitterDegrees, CityJitterDegrees), 4);
        fraud.Longitude = Math.Round(far.Longitude + _random.Uniform(-CityJitterDegrees, CityJitterDegrees), 4);

        // The genuine customer cannot pay from home again before a plane could bring them back.
        var distance = WorldCities.DistanceKm(fraud.Latitude, fraud.Longitude, here.Latitude, here.Longitude);
        victim.Locate(fraud.Latitude, fraud.Longitude, ticks);
        victim.BlockedUntil = ticks + (long)(distance / ReturnSpeedKmh * TimeSpan.TicksPerHour) + TimeSpan.FromMinutes(10).Ticks;
        if (genuine.Location is null)
        {
            // The genuine payment could not be located (the customer's previous location was unreachable): locate it at home anyway.
            genuine = InStore(victim, genuine);
        }

        return [genuine, fraud];
    }

    /// <summary>A payment of 500.01–1,900.00 from a device never seen, after a genuine payment when the victim has none yet.</summary>
    private List<PlannedTransaction> PlanNewDevice(TransactionCustomer victim, long nominal)
    {
        var records = new List<PlannedTransaction>(2);
        var ticks = nominal;
        if (victim.TransactionCount == 0)
        {
            records.Add(PlanEveryday(victim, nominal, online: true));
            ticks += _random.Between(10, 2 * 60) * TimeSpan.TicksPerSecond;
        }

        var category = CategoryOf("electronics", "jewelry", "travel");
        var tx = Fraud(victim, ticks, category, _random.Between(50_001L, 190_000L), NewDeviceId(_random), PublicIp.Draw(_random));
        records.Add(tx);
        return records;
    }

    private PlannedTransaction Fraud(TransactionCustomer victim, long ticks, MerchantCategory category, long cents, JsonEncodedText device, JsonEncodedText ip)
    {
        victim.TransactionCount++;
        return new PlannedTransaction
        {
            Customer = victim,
            Ticks = ticks,
            Category = category,
            Merchant = category.PickMerchant(_random),
            AmountCents = cents,
            Device = device,
            Ip = ip,
            Payment = PaymentMethods[0],
            IsFraud = true,
        };
    }

    /// <summary>The payment made in the victim's current city (coordinates near its centre).</summary>
    private PlannedTransaction InStore(TransactionCustomer victim, PlannedTransaction tx)
    {
        var city = victim.Current;
        tx.Location = city;
        tx.Latitude = Math.Round(city.Latitude + _random.Uniform(-CityJitterDegrees, CityJitterDegrees), 4);
        tx.Longitude = Math.Round(city.Longitude + _random.Uniform(-CityJitterDegrees, CityJitterDegrees), 4);
        if (victim.LastLocatedTicks <= tx.Ticks || !victim.HasLocation)
        {
            victim.Locate(tx.Latitude, tx.Longitude, tx.Ticks);
        }

        return tx;
    }

    private MerchantCategory CategoryOf(params ReadOnlySpan<string> names)
    {
        var name = names[_random.Next(names.Length)];
        foreach (var category in _categories)
        {
            if (category.Name == name)
            {
                return category;
            }
        }

        throw new InvalidOperationException($"unknown merchant category {name}");
    }

    /// <summary>The next pattern to inject, chosen ahead so its size can be budgeted.</summary>
    private readonly record struct NextPattern(FraudPattern Kind, int Size, int Labeled, double Slack, bool IsChosen);
}
