using System.Text.Json;
using ActorStreams.Domain;
using Bogus;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// The <c>transactions</c> dataset: everyday payments of a fixed customer pool plus injected fraud
/// patterns, in arrival order. Record <c>i</c> is stamped at the simulated clock
/// <c>start + i · spacing</c>; everyday records may lag it by up to the disorder bound, and the later
/// records of a fraud pattern carry the event times the pattern planned (they wait in a small queue
/// until the clock reaches them). Per-record work uses only precomputed pools and
/// <see cref="FastRandom"/>: Bogus runs once per customer at start.
/// </summary>
internal sealed partial class TransactionStream : GeneratedRecordStream
{
    public const string TopicName = "transactions";

    /// <summary>Everyday payments of one customer are this far apart at least (when the pool allows), so they alone never fire the windowed rules.</summary>
    private static readonly long EverydayGapTicks = TimeSpan.FromSeconds(61).Ticks;
    private static readonly long MinTravelGapTicks = TimeSpan.FromHours(2).Ticks;
    private const double MaxEverydaySpeedKmh = 600;
    private const double CityJitterDegrees = 0.05;
    private const int CustomerTries = 8;

    /// <summary>
    /// Everyday payments stay at or below the VELOCITY threshold (1,000.00), so one genuine payment never fires
    /// a rule by itself and alerts are mostly the injected ground truth; high-value customers get bigger baskets below it.
    /// </summary>
    private const long EverydayMaxCents = 100_000;

    private static readonly JsonEncodedText[] PaymentMethods =
        [.. new[] { "credit_card", "debit_card", "apple_pay", "google_pay", "paypal", "bank_transfer" }.Select(JsonText.Encode)];

    private static readonly double[] PaymentWeights = Cumulative.Of(45, 30, 8, 7, 7, 3);

    private readonly GeneratorSettings _settings;
    private readonly FastRandom _random;
    private readonly MerchantCategory[] _categories;
    private readonly double[] _categoryWeights;
    private readonly double[] _highValueCategoryWeights;
    private readonly TransactionCustomer[] _customers;
    private readonly TransactionCustomer[] _suspicious;
    private readonly PriorityQueue<PlannedTransaction, (long Ticks, long Sequence)> _pending = new();
    private readonly long _startTicks;
    private readonly double _spacingTicks;
    private readonly long _disorderMillis;
    private readonly ulong _runKey;
    private readonly byte[] _scratch = new byte[64];
    private long _sequence;

    public TransactionStream(GeneratorSettings settings, EventTime start, long count)
        : base(TopicName, count, settings, start)
    {
        _settings = settings;
        _random = new FastRandom(FastRandom.Derive(settings.Seed, "transactions.stream"));
        _startTicks = start.Ticks;
        _spacingTicks = settings.EventSpacing.Ticks;
        _disorderMillis = (long)settings.Disorder.TotalMilliseconds;
        _runKey = FastRandom.Derive(settings.Seed, "transactions.ids") ^ FastRandom.Mix((ulong)start.Ticks);
        _categories = MerchantCategory.CreateAll(settings.MerchantsPerCategory);
        _categoryWeights = Cumulative.Of([.. _categories.Select(c => c.Weight)]);
        _highValueCategoryWeights = Cumulative.Of([.. _categories.Select(c => c.Name is "travel" or "electronics" or "jewelry" ? c.Weight * 3 : c.Weight)]);
        _customers = CreateCustomers(settings);
        _suspicious = [.. _customers.Where(c => c.Profile == CustomerProfile.Suspicious)];
    }

    private TransactionCustomer[] CreateCustomers(GeneratorSettings settings)
    {
        var traits = new FastRandom(FastRandom.Derive(settings.Seed, "transactions.customers"));
        var faker = new Faker("en") { Random = new Randomizer(FastRandom.DeriveInt(settings.Seed, "transactions.customers.bogus")) };
        var cities = WorldCities.All;
        var customers = new TransactionCustomer[settings.Customers];
        for (var i = 0; i < customers.Length; i++)
        {
            var u = traits.NextDouble();
            var profile = u < settings.SuspiciousRatio ? CustomerProfile.Suspicious
                : u < settings.SuspiciousRatio + settings.HighValueRatio ? CustomerProfile.HighValue
                : CustomerProfile.Normal;
            JsonEncodedText[] ips = [JsonText.Encode(faker.Internet.Ip()), JsonText.Encode(faker.Internet.Ip())];
            var customer = new TransactionCustomer(i + 1, profile, cities[traits.Next(cities.Count)], ips, PaymentMethods[traits.PickCumulative(PaymentWeights)]);
            var devices = traits.Between(1, 3);
            for (var d = 0; d < devices; d++)
            {
                customer.AddDevice(NewDeviceId(traits), traits);
            }

            customers[i] = customer;
        }

        return customers;
    }

