using System.Globalization;
using ActorStreams.Kafka.Partitioning;

namespace ActorStreams.IntegrationTests.Scenario;

/// <summary>
/// Hand-made boundary cases of docs/design.md §6 ("Loans") on their own customers (700000…) and devices: risk scores on
/// the formula's edges and rounding ties, each rule just at and just past its threshold, APPLICATION_BURST's arrival order
/// and lateness, DEVICE_SHARED's event-time order and lateness, and windows at minute boundaries. Each sequence starts
/// <see cref="Spacing"/> after the previous one, so sequences share no window and no partition watermark; within a
/// sequence, records arrive in list order. Customers are chosen by their murmur2 partition among <see cref="Partitions"/>
/// where lateness depends on it. <see cref="Oracle.LoanOracleTests"/> checks the oracle's outcome on each.
/// </summary>
public static class LoanEdgeCases
{
    /// <summary>Partitions of <c>loan-applications</c> the cases are laid out for.</summary>
    public const int Partitions = 4;

    /// <summary>Event time between the starts of consecutive sequences (more than any sequence lasts).</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromDays(2);

    /// <summary>The sequences, in order.</summary>
    public static IReadOnlyList<string> Sequences { get; } =
    [
        "risk", "rules", "burst-24h", "burst-over", "burst-order", "burst-late", "burst-boundary",
        "ds-1h", "ds-over", "ds-same", "ds-order", "ds-late", "window-late", "windows", "duplicates",
    ];

    /// <summary>Where <paramref name="sequence"/> starts when the cases start at <paramref name="start"/>.</summary>
    public static DateTimeOffset StartOf(string sequence, DateTimeOffset start)
    {
        var index = Sequences.ToList().IndexOf(sequence);
        return index < 0 ? throw new ArgumentException($"unknown sequence {sequence}", nameof(sequence)) : start + (index * Spacing);
    }

    /// <summary>Every case, in production order, from <paramref name="start"/> (a whole minute).</summary>
    public static List<LoanApplicationJson> Applications(DateTimeOffset start)
    {
        if (start.UtcTicks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentException("the window cases need a start on a whole minute", nameof(start));
        }

        var customers = new Customers();
        var result = new List<LoanApplicationJson>();
        foreach (var sequence in Sequences)
        {
            var t = StartOf(sequence, start);
            result.AddRange(sequence switch
            {
                "risk" => Risk(t, customers),
                "rules" => Rules(t, customers),
                "burst-24h" => Burst(t, customers.Any(), "le-b24", 0, 12 * 3600, 24 * 3600), // the third fires: exactly 24 h back is inside
                "burst-over" => Burst(t, customers.Any(), "le-bov", 0, 12 * 3600, (24 * 3600) + 0.001), // 1 ms more: outside, nothing fires
                "burst-order" => Burst(t, customers.Any(), "le-bo", 0, 20 * 60, 16 * 60, 21 * 60), // only the fourth fires (count 4)
                "burst-late" => Burst(t, customers.Any(), "le-bl", 0, 10 * 60, (5 * 60) - 0.001, (10 * 60) + 1), // the third is late; the fourth fires with count 3
                "burst-boundary" => Burst(t, customers.Any(), "le-bb", 0, 60, 10 * 60, 5 * 60), // the third fires; the fourth, exactly maxT − 5 min, is not late: fires (0, 1:00 and itself)
                "ds-1h" => Device(t, "dev-le-ds1h", "le-dsh", (customers.Any(), 0), (customers.Any(), 30 * 60), (customers.Any(), 60 * 60)),
                "ds-over" => Device(t, "dev-le-dsov", "le-dsov", (customers.Any(), 0), (customers.Any(), 30 * 60), (customers.Any(), (60 * 60) + 0.001)),
                "ds-same" => DeviceSameCustomer(t, customers),
                "ds-order" => Device(t, "dev-le-dso", "le-dso", (customers.In(0), 20 * 60), (customers.In(1), 0), (customers.In(2), 10 * 60)),
                "ds-late" => DeviceLate(t, customers),
                "window-late" => WindowLate(t, customers),
                "duplicates" => Duplicates(t, customers.Any()),
                _ => Windows(t, customers),
            });
        }

        return result;
    }

