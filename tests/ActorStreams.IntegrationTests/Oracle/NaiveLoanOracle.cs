using System.Numerics;
using System.Text;
using ActorStreams.Domain;
using ActorStreams.Domain.Tests.Reference;
using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;

namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>
/// The independent oracle of the loan analytics: the five loan outputs of docs/design.md §6 ("Loans") recomputed from the
/// <c>loan-applications</c> topic as a plain consumer read it, over full histories and the straightforward way, sharing no
/// code with src. Arrival order is offset order within a partition (all of a customer's applications are in one);
/// DEVICE_SHARED and the windows are decided in event time, with the lateness each application's partition watermark
/// gives it (the newest valid application time of the partition so far, this one included, minus grace).
/// Every number is the default of §6.
/// </summary>
public static class NaiveLoanOracle
{
    public const double IdentityThreshold = 0.3;
    public const double BotThresholdSeconds = 30;
    public const int BurstMinCount = 3;
    public const int DeviceMinCustomers = 3;

    public static readonly TimeSpan BurstWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan DeviceWindow = TimeSpan.FromHours(1);
    public static readonly TimeSpan AllowedLateness = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Rule names, as §6 writes them.</summary>
    public const string IdentityMismatch = "IDENTITY_MISMATCH";
    public const string BotSpeed = "BOT_SPEED";
    public const string ApplicationBurst = "APPLICATION_BURST";
    public const string DeviceShared = "DEVICE_SHARED";