    /// <summary>The pattern the current record belongs to, or null for an everyday payment (ground truth for tests).</summary>
    internal FraudInjection? CurrentInjection { get; private set; }

    private protected override WrittenRecord WriteNext(Utf8JsonWriter writer)
    {
        var slot = Statistics.Records;
        var nominal = IsoTimestamp.FloorToMillisecond(_startTicks + (long)(slot * _spacingTicks));
        var remaining = TotalCount - slot;
        PlannedTransaction tx;

        // A planned follower is written once the clock reaches it, or when only followers are left to write.
        if (_pending.TryPeek(out _, out var due) && (due.Ticks <= nominal || remaining <= _pending.Count))
        {
            tx = _pending.Dequeue();
        }
        else if (!TryStartPattern(nominal, remaining, out tx))
        {
            tx = Everyday(nominal);
        }

        CurrentInjection = tx.Injection;
        Write(writer, tx);
        return new WrittenRecord(TopicName, tx.IsFraud);
    }

    /// <summary>An everyday payment of a customer who is free now, possibly stamped a little in the past (disorder).</summary>
    private PlannedTransaction Everyday(long nominal)
    {
        var customer = PickCustomer(nominal, EverydayGapTicks);
        var ticks = nominal;
        if (_disorderMillis > 0 && _random.Chance(_settings.DisorderRatio))
        {
            ticks -= (1 + _random.Next((int)_disorderMillis)) * TimeSpan.TicksPerMillisecond;
        }

        return PlanEveryday(customer, ticks, online: _random.Chance(_settings.OnlineRatio));
    }

    /// <summary>A random customer who is free at <paramref name="nominal"/> and has not paid within <paramref name="gapTicks"/>; after a few misses, any.</summary>
    private TransactionCustomer PickCustomer(long nominal, long gapTicks)
    {
        var customer = _customers[_random.Next(_customers.Length)];
        for (var attempt = 1; attempt < CustomerTries && !IsFree(customer, nominal, gapTicks); attempt++)
        {
            customer = _customers[_random.Next(_customers.Length)];
        }

        return customer;
    }

    private static bool IsFree(TransactionCustomer customer, long nominal, long gapTicks) =>
        customer.BlockedUntil <= nominal && nominal - customer.LastTicks >= gapTicks;

    /// <summary>Plans a genuine payment and records it in the customer's state.</summary>
    private PlannedTransaction PlanEveryday(TransactionCustomer customer, long ticks, bool online)
    {
        var highValue = customer.Profile == CustomerProfile.HighValue;
        var category = _categories[_random.PickCumulative(highValue ? _highValueCategoryWeights : _categoryWeights)];
        var tx = new PlannedTransaction
        {
            Customer = customer,
            Ticks = ticks,
            Category = category,
            Merchant = category.PickMerchant(_random),
            AmountCents = category.DrawCents(_random, highValue ? 2.0 : 1.0, EverydayMaxCents),
            Device = EverydayDevice(customer),
            Ip = customer.Ips[_random.Next(customer.Ips.Length)],
            Payment = _random.Chance(0.7) ? customer.PreferredPayment : PaymentMethods[_random.PickCumulative(PaymentWeights)],
        };

        if (!online)
        {
            MaybeTravel(customer, ticks);
            var city = customer.Current;
            var latitude = Math.Round(city.Latitude + _random.Uniform(-CityJitterDegrees, CityJitterDegrees), 4);
            var longitude = Math.Round(city.Longitude + _random.Uniform(-CityJitterDegrees, CityJitterDegrees), 4);

            // Seen from the last located payment (which may be a fraudster's far away), a genuine one
            // here must be reachable; otherwise it is made online, carrying no location.
            if (customer.SpeedKmhTo(latitude, longitude, ticks, out var distance) <= MaxEverydaySpeedKmh || distance <= 100)
            {
                tx.Location = city;
                tx.Latitude = latitude;
                tx.Longitude = longitude;
                customer.Locate(latitude, longitude, ticks);
            }
        }

        customer.TransactionCount++;
        customer.LastTicks = Math.Max(customer.LastTicks, ticks);
        return tx;
    }

