using System.Globalization;
using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <content>
/// Fraud injection. A pattern is planned whole when it starts: its first record is written at once, the others
/// queue until the clock reaches their event times. Its customers are taken from the free pool, as everyday
/// applicants are, and rest afterwards, so a pattern's customers have no other application within a day of it:
/// each pattern trips its rule, and their everyday applications do not. Patterns start when the labelled
/// records planned so far stay within <c>fraud-ratio</c> of the records written, minus a random slack that
/// spreads them out. Everything in a pattern is labelled fraud.
/// </content>
internal sealed partial class LoanApplicationStream
{
    private static readonly LoanFraudPattern[] PatternKinds = Enum.GetValues<LoanFraudPattern>();

    /// <summary>The patterns a pool of fewer than three customers allows (a ring needs three distinct customers).</summary>
    private static readonly LoanFraudPattern[] SingleCustomerKinds = [LoanFraudPattern.IdentityMismatch, LoanFraudPattern.Bot, LoanFraudPattern.Burst];

    private NextPattern _next;
    private long _plannedFraud;
    private long _injections;
    private long _rings;

    private bool TryStartPattern(long nominal, long remaining, out PlannedLoanApplication first)
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
        if (_plannedFraud + _next.Size + _next.Slack > _settings.FraudRatio * (slot + _next.Size)
            || remaining - _pending.Count < _next.Size)
        {
            return false;
        }

        var pattern = _next.Kind;
        var size = _next.Size;
        _next = default;
        var records = pattern switch
        {
            LoanFraudPattern.IdentityMismatch => PlanIdentityMismatch(nominal),
            LoanFraudPattern.Bot => PlanBot(nominal),
            LoanFraudPattern.SharedDevice => PlanSharedDevice(nominal, size),
            _ => PlanBurst(nominal, size),
        };

        Statistics.CountPattern(pattern);
        var injection = new LoanFraudInjection(pattern, _injections++);
        for (var i = 0; i < records.Count; i++)
        {
            records[i] = records[i] with { IsFraud = true, Injection = injection };
        }

        first = records[0];
        for (var i = 1; i < records.Count; i++)
        {
            _pending.Enqueue(records[i], (records[i].Ticks, _sequence++));
        }

        _plannedFraud += records.Count;
        return true;
    }

    private NextPattern ChooseNextPattern()
    {
        var kinds = _customers.Length >= 3 ? PatternKinds : SingleCustomerKinds;
        var kind = kinds[_random.Next(kinds.Length)];
        var size = kind switch
        {
            LoanFraudPattern.SharedDevice => _random.Between(3, Math.Min(5, _customers.Length)),
            LoanFraudPattern.Burst => _random.Between(3, 4),
            _ => 1,
        };
        return new NextPattern(kind, size, _random.Uniform(0, 2.0 * size), IsChosen: true);
    }

    /// <summary>A stolen identity: the identity check fails (0.020–0.280), the stated income is inflated, from a device and address the customer never used; mostly rejected or sent to review.</summary>
    private List<PlannedLoanApplication> PlanIdentityMismatch(long nominal)
    {
        var victim = TakeCustomer();
        var application = PlanFraud(victim, nominal);
        application.IdentityThousandths = _random.Between(20, 280);
        application.IncomeCents = (long)Math.Round(victim.IncomeCents * _random.Uniform(1.3, 2.5) / 1_000) * 1_000;
        application.Device = UnknownDevice(victim);
        application.Ip = PublicIp.Draw(_random);
        Decide(ref application, _random.Chance(0.6) ? Rejected : _random.Chance(0.75) ? Pending : Approved);
        Rest(victim, nominal);
        return [application];
    }

    /// <summary>A scripted application: the form filled in within 2.0–25.0 s, from a device and address the customer never used.</summary>
    private List<PlannedLoanApplication> PlanBot(long nominal)
    {
        var victim = TakeCustomer();
        var application = PlanFraud(victim, nominal);
        application.DurationTenths = _random.Between(20, 250);
        application.Device = UnknownDevice(victim);
        application.Ip = PublicIp.Draw(_random);
        Rest(victim, nominal);
        return [application];
    }

    /// <summary>A fraud ring: <paramref name="size"/> distinct customers apply from one device and address, the first and the last 20–50 minutes apart.</summary>
    private List<PlannedLoanApplication> PlanSharedDevice(long nominal, int size)
    {
        var device = JsonText.Encode(string.Create(CultureInfo.InvariantCulture, $"dev-ring-{++_rings}"));
        var ip = PublicIp.Draw(_random);
        var spanMillis = _random.Between(20 * 60_000, 50 * 60_000);
        var offsets = new long[size];
        offsets[^1] = spanMillis;
        for (var i = 1; i < size - 1; i++)
        {
            offsets[i] = _random.Between(1L, spanMillis - 1);
        }

        Array.Sort(offsets);

        // All members are taken before any rests again, so they are distinct even when the pool is exhausted.
        var records = new List<PlannedLoanApplication>(size);
        foreach (var offset in offsets)
        {
            var application = PlanFraud(TakeCustomer(), nominal + (offset * TimeSpan.TicksPerMillisecond));
            application.Device = device;
            application.Ip = ip;
            records.Add(application);
        }

        foreach (var application in records)
        {
            Rest(application.Customer, application.Ticks);
        }

        return records;
    }

    /// <summary>Loan stacking: one customer applies <paramref name="size"/> times for the same product from their own device, 15–90 minutes apart.</summary>
    private List<PlannedLoanApplication> PlanBurst(long nominal, int size)
    {
        var victim = TakeCustomer();
        var product = _products[_random.PickCumulative(_fraudProductWeights)];
        var records = new List<PlannedLoanApplication>(size);
        var ticks = nominal;
        for (var i = 0; i < size; i++)
        {
            if (i > 0)
            {
                ticks += _random.Between(15 * 60_000, 90 * 60_000) * TimeSpan.TicksPerMillisecond;
            }

            records.Add(PlanFraud(victim, ticks, product));
        }

        Rest(victim, ticks);
        return records;
    }

    /// <summary>An application in <paramref name="customer"/>'s name through a self-service channel, for <paramref name="product"/> or one of those fraud favours (unsecured, quick money).</summary>
    private PlannedLoanApplication PlanFraud(LoanCustomer customer, long ticks, LoanProduct? product = null)
    {
        var channel = _digitalChannels[_random.PickCumulative(_digitalChannelWeights)];
        return Plan(customer, ticks, channel, product ?? _products[_random.PickCumulative(_fraudProductWeights)]);
    }

    /// <summary>The share of fraudulent applications for <paramref name="product"/>: mostly unsecured personal and business loans, hardly mortgages.</summary>
    private static double FraudWeight(LoanProduct product) => product.Name switch
    {
        "personal" => 55,
        "business" => 20,
        "auto" => 15,
        "student" => 8,
        _ => 2,
    };

    /// <summary>A device id in the customer's name that none of their genuine applications uses (<c>dev-&lt;customer&gt;-3</c> to <c>-9</c>).</summary>
    private JsonEncodedText UnknownDevice(LoanCustomer customer) =>
        JsonText.Encode(string.Create(CultureInfo.InvariantCulture, $"dev-{customer.Id}-{_random.Between(3, 9)}"));

    /// <summary>The next pattern to inject, chosen ahead so its size can be budgeted.</summary>
    private readonly record struct NextPattern(LoanFraudPattern Kind, int Size, double Slack, bool IsChosen);
}