    /// <summary>Computes every expected loan output from the <c>loan-applications</c> topic.</summary>
    public static LoanExpectations Compute(TopicContents applications)
    {
        ArgumentNullException.ThrowIfNull(applications);

        // 1. Validation: invalid records go to dead-letter and affect nothing else.
        var deadLetters = new Dictionary<string, ExpectedDeadLetter>(StringComparer.Ordinal);
        var valid = new List<LoanApplicationInput>();
        foreach (var record in applications.Records)
        {
            if (LoanInputValidation.TryApplication(record, out var application, out var reason))
            {
                valid.Add(application);
            }
            else
            {
                var text = record.Value is null || !System.Text.Unicode.Utf8.IsValid(record.Value) ? null : Encoding.UTF8.GetString(record.Value);
                var base64 = record.Value is not null && text is null ? Convert.ToBase64String(record.Value) : null;
                deadLetters.Add(record.Coordinates, new ExpectedDeadLetter(record.Topic, record.Partition, record.Offset, record.KeyText, text, base64, reason));
            }
        }

        // Offset order within each partition; a customer's applications are all in one partition. Duplicates (§6) change
        // nothing but still move their partition's watermark (step 5).
        var read = valid.OrderBy(a => a.Partition).ThenBy(a => a.Offset).ToList();
        var duplicates = new HashSet<LoanApplicationInput>();
        foreach (var customer in read.GroupBy(a => a.CustomerId))
        {
            var arrived = customer.ToList();
            var duplicate = NaiveDuplicates.Mark(arrived, a => a.ApplicationId, a => EventTime.FromDateTimeOffset(a.Timestamp));
            duplicates.UnionWith(arrived.Where((_, i) => duplicate[i]));
        }

        valid = [.. read.Where(a => !duplicates.Contains(a))];

        // 2. loan-risk: one per valid application.
        var risk = new Dictionary<string, ExpectedLoanRisk>(StringComparer.Ordinal);
        foreach (var a in valid)
        {
            var r = Risk(a.MonthlyDebt.Double, a.AnnualIncome.Double, a.LoanAmount.Double, a.CreditScore, a.EmploymentYears.Double);
            risk[a.ApplicationId] = new ExpectedLoanRisk(a.ApplicationId, a.CustomerId, a.Channel, a.Product, r.Dti, r.Lti, r.Score, r.Level, r.Reasons, Json.Iso(a.Timestamp));
        }

        var alerts = new Dictionary<string, ExpectedLoanAlert>(StringComparer.Ordinal);
        void Alert(LoanApplicationInput a, string rule, string severity, Dictionary<string, double> details) =>
            alerts[$"{a.ApplicationId}:{rule}"] = new ExpectedLoanAlert(
                $"{a.ApplicationId}:{rule}", rule, a.ApplicationId, a.CustomerId, a.DeviceId, a.Channel, a.LoanAmount.Exact, Json.Iso(a.Timestamp), severity, details);

        // 3. The per-application rules.
        foreach (var a in valid)
        {
            if (a.IdentityVerificationScore.Double < IdentityThreshold)
            {
                Alert(a, IdentityMismatch, "HIGH", new() { ["identity_verification_score"] = a.IdentityVerificationScore.Double, ["threshold"] = IdentityThreshold });
            }

            if (a.ApplicationDurationS.Double < BotThresholdSeconds)
            {
                Alert(a, BotSpeed, "MEDIUM", new() { ["application_duration_s"] = a.ApplicationDurationS.Double, ["threshold_s"] = BotThresholdSeconds });
            }
        }

        // 4. APPLICATION_BURST: per customer in arrival order, late applications neither checked nor counted.
        var burstLate = 0;
        foreach (var customer in valid.GroupBy(a => a.CustomerId))
        {
            var arrived = customer.ToList();
            if (arrived.Select(a => a.Partition).Distinct().Count() > 1)
            {
                throw new InvalidOperationException($"customer {customer.Key} has valid applications in several partitions");
            }

            var counted = new List<LoanApplicationInput>();
            DateTimeOffset? maxT = null;
            foreach (var a in arrived)
            {
                if (maxT is { } newest && a.Timestamp < newest - AllowedLateness)
                {
                    burstLate++;
                    continue;
                }

                maxT = maxT is { } m && m > a.Timestamp ? m : a.Timestamp;
                counted.Add(a);
                var count = counted.Count(j => a.Timestamp - BurstWindow <= j.Timestamp && j.Timestamp <= a.Timestamp);
                if (count >= BurstMinCount)
                {
                    Alert(a, ApplicationBurst, "MEDIUM", new() { ["count"] = count, ["min_count"] = BurstMinCount, ["window_seconds"] = BurstWindow.TotalSeconds });
                }
            }
        }

        // 5. The watermark each application carries: its partition's newest valid application time so far (duplicates
        // included: the partition has seen them), minus grace.
        var carried = new Dictionary<LoanApplicationInput, DateTimeOffset>();
        foreach (var partition in read.GroupBy(a => a.Partition))
        {
            DateTimeOffset? newest = null;
            foreach (var a in partition)
            {
                newest = newest is { } n && n > a.Timestamp ? n : a.Timestamp;
                carried[a] = newest.Value - Grace;
            }
        }

        // 6. DEVICE_SHARED in event time over every partition; late applications (time at or before the carried
        // watermark) are neither evaluated nor counted.
        var deviceLate = valid.Where(a => a.Timestamp <= carried[a]).ToHashSet();
        var byDevice = valid.ToLookup(a => a.DeviceId, StringComparer.Ordinal);
        foreach (var a in valid.Where(a => !deviceLate.Contains(a)))
        {
            var customers = byDevice[a.DeviceId]
                .Where(j => !deviceLate.Contains(j) && a.Timestamp - DeviceWindow <= j.Timestamp && j.Timestamp <= a.Timestamp)
                .Select(j => j.CustomerId)
                .Distinct()
                .Count();
            if (customers >= DeviceMinCustomers)
            {
                Alert(a, DeviceShared, "HIGH", new() { ["distinct_customers"] = customers, ["min_customers"] = DeviceMinCustomers, ["window_seconds"] = DeviceWindow.TotalSeconds });
            }
        }

        // 7. Windows: every application not late for its window (window end at or before the carried watermark).
        var alerted = alerts.Values.Select(x => x.ApplicationId).ToHashSet(StringComparer.Ordinal);
        var windowed = valid.Where(a => WindowStart(a.Timestamp) + Window > carried[a]).ToList();
        var stats = new Dictionary<string, ExpectedLoanStats>(StringComparer.Ordinal);
        var channels = new Dictionary<string, ExpectedLoanChannel>(StringComparer.Ordinal);
        foreach (var g in windowed.GroupBy(a => (a.Channel, Start: WindowStart(a.Timestamp))))
        {
            var (id, start, end) = WindowIds(g.Key.Channel, g.Key.Start);
            long n = g.Count();
            long approved = g.Count(a => a.Decision == "approved");
            stats.Add(id, new ExpectedLoanStats(
                id, g.Key.Channel, start, end, n, approved, g.Count(a => a.Decision == "rejected"), g.Count(a => a.Decision == "pending"),
                (double)approved / n, g.Sum(a => a.LoanAmount.Exact) / n, g.Sum(a => a.ProcessingTimeS.Exact) / n));
            channels.Add(id, new ExpectedLoanChannel(
                id, g.Key.Channel, start, end, n, (double)approved / n, g.Sum(a => a.ApplicationDurationS.Exact) / n,
                (double)g.Count(a => a.IdentityVerificationScore.Double < IdentityThreshold) / n,
                (double)g.Count(a => alerted.Contains(a.ApplicationId)) / n));
        }

        var segments = new Dictionary<string, ExpectedLoanSegment>(StringComparer.Ordinal);
        foreach (var g in windowed.GroupBy(a => (Segment: Segment(a.CreditScore), Start: WindowStart(a.Timestamp))))
        {
            var (id, start, end) = WindowIds(g.Key.Segment, g.Key.Start);
            long n = g.Count();
            long Products(string product) => g.Count(a => a.Product == product);
            segments.Add(id, new ExpectedLoanSegment(
                id, g.Key.Segment, start, end, n, (decimal)g.Sum(a => (long)a.CreditScore) / n, g.Sum(a => a.LoanAmount.Exact) / n,
                new LoanProductCounts(Products("personal"), Products("auto"), Products("mortgage"), Products("student"), Products("business"))));
        }

        return new LoanExpectations
        {
            Risk = risk,
            FraudAlerts = alerts,
            Stats = stats,
            Segments = segments,
            Channels = channels,
            DeadLetters = deadLetters,
            BurstLate = burstLate,
            DeviceLate = deviceLate.Count,
            WindowLate = valid.Count - windowed.Count,
            Duplicates = duplicates.Count,
        };
    }

