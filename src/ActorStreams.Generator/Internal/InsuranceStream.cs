using System.Text.Json;
using ActorStreams.Domain;
using Bogus;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// The insurance datasets of the seed's reference (offers, customer details, customer activity), in
/// that order; the single datasets are one phase of it. Ids are consistent across them: activities
/// refer to customers 1..customers and offers 1..offers, and a customer's or offer's record depends only
/// on the seed and its position, so separately generated datasets with the same seed match.
/// Churn: a customer's propensity follows a level that random-walks for most customers and drifts up
/// for churners, plus an effect of the activity type (new accounts churn more) and noise.
/// </summary>
internal sealed class InsuranceStream : GeneratedRecordStream
{
    private static readonly string[] OfferNames =
    [
        "new_home_policy", "new_auto_policy", "discount_existing", "safe_driver_program", "no_offer",
        "bundle_home_auto", "life_policy_upgrade", "renters_policy", "umbrella_policy", "loyalty_reward",
        "pet_insurance", "travel_insurance",
    ];

    private static readonly JsonEncodedText[] ActivityTypes =
        [.. new[] { "web_open", "mobile_open", "new_account", "call_center", "claim_filed" }.Select(JsonText.Encode)];

    private static readonly double[] ActivityTypeWeights = Cumulative.Of(38, 38, 10, 8, 6);

    /// <summary>How much each activity type adds to the customer's churn level (same order as <see cref="ActivityTypes"/>).</summary>
    private static readonly double[] ActivityTypeEffects = [0.0, -0.05, 0.22, 0.10, 0.15];

    private static readonly JsonEncodedText Male = JsonText.Encode("Male");
    private static readonly JsonEncodedText Female = JsonText.Encode("Female");

    private readonly GeneratorSettings _settings;
    private readonly long _offers;
    private readonly long _customers;
    private readonly long _activities;
    private readonly int _activityCustomers;
    private readonly int _activityOffers;
    private readonly Faker _offerFaker;
    private readonly Faker _customerFaker;
    private readonly FastRandom _customerTraits;
    private readonly FastRandom _random;
    private readonly long _startTicks;
    private readonly double _spacingTicks;
    private readonly long _disorderMillis;
    private ActivityCustomer[]? _activityState;

    /// <param name="dataset">The dataset name.</param>
    /// <param name="settings">Sizes, seed and pacing.</param>
    /// <param name="start">Event time of the first activity.</param>
    /// <param name="offers">Offer records to write first (ids 1..n).</param>
    /// <param name="customers">Customer-details records to write next (ids 1..n).</param>
    /// <param name="activities">Activity records to write last.</param>
    public InsuranceStream(string dataset, GeneratorSettings settings, EventTime start, long offers, long customers, long activities)
        : base(dataset, offers + customers + activities, settings, start)
    {
        _settings = settings;
        UnpacedRecords = offers + customers;
        _offers = offers;
        _customers = customers;
        _activities = activities;
        _activityCustomers = settings.Customers;
        _activityOffers = settings.Offers;
        _offerFaker = new Faker("en") { Random = new Randomizer(FastRandom.DeriveInt(settings.Seed, "insurance.offers")) };
        _customerFaker = new Faker("en") { Random = new Randomizer(FastRandom.DeriveInt(settings.Seed, "insurance.customers")) };
        _customerTraits = new FastRandom(FastRandom.Derive(settings.Seed, "insurance.customers.traits"));
        _random = new FastRandom(FastRandom.Derive(settings.Seed, "insurance.activities"));
        _startTicks = start.Ticks;
        _spacingTicks = settings.EventSpacing.Ticks;
        _disorderMillis = (long)settings.Disorder.TotalMilliseconds;
    }

    private protected override WrittenRecord WriteNext(Utf8JsonWriter writer)
    {
        var position = Statistics.Records;
        if (position < _offers)
        {
            WriteOffer(writer, position + 1);
            return new WrittenRecord(GeneratorDatasets.CustomerOffers);
        }

        if (position < _offers + _customers)
        {
            WriteCustomer(writer, position - _offers + 1);
            return new WrittenRecord(GeneratorDatasets.CustomerDetails);
        }

        WriteActivity(writer, position - _offers - _customers);
        return new WrittenRecord(GeneratorDatasets.CustomerActivity);
    }

    private void WriteOffer(Utf8JsonWriter writer, long offerId)
    {
        var index = (int)((offerId - 1) % OfferNames.Length);
        var round = (offerId - 1) / OfferNames.Length;
        var name = round == 0 ? OfferNames[index] : $"{OfferNames[index]}_{round + 1}";
        writer.WriteStartObject();
        writer.WriteNumber(JsonNames.OfferId, offerId);
        writer.WriteString(JsonNames.OfferName, name);
        writer.WriteString(JsonNames.OfferUrl, _offerFaker.Internet.UrlWithPath());
        writer.WriteEndObject();
        SetKey(offerId);
    }

