using System.Text.Json;
using ActorStreams.Domain;
using Bogus;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// The <c>loan-applications</c> dataset: everyday applications of a fixed customer pool plus injected fraud
/// patterns, in arrival order. Record <c>i</c> is stamped at the simulated clock <c>start + i · spacing</c>;
/// everyday records may lag it by up to the disorder bound, and the later records of a fraud pattern carry the
/// event times the pattern planned (they wait in a small queue until the clock reaches them).
/// People apply for loans far more rarely than they pay: a backfill spaces applications by
/// <see cref="IntervalFactor"/> × mean-customer-interval / customers, and a customer applies again only after
/// <see cref="EverydayGapTicks"/> (while the pool allows), so everyday applications never look like a burst.
/// </summary>
internal sealed partial class LoanApplicationStream : GeneratedRecordStream
{
    public const string TopicName = "loan-applications";

    /// <summary>In a backfill each customer applies about once per this many mean-customer-intervals.</summary>
    public const int IntervalFactor = 30;

    /// <summary>A customer's applications are this far apart at least (when the pool allows): past the 24 h burst window, with room for disorder.</summary>
    private static readonly long EverydayGapTicks = TimeSpan.FromHours(25).Ticks;

    private const int Approved = 0;
    private const int Rejected = 1;
    private const int Pending = 2;
    private const double PendingRatio = 0.1;

    private static readonly JsonEncodedText[] Decisions = [.. new[] { "approved", "rejected", "pending" }.Select(JsonText.Encode)];

    private readonly GeneratorSettings _settings;
    private readonly FastRandom _random;
    private readonly LoanChannel[] _channels;
    private readonly double[] _channelWeights;
    private readonly LoanChannel[] _digitalChannels;
    private readonly double[] _digitalChannelWeights;
    private readonly LoanProduct[] _products;
    private readonly double[] _productWeights;
    private readonly double[] _fraudProductWeights;
    private readonly LoanCustomer[] _customers;

    /// <summary>Customers who may apply now: their last application is at least <see cref="EverydayGapTicks"/> old.</summary>
    private readonly List<LoanCustomer> _free;

    /// <summary>The other customers, by the event time they become free again (and their id, so ties are ordered).</summary>
    private readonly PriorityQueue<LoanCustomer, (long Ticks, long Id)> _resting = new();
    private readonly PriorityQueue<PlannedLoanApplication, (long Ticks, long Sequence)> _pending = new();
    private readonly long _startTicks;
    private readonly double _spacingTicks;
    private readonly long _disorderMillis;
    private readonly ulong _runKey;
    private readonly byte[] _scratch = new byte[RunScopedUuid.Length];
    private long _sequence;

    public LoanApplicationStream(GeneratorSettings settings, EventTime start, long count)
        : base(TopicName, count, settings, start)
    {
        _settings = settings;
        _random = new FastRandom(FastRandom.Derive(settings.Seed, "loans.stream"));
        _startTicks = start.Ticks;
        _spacingTicks = settings.Rate > 0
            ? settings.EventSpacing.Ticks
            : Math.Max(1, (double)settings.MeanCustomerInterval.Ticks * IntervalFactor / settings.Customers);
        _disorderMillis = (long)settings.Disorder.TotalMilliseconds;
        _runKey = FastRandom.Derive(settings.Seed, "loans.ids") ^ FastRandom.Mix((ulong)start.Ticks);
        _channels = LoanChannel.CreateAll();
        _channelWeights = Cumulative.Of([.. _channels.Select(c => c.Weight)]);
        _digitalChannels = [.. _channels.Where(c => c.IsDigital)];
        _digitalChannelWeights = Cumulative.Of([.. _digitalChannels.Select(c => c.Weight)]);
        _products = LoanProduct.CreateAll();
        _productWeights = Cumulative.Of([.. _products.Select(p => p.Weight)]);
        _fraudProductWeights = Cumulative.Of([.. _products.Select(FraudWeight)]);
        _customers = CreateCustomers(settings);
        _free = [.. _customers];
    }

    /// <summary>The pattern the current record belongs to, or null for an everyday application (ground truth for tests).</summary>
    internal LoanFraudInjection? CurrentInjection { get; private set; }