    /// <summary>Risk only (no rule fires); the comments give the hand-computed terms and score.</summary>
    private static List<LoanApplicationJson> Risk(DateTimeOffset t, Customers customers)
    {
        LoanApplicationJson App(string name, int second) => new() { ApplicationId = $"le-risk-{name}", CustomerId = customers.Any(), Timestamp = At(t, second) };
        return
        [
            // credit 0, dti 0, lti 1e-6 → 4e-6: 0.0 LOW [lti]
            App("min", 0) with { CreditScore = 850, MonthlyDebt = 0m, LoanAmount = 1.00m, AnnualIncome = 1_000_000.00m },
            // 40 + 30 (dti 12, capped) + 20 (lti 16.7, capped) + 10: 100.0 CRITICAL [credit_score, dti]
            App("max", 1) with { CreditScore = 300, MonthlyDebt = 60_000.00m, AnnualIncome = 60_000.00m, LoanAmount = 1_000_000.00m, EmploymentYears = 0.5m },
            // dti exactly 0.6 (dti / 0.6 = 1): 20 + 30 + 10 (lti 2.5) + 0 (employment exactly 1): 60.0 HIGH [dti, credit_score]
            App("cap", 2) with { CreditScore = 575, MonthlyDebt = 3_000.00m, AnnualIncome = 60_000.00m, LoanAmount = 150_000.00m, EmploymentYears = 1.0m },
            // 0 + 2.25 + 10 = 12.25 exactly: a tie, to even: 12.2 LOW [lti, dti]
            App("tie-down", 3) with { CreditScore = 850, MonthlyDebt = 150.00m, AnnualIncome = 40_000.00m, LoanAmount = 100_000.00m },
            // 0 + 3.75 + 1 = 4.75 exactly: a tie, to even: 4.8 LOW [dti, lti]
            App("tie-up", 4) with { CreditScore = 850, MonthlyDebt = 250.00m, AnnualIncome = 40_000.00m, LoanAmount = 10_000.00m },
            // 11.25 + 0.1 = 11.349999999999999645 (below 11.35 in binary): 11.3 LOW [dti, lti]
            App("binary", 5) with { CreditScore = 850, MonthlyDebt = 750.00m, AnnualIncome = 40_000.00m, LoanAmount = 1_000.00m },
            // lti 10 and employment 10 are equal: lti first. 20.0 LOW [lti, employment_years]
            App("equal", 6) with { CreditScore = 850, MonthlyDebt = 0m, AnnualIncome = 60_000.00m, LoanAmount = 150_000.00m, EmploymentYears = 0.9m },
            // 20 + 0 + 5 (lti 1.25): 25.0 MEDIUM [credit_score, lti]
            App("25", 7) with { CreditScore = 575, MonthlyDebt = 0m, AnnualIncome = 60_000.00m, LoanAmount = 75_000.00m },
            // 20 + 0 + 4.9 (lti 1.225): 24.9 LOW [credit_score, lti]
            App("24.9", 8) with { CreditScore = 575, MonthlyDebt = 0m, AnnualIncome = 60_000.00m, LoanAmount = 73_500.00m },
            // 40 + 30 + 5: 75.0 CRITICAL [credit_score, dti]
            App("75", 9) with { CreditScore = 300, MonthlyDebt = 3_000.00m, AnnualIncome = 60_000.00m, LoanAmount = 75_000.00m },
            // 40 + 0 + 3.3e-6 + 10 (employment 0): 50.0 HIGH [credit_score, employment_years]
            App("50", 10) with { CreditScore = 300, MonthlyDebt = 0m, AnnualIncome = 60_000.00m, LoanAmount = 0.01m, EmploymentYears = 0m },
        ];
    }

    /// <summary>IDENTITY_MISMATCH and BOT_SPEED at and past their thresholds.</summary>
    private static List<LoanApplicationJson> Rules(DateTimeOffset t, Customers customers)
    {
        LoanApplicationJson App(string name, int second) => new() { ApplicationId = $"le-{name}", CustomerId = customers.Any(), Timestamp = At(t, second) };
        return
        [
            App("id-0.3", 0) with { IdentityVerificationScore = 0.3m }, // not below 0.3
            App("id-0.29999", 1) with { IdentityVerificationScore = 0.29999m }, // IDENTITY_MISMATCH
            App("id-0", 2) with { IdentityVerificationScore = 0m }, // IDENTITY_MISMATCH
            App("id-1", 3) with { IdentityVerificationScore = 1m },
            App("bot-30", 4) with { ApplicationDurationS = 30.0m }, // not below 30
            App("bot-29.9", 5) with { ApplicationDurationS = 29.9m }, // BOT_SPEED
            App("bot-0", 6) with { ApplicationDurationS = 0m }, // BOT_SPEED
        ];
    }

    /// <summary>One customer's applications at the given seconds from <paramref name="t"/>, in arrival order, each on a device of its own.</summary>
    private static List<LoanApplicationJson> Burst(DateTimeOffset t, long customer, string prefix, params double[] seconds) =>
        [.. seconds.Select((s, i) => new LoanApplicationJson { ApplicationId = $"{prefix}-{i + 1}", CustomerId = customer, Timestamp = At(t, s) })];

    /// <summary>
    /// A producer's retry of le-dup-1 is a duplicate: le-dup-2 then has 2 applications within 24 h, not 3, and no
    /// APPLICATION_BURST fires; one loan-risk per id.
    /// </summary>
    private static List<LoanApplicationJson> Duplicates(DateTimeOffset t, long customer)
    {
        var first = new LoanApplicationJson { ApplicationId = "le-dup-1", CustomerId = customer, Timestamp = At(t, 0) };
        return [first, first, new LoanApplicationJson { ApplicationId = "le-dup-2", CustomerId = customer, Timestamp = At(t, 60) }];
    }