    private void WriteCustomer(Utf8JsonWriter writer, long customerId)
    {
        var traits = _customerTraits;
        var female = traits.Chance(0.5);
        var first = _customerFaker.Name.FirstName(female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male);
        var last = _customerFaker.Name.LastName();
        var income = Math.Clamp((long)Math.Round(Math.Exp(Math.Log(85_000) + (0.6 * traits.NextGaussian())) / 10) * 10, 20_000, 750_000);
        var fico = (int)Math.Clamp(Math.Round(690 + (75 * traits.NextGaussian())), 400, 850);
        writer.WriteStartObject();
        writer.WriteNumber(JsonNames.CustomerId, customerId);
        writer.WriteString(JsonNames.FirstName, first);
        writer.WriteString(JsonNames.LastName, last);
        writer.WriteString(JsonNames.Email, _customerFaker.Internet.Email(first, last).ToLowerInvariant());
        writer.WriteString(JsonNames.Gender, female ? Female : Male);
        writer.WriteNumber(JsonNames.Income, income);
        writer.WriteNumber(JsonNames.Fico, fico);
        writer.WriteNumber(JsonNames.YearsActive, traits.Between(1, 45));
        writer.WriteEndObject();
        SetKey(customerId);
    }

    private void WriteActivity(Utf8JsonWriter writer, long index)
    {
        var customers = _activityState ??= CreateActivityCustomers();
        var customerIndex = _random.Next(customers.Length);
        var customer = customers[customerIndex];
        var type = _random.PickCumulative(ActivityTypeWeights);
        var propensity = Math.Round(Math.Clamp(customer.NextLevel(_random) + ActivityTypeEffects[type] + (0.06 * _random.NextGaussian()), 0, 1), 2);

        var ticks = IsoTimestamp.FloorToMillisecond(_startTicks + (long)(index * _spacingTicks));
        if (_disorderMillis > 0 && _random.Chance(_settings.DisorderRatio))
        {
            ticks -= (1 + _random.Next((int)_disorderMillis)) * TimeSpan.TicksPerMillisecond;
        }

        writer.WriteStartObject();
        writer.WriteNumber(JsonNames.ActivityId, index + 1);
        writer.WriteNumber(JsonNames.CustomerId, customerIndex + 1);
        writer.WriteString(JsonNames.ActivityType, ActivityTypes[type]);
        writer.WriteNumber(JsonNames.PropensityToChurn, propensity);
        writer.WriteString(JsonNames.IpAddress, _random.Chance(0.8) ? customer.Ip : customer.OtherIp);
        if (_random.Chance(_settings.OfferRatio))
        {
            writer.WriteNumber(JsonNames.OfferId, 1 + _random.Next(_activityOffers));
        }
        else
        {
            writer.WriteNull(JsonNames.OfferId);
        }

        Span<byte> timestamp = stackalloc byte[IsoTimestamp.Length];
        IsoTimestamp.Format(ticks, timestamp);
        writer.WriteString(JsonNames.Timestamp, timestamp);
        writer.WriteEndObject();
        SetKey(customerIndex + 1);
    }

    private ActivityCustomer[] CreateActivityCustomers()
    {
        var faker = new Faker("en") { Random = new Randomizer(FastRandom.DeriveInt(_settings.Seed, "insurance.activities.ips")) };
        var traits = new FastRandom(FastRandom.Derive(_settings.Seed, "insurance.activities.customers"));
        var customers = new ActivityCustomer[_activityCustomers];
        for (var i = 0; i < customers.Length; i++)
        {
            var churner = traits.Chance(_settings.ChurnerRatio);
            customers[i] = new ActivityCustomer(
                JsonText.Encode(faker.Internet.Ip()),
                JsonText.Encode(faker.Internet.Ip()),
                churner ? traits.Uniform(0.35, 0.55) : traits.Uniform(0.05, 0.45),
                churner ? traits.Uniform(0.04, 0.09) : 0);
        }

        return customers;
    }

    /// <summary>The churn level of one customer: drifting up for churners, a bounded random walk otherwise.</summary>
    private sealed class ActivityCustomer(JsonEncodedText ip, JsonEncodedText otherIp, double level, double drift)
    {
        private double _level = level;

        public JsonEncodedText Ip { get; } = ip;

        public JsonEncodedText OtherIp { get; } = otherIp;

        public double NextLevel(FastRandom random)
        {
            var current = _level;
            _level = drift > 0
                ? Math.Min(0.98, _level + drift)
                : Math.Clamp(_level + (0.02 * random.NextGaussian()), 0.02, 0.5);
            return current;
        }
    }
}