    private LoanCustomer[] CreateCustomers(GeneratorSettings settings)
    {
        var traits = new FastRandom(FastRandom.Derive(settings.Seed, "loans.customers"));
        var faker = new Faker("en") { Random = new Randomizer(FastRandom.DeriveInt(settings.Seed, "loans.customers.bogus")) };
        var customers = new LoanCustomer[settings.Customers];
        for (var i = 0; i < customers.Length; i++)
        {
            var id = i + 1L;
            var income = Math.Clamp(Math.Round(Math.Exp(Math.Log(60_000) + (0.5 * traits.NextGaussian())) / 10) * 10, 12_000, 2_000_000);
            var debtRatio = traits.Chance(0.12) ? 0 : Math.Clamp(0.18 + (0.09 * traits.NextGaussian()), 0.01, 0.6);
            var credit = (int)Math.Clamp(Math.Round(690 + (70 * traits.NextGaussian())), 300, 850);

            // Exponential with a mean of 7 years: about one applicant in eight has been in the job for less than a year.
            var employment = (int)Math.Round(Math.Min(45, -7 * Math.Log(1 - traits.NextDouble())) * 10);
            JsonEncodedText[] devices = traits.Chance(0.4)
                ? [JsonText.Encode($"dev-{id}-1"), JsonText.Encode($"dev-{id}-2")]
                : [JsonText.Encode($"dev-{id}-1")];
            JsonEncodedText[] ips = traits.Chance(0.5)
                ? [JsonText.Encode(faker.Internet.Ip()), JsonText.Encode(faker.Internet.Ip())]
                : [JsonText.Encode(faker.Internet.Ip())];
            customers[i] = new LoanCustomer(id, (long)income * 100, debtRatio, credit, employment, devices, ips, traits.PickCumulative(_channelWeights));
        }

        return customers;
    }

    private protected override WrittenRecord WriteNext(Utf8JsonWriter writer)
    {
        var slot = Statistics.Records;
        var nominal = IsoTimestamp.FloorToMillisecond(_startTicks + (long)(slot * _spacingTicks));
        var remaining = TotalCount - slot;
        Release(nominal);
        PlannedLoanApplication application;

        // A planned follower is written once the clock reaches it, or when only followers are left to write.
        if (_pending.TryPeek(out _, out var due) && (due.Ticks <= nominal || remaining <= _pending.Count))
        {
            application = _pending.Dequeue();
        }
        else if (!TryStartPattern(nominal, remaining, out application))
        {
            application = Everyday(nominal);
        }

        CurrentInjection = application.Injection;
        Write(writer, application);
        return new WrittenRecord(TopicName, application.IsFraud);
    }

    /// <summary>An everyday application of a free customer, possibly stamped a little in the past (disorder).</summary>
    private PlannedLoanApplication Everyday(long nominal)
    {
        var customer = TakeCustomer();
        var ticks = nominal;
        if (_disorderMillis > 0 && _random.Chance(_settings.DisorderRatio))
        {
            ticks -= (1 + _random.Next((int)_disorderMillis)) * TimeSpan.TicksPerMillisecond;
        }

        var channel = _random.Chance(0.6) ? _channels[customer.PreferredChannel] : _channels[_random.PickCumulative(_channelWeights)];
        var application = Plan(customer, ticks, channel, _products[_random.PickCumulative(_productWeights)]);
        Rest(customer, ticks);
        return application;
    }

    /// <summary>Makes the customers whose rest is over at <paramref name="nominal"/> free to apply again.</summary>
    private void Release(long nominal)
    {
        while (_resting.TryPeek(out var customer, out var until) && until.Ticks <= nominal)
        {
            _resting.Dequeue();
            _free.Add(customer);
        }
    }

    /// <summary>
    /// A random free customer, taken out of the pool until <see cref="Rest"/> puts them back. When none is free the pool is
    /// too small for the pace (a live run with a high rate): then the customer whose rest ends first.
    /// </summary>
    private LoanCustomer TakeCustomer()
    {
        if (_free.Count == 0)
        {
            return _resting.Dequeue();
        }

        var index = _random.Next(_free.Count);
        var customer = _free[index];
        _free[index] = _free[^1];
        _free.RemoveAt(_free.Count - 1);
        return customer;
    }

    /// <summary>Puts a taken customer back: free again <see cref="EverydayGapTicks"/> after their latest application at <paramref name="lastTicks"/>.</summary>
    private void Rest(LoanCustomer customer, long lastTicks) => _resting.Enqueue(customer, (lastTicks + EverydayGapTicks, customer.Id));