    /// <summary>Applications of the given customers on one device, in arrival order, named <c>prefix-1</c>….</summary>
    private static List<LoanApplicationJson> Device(DateTimeOffset t, string device, string prefix, params (long Customer, double Seconds)[] applications) =>
        [.. applications.Select((a, i) => new LoanApplicationJson { ApplicationId = $"{prefix}-{i + 1}", CustomerId = a.Customer, Timestamp = At(t, a.Seconds), DeviceId = device })];

    /// <summary>A customer twice counts once: 2 distinct customers, then a third one fires (distinct 3).</summary>
    private static List<LoanApplicationJson> DeviceSameCustomer(DateTimeOffset t, Customers customers)
    {
        var twice = customers.Any();
        return Device(t, "dev-le-dss", "le-dss", (twice, 0), (twice, 10 * 60), (customers.Any(), 20 * 60), (customers.Any(), 30 * 60));
    }

    /// <summary>
    /// Partition x: le-dsl-1 at 10:00 (watermark 9:50), le-dsl-2 at 9:50 (at the watermark: late, neither evaluated nor
    /// counted), le-dsl-4 at 9:50.001 (not late). le-dsl-3 (10:30) and le-dsl-5 (11:00) in other partitions. In event time,
    /// le-dsl-3 sees 1, 4 and itself (fires, 3) although 4 arrived after it; le-dsl-5 sees 1, 3, 4 and itself (fires, 4).
    /// </summary>
    private static List<LoanApplicationJson> DeviceLate(DateTimeOffset t, Customers customers) => Device(
        t, "dev-le-dsl", "le-dsl",
        (customers.In(3), 10 * 60), (customers.In(3), (9 * 60) + 50), (customers.In(0), (10 * 60) + 30), (customers.In(3), (9 * 60) + 50.001), (customers.In(1), 11 * 60));

    /// <summary>
    /// Partition 2, channel mobile: le-wl-1 at 1:15 (watermark 1:05); le-wl-2 at 0:59.999, whose window ends at 1:00, is late
    /// for windows; le-wl-3 at 1:00 is late for DEVICE_SHARED only (counted in window 1:00); le-wl-4 at 1:05.001 is not late.
    /// </summary>
    private static List<LoanApplicationJson> WindowLate(DateTimeOffset t, Customers customers)
    {
        LoanApplicationJson App(int n, double seconds) => new() { ApplicationId = $"le-wl-{n}", CustomerId = customers.In(2), Timestamp = At(t, seconds), Channel = "mobile" };
        return [App(1, 75), App(2, 59.999), App(3, 60), App(4, 65.001)];
    }

    /// <summary>Windows at minute boundaries: le-win-1, -5, -2 in the first minute (0:00, 0:30, 0:59.999), le-win-3 and -4 at 1:00.</summary>
    private static List<LoanApplicationJson> Windows(DateTimeOffset t, Customers customers)
    {
        LoanApplicationJson App(int n, double seconds) => new() { ApplicationId = $"le-win-{n}", CustomerId = customers.Any(), Timestamp = At(t, seconds), Channel = "branch" };
        return
        [
            App(1, 0) with { Product = "auto", CreditScore = 720, Decision = "approved", LoanAmount = 1_000.10m, ProcessingTimeS = 10.5m, ApplicationDurationS = 100.0m },
            App(5, 30) with { Product = "personal", CreditScore = 850, Decision = "approved", LoanAmount = 0.01m, ProcessingTimeS = 0.5m, ApplicationDurationS = 45.5m },
            App(2, 59.999) with { Product = "mortgage", CreditScore = 719, Decision = "rejected", LoanAmount = 2_000.20m, ProcessingTimeS = 20.0m, ApplicationDurationS = 200.0m, IdentityVerificationScore = 0.2m },
            App(3, 60) with { Product = "student", CreditScore = 660, Decision = "pending", LoanAmount = 3_000.30m, ProcessingTimeS = 30.0m, ApplicationDurationS = 29.0m },
            App(4, 60) with { Channel = "partner", Product = "business", CreditScore = 659, Decision = "approved", LoanAmount = 4_000.40m, ProcessingTimeS = 40.0m, ApplicationDurationS = 400.0m },
        ];
    }

    /// <summary><paramref name="seconds"/> after <paramref name="t"/>, to the millisecond (the resolution of §5 timestamps).</summary>
    private static DateTimeOffset At(DateTimeOffset t, double seconds) => t.AddTicks((long)Math.Round(seconds * 1000) * TimeSpan.TicksPerMillisecond);

    /// <summary>Hands out customer ids from 700000 up, each once, optionally only ids of one murmur2 partition.</summary>
    private sealed class Customers
    {
        private readonly HashSet<long> _used = [];
        private long _next = 700_000;

        public long Any() => Take(_ => true);

        public long In(int partition) => Take(id => Murmur2Partitioner.Partition(id.ToString(CultureInfo.InvariantCulture), Partitions) == partition);

        private long Take(Func<long, bool> fits)
        {
            for (var id = _next; ; id++)
            {
                if (!_used.Contains(id) && fits(id))
                {
                    _used.Add(id);
                    while (_used.Contains(_next))
                    {
                        _next++;
                    }

                    return id;
                }
            }
        }
    }
}
