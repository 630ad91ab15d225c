using System.Buffers;
using ActorStreams.Domain.Enrichment;
using ActorStreams.Domain.Events;
using ActorStreams.Domain.Loans;

namespace ActorStreams.Domain.Tests;

/// <summary>Builders shared by the tests: a fixed base instant and records with sensible defaults.</summary>
internal static class TestData
{
    public static readonly EventTime T0 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero));

    public static EventTime At(double seconds) => T0 + TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    public static EventTime AtMs(long milliseconds) => T0 + TimeSpan.FromMilliseconds(milliseconds);

    public static Transaction Tx(
        string id,
        EventTime time,
        decimal amount = 10.00m,
        string device = "dev-1",
        double? lat = null,
        double? lon = null,
        long customer = 1,
        string merchant = "m-1",
        string category = "grocery",
        bool? isFraud = null) => new()
        {
            TransactionId = new TransactionId(id),
            CustomerId = new CustomerId(customer),
            MerchantId = new MerchantId(merchant),
            MerchantCategory = category,
            Amount = amount,
            Currency = "EUR",
            PaymentMethod = "card",
            DeviceId = device,
            IpAddress = "10.0.0.1",
            Latitude = lat,
            Longitude = lon,
            Timestamp = time,
            IsFraud = isFraud,
        };

    public static CustomerActivity Activity(long id, double propensity, long customer = 1, long? offer = null, EventTime? timestamp = null, string type = "login") => new()
    {
        ActivityId = new ActivityId(id),
        CustomerId = new CustomerId(customer),
        ActivityType = type,
        PropensityToChurn = propensity,
        IpAddress = "10.0.0.2",
        OfferId = offer is { } o ? new OfferId(o) : null,
        Timestamp = timestamp,
    };

    public static CustomerDetails Details(long customer = 1, string firstName = "Ada", long income = 50_000) => new()
    {
        CustomerId = new CustomerId(customer),
        FirstName = firstName,
        LastName = "Lovelace",
        Email = $"{firstName.ToLowerInvariant()}@example.com",
        Gender = "F",
        Income = income,
        Fico = 720,
        YearsActive = 3,
    };

    public static byte[] Snapshot(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static LoanApplication Loan(
        string id,
        EventTime time,
        long customer = 1,
        int creditScore = 700,
        decimal income = 60_000m,
        decimal debt = 500m,
        decimal amount = 10_000m,
        decimal employmentYears = 5m,
        double identity = 0.9,
        decimal duration = 300m,
        string device = "dev-1",
        string channel = "web",
        string product = "personal",
        string decision = "approved",
        decimal processing = 12.5m) => new()
        {
            ApplicationId = id,
            CustomerId = new CustomerId(customer),
            Timestamp = time,
            Channel = channel,
            Product = product,
            LoanPurpose = "debt_consolidation",
            LoanAmount = amount,
            TermMonths = 36,
            AnnualIncome = income,
            MonthlyDebt = debt,
            CreditScore = creditScore,
            EmploymentYears = employmentYears,
            IdentityVerificationScore = identity,
            DeviceId = device,
            IpAddress = "10.0.0.1",
            ApplicationDurationSeconds = duration,
            Decision = decision,
            ProcessingTimeSeconds = processing,
        };
}

/// <summary>An in-memory offers table.</summary>
internal sealed class OfferTable : IOfferLookup
{
    private readonly Dictionary<long, CustomerOffer> _offers = [];

    public OfferTable Add(long id, string name)
    {
        _offers[id] = new CustomerOffer { OfferId = new OfferId(id), OfferName = name, OfferUrl = $"https://offers.example/{id}" };
        return this;
    }

    public bool TryGetOffer(OfferId offerId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CustomerOffer? offer) =>
        _offers.TryGetValue(offerId.Value, out offer);
}