    /// <summary>A genuine application of <paramref name="customer"/>: their profile with a little noise, everyday identity check and form duration, and the lender's decision.</summary>
    private PlannedLoanApplication Plan(LoanCustomer customer, long ticks, LoanChannel channel, LoanProduct product)
    {
        var monthlyIncome = customer.IncomeCents / 12.0;
        var application = new PlannedLoanApplication
        {
            Customer = customer,
            Ticks = ticks,
            Channel = channel,
            Product = product,
            Purpose = product.DrawPurpose(_random),
            AmountCents = product.DrawAmountCents(_random, customer.IncomeCents),
            TermMonths = product.DrawTerm(_random),
            IncomeCents = customer.IncomeCents,
            DebtCents = customer.DebtRatio == 0 ? 0 : Math.Max(0, (long)Math.Round(customer.DebtRatio * monthlyIncome * (1 + (0.05 * _random.NextGaussian())))),
            CreditScore = customer.CreditScore,
            EmploymentTenths = customer.EmploymentTenths,
            IdentityThousandths = EverydayIdentityThousandths(),
            Device = customer.Devices[customer.Devices.Length > 1 && _random.Chance(0.3) ? 1 : 0],
            Ip = customer.Ips[_random.Next(customer.Ips.Length)],
            DurationTenths = ToTenths(Math.Clamp(Math.Exp(Math.Log(420) + (0.5 * _random.NextGaussian())) * channel.DurationFactor, 90, 1_800)),
        };
        Decide(ref application, DrawDecision(application.CreditScore, application.DebtCents / monthlyIncome));
        return application;
    }

    /// <summary>An everyday identity check: mostly 0.6–1.0, now and then a weaker match, never below 0.35.</summary>
    private int EverydayIdentityThousandths()
    {
        var score = _random.Chance(0.03) ? _random.Uniform(0.35, 0.6) : Math.Clamp(0.9 + (0.07 * _random.NextGaussian()), 0.6, 1.0);
        return (int)Math.Round(score * 1000);
    }

    /// <summary>
    /// The lender's decision: about 10 % pending review; otherwise approval is likely with a good credit score and a low
    /// debt-to-income ratio, and unlikely with a poor score or heavy debt.
    /// </summary>
    private int DrawDecision(int creditScore, double debtToIncome)
    {
        if (_random.Chance(PendingRatio))
        {
            return Pending;
        }

        var logit = ((creditScore - 675) / 30.0) - ((debtToIncome - 0.3) * 12);
        return _random.Chance(1 / (1 + Math.Exp(-logit))) ? Approved : Rejected;
    }

    /// <summary>Sets the decision and how long it took in the application's channel.</summary>
    private void Decide(ref PlannedLoanApplication application, int decision)
    {
        application.Decision = decision;
        application.ProcessingTenths = ToTenths(Math.Clamp(application.Channel.DrawProcessingSeconds(_random, decision == Pending), 0.5, TimeSpan.FromDays(14).TotalSeconds));
    }

    private static int ToTenths(double seconds) => (int)Math.Round(seconds * 10);

    private void Write(Utf8JsonWriter writer, in PlannedLoanApplication application)
    {
        var span = _scratch.AsSpan();
        RunScopedUuid.Format(_runKey, (ulong)Statistics.Records, span);
        writer.WriteStartObject();
        writer.WriteString(JsonNames.ApplicationId, span);
        writer.WriteNumber(JsonNames.CustomerId, application.Customer.Id);
        Span<byte> timestamp = stackalloc byte[IsoTimestamp.Length];
        IsoTimestamp.Format(application.Ticks, timestamp);
        writer.WriteString(JsonNames.Timestamp, timestamp);
        writer.WriteString(JsonNames.Channel, application.Channel.NameJson);
        writer.WriteString(JsonNames.Product, application.Product.NameJson);
        writer.WriteString(JsonNames.LoanPurpose, application.Purpose);
        writer.WriteNumber(JsonNames.LoanAmount, Fixed(application.AmountCents, 2));
        writer.WriteNumber(JsonNames.TermMonths, application.TermMonths);
        writer.WriteNumber(JsonNames.AnnualIncome, Fixed(application.IncomeCents, 2));
        writer.WriteNumber(JsonNames.MonthlyDebt, Fixed(application.DebtCents, 2));
        writer.WriteNumber(JsonNames.CreditScore, application.CreditScore);
        writer.WriteNumber(JsonNames.EmploymentYears, Fixed(application.EmploymentTenths, 1));
        writer.WriteNumber(JsonNames.IdentityVerificationScore, Fixed(application.IdentityThousandths, 3));
        writer.WriteString(JsonNames.DeviceId, application.Device);
        writer.WriteString(JsonNames.IpAddress, application.Ip);
        writer.WriteNumber(JsonNames.ApplicationDurationS, Fixed(application.DurationTenths, 1));
        writer.WriteString(JsonNames.Decision, Decisions[application.Decision]);
        writer.WriteNumber(JsonNames.ProcessingTimeS, Fixed(application.ProcessingTenths, 1));
        writer.WriteBoolean(JsonNames.IsFraud, application.IsFraud);
        writer.WriteEndObject();
        SetKey(application.Customer.Id);
    }

    /// <summary>A non-negative fixed-point number: <paramref name="units"/> of 10^-<paramref name="scale"/>, written with exactly that many decimals.</summary>
    private static decimal Fixed(long units, byte scale) => new((int)units, (int)(units >> 32), 0, false, scale);
}