    /// <summary>Now and then a customer moves to another city (or back home), only as fast as a plane allows.</summary>
    private void MaybeTravel(TransactionCustomer customer, long ticks)
    {
        var travel = customer.Profile switch
        {
            CustomerProfile.HighValue => 0.03,
            CustomerProfile.Suspicious => 0.01,
            _ => 0.004,
        };
        City? destination = null;
        if (customer.Current != customer.Home && _random.Chance(0.25))
        {
            destination = customer.Home;
        }
        else if (_random.Chance(travel))
        {
            destination = WorldCities.All[_random.Next(WorldCities.All.Count)];
        }

        if (destination is null || destination == customer.Current)
        {
            return;
        }

        if (!customer.HasLocation
            || (ticks - customer.LastLocatedTicks >= MinTravelGapTicks
                && customer.SpeedKmhTo(destination.Latitude, destination.Longitude, ticks, out _) <= MaxEverydaySpeedKmh))
        {
            customer.Current = destination;
        }
    }

    private JsonEncodedText EverydayDevice(TransactionCustomer customer)
    {
        var newDevice = customer.Profile switch
        {
            CustomerProfile.Suspicious => 0.03,
            CustomerProfile.HighValue => 0.006,
            _ => 0.003,
        };
        if (_random.Chance(newDevice))
        {
            var device = NewDeviceId(_random);
            customer.AddDevice(device, _random);
            return device;
        }

        // The primary device most of the time.
        return customer.Devices[_random.Chance(0.7) ? 0 : _random.Next(customer.DeviceCount)];
    }

    private static JsonEncodedText NewDeviceId(FastRandom random)
    {
        Span<char> id = stackalloc char[16];
        "dev-".CopyTo(id);
        var bits = random.NextUInt64();
        for (var i = 4; i < id.Length; i++)
        {
            id[i] = "0123456789abcdef"[(int)(bits & 0xF)];
            bits >>= 4;
        }

        return JsonEncodedText.Encode(id);
    }

    private void Write(Utf8JsonWriter writer, in PlannedTransaction tx)
    {
        var customer = tx.Customer;
        writer.WriteStartObject();
        writer.WriteString(JsonNames.TransactionId, TransactionId(_scratch));
        writer.WriteNumber(JsonNames.CustomerId, customer.Id);
        writer.WriteString(JsonNames.MerchantId, tx.Merchant);
        writer.WriteString(JsonNames.MerchantCategory, tx.Category.NameJson);
        writer.WriteNumber(JsonNames.Amount, new decimal((int)tx.AmountCents, (int)(tx.AmountCents >> 32), 0, false, 2));
        writer.WriteString(JsonNames.Currency, customer.Home.CurrencyJson);
        writer.WriteString(JsonNames.PaymentMethod, tx.Payment);
        writer.WriteString(JsonNames.DeviceId, tx.Device);
        writer.WriteString(JsonNames.IpAddress, tx.Ip);
        if (tx.Location is { } city)
        {
            writer.WriteNumber(JsonNames.Latitude, tx.Latitude);
            writer.WriteNumber(JsonNames.Longitude, tx.Longitude);
            writer.WriteString(JsonNames.Country, city.CountryJson);
            writer.WriteString(JsonNames.City, city.NameJson);
        }
        else
        {
            writer.WriteNull(JsonNames.Latitude);
            writer.WriteNull(JsonNames.Longitude);
            writer.WriteNull(JsonNames.Country);
            writer.WriteNull(JsonNames.City);
        }

        Span<byte> timestamp = stackalloc byte[IsoTimestamp.Length];
        IsoTimestamp.Format(tx.Ticks, timestamp);
        writer.WriteString(JsonNames.Timestamp, timestamp);
        writer.WriteBoolean(JsonNames.IsFraud, tx.IsFraud);
        writer.WriteEndObject();
        SetKey(customer.Id);
    }

    /// <summary>The current record's id (<see cref="RunScopedUuid"/>), unique per run.</summary>
    private ReadOnlySpan<byte> TransactionId(byte[] buffer)
    {
        var span = buffer.AsSpan(0, RunScopedUuid.Length);
        RunScopedUuid.Format(_runKey, (ulong)Statistics.Records, span);
        return span;
    }
}