    /// <summary>The risk of one application, exactly as §6 writes it (doubles, in formula order).</summary>
    public static LoanRiskResult Risk(double monthlyDebt, double annualIncome, double loanAmount, int creditScore, double employmentYears)
    {
        var dti = monthlyDebt * 12 / annualIncome;
        var lti = loanAmount / annualIncome;
        var credit = 40 * (1 - ((creditScore - 300) / 550.0));
        var debt = 30 * Math.Min(dti / 0.6, 1);
        var loan = 20 * Math.Min(lti / 5, 1);
        var employment = employmentYears < 1 ? 10.0 : 0.0;
        var score = Math.Clamp(RoundHalfEvenOneDecimal(credit + debt + loan + employment), 0, 100);
        var level = score < 25 ? "LOW" : score < 50 ? "MEDIUM" : score < 75 ? "HIGH" : "CRITICAL";

        // Largest first; OrderByDescending is stable, so equal terms keep this order.
        (string Name, double Value)[] terms = [("credit_score", credit), ("dti", debt), ("lti", loan), ("employment_years", employment)];
        var reasons = terms.Where(t => t.Value > 0).OrderByDescending(t => t.Value).Take(2).Select(t => t.Name).ToList();
        return new LoanRiskResult(dti, lti, score, level, reasons);
    }

    /// <summary>
    /// Python's <c>round(x, 1)</c>: the exact binary value of <paramref name="x"/> rounded to one decimal, ties to even,
    /// then the nearest double to that decimal. Decided with integers: x = m·2^e exactly, so 10x = 10m / 2^−e.
    /// </summary>
    public static double RoundHalfEvenOneDecimal(double x)
    {
        if (!double.IsFinite(x) || Math.Abs(x) >= 1L << 48)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "the oracle rounds finite values below 2^48 only");
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        var negative = bits < 0;
        var biased = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        var mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        var exponent = biased == 0 ? -1074 : biased - 1075;
        if (exponent >= 0)
        {
            return x; // an integer already
        }

        var numerator = new BigInteger(mantissa) * 10;
        var denominator = BigInteger.One << -exponent;
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var comparison = (remainder * 2).CompareTo(denominator);
        if (comparison > 0 || (comparison == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }

        // quotient < 2^53, so (double)quotient is exact and one IEEE division gives the nearest double to quotient / 10.
        var rounded = (double)quotient / 10;
        return negative ? -rounded : rounded;
    }

    /// <summary>The credit segment of §6: prime from 720, near_prime from 660, subprime below.</summary>
    public static string Segment(int creditScore) => creditScore >= 720 ? "prime" : creditScore >= 660 ? "near_prime" : "subprime";

    /// <summary>The start of the 1-minute window of <paramref name="time"/> (UTC minute floor).</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % Window.Ticks), TimeSpan.Zero);
    }

    private static (string MetricId, string Start, string End) WindowIds(string key, DateTimeOffset start) =>
        ($"{key}:{Json.Iso(start)}", Json.Iso(start), Json.Iso(start + Window));
}

/// <summary>The risk figures of one application: dti, lti, the rounded score, its level and the reasons.</summary>
public sealed record LoanRiskResult(double Dti, double Lti, double Score, string Level, IReadOnlyList<string> Reasons);
