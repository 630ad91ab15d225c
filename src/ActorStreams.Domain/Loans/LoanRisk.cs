using System.Numerics;

namespace ActorStreams.Domain.Loans;

/// <summary>A <c>loan-risk</c> record: the risk score of one application (docs/design.md §6).</summary>
public sealed record LoanRisk
{
    /// <summary>The reason names, in the formula's order (ties between equal contributions keep it).</summary>
    public static IReadOnlyList<string> ReasonNames { get; } = ["credit_score", "dti", "lti", "employment_years"];

    /// <summary><c>application_id</c>, also the record's id.</summary>
    public required string ApplicationId { get; init; }

    /// <summary><c>customer_id</c>.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary><c>channel</c>.</summary>
    public required string Channel { get; init; }

    /// <summary><c>product</c>.</summary>
    public required string Product { get; init; }

    /// <summary><c>dti</c> = monthly_debt · 12 / annual_income.</summary>
    public required double Dti { get; init; }

    /// <summary><c>lti</c> = loan_amount / annual_income.</summary>
    public required double Lti { get; init; }

    /// <summary><c>risk_score</c>: 0–100, one decimal.</summary>
    public required double RiskScore { get; init; }

    /// <summary><c>risk_level</c>: LOW, MEDIUM, HIGH or CRITICAL.</summary>
    public required string RiskLevel { get; init; }

    /// <summary><c>reasons</c>: the terms that contributed most, largest first (at most two, never a zero term).</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary><c>event_time</c>: the application's timestamp.</summary>
    public required EventTime EventTime { get; init; }

    /// <summary>
    /// Scores an application: <c>clamp(0, 100, round(w_c·(1 − (credit_score − 300)/550) + w_d·min(dti/cap_d, 1)
    /// + w_l·min(lti/cap_l, 1) + w_e·[employment_years &lt; min_years], 1))</c> in double arithmetic, in that order,
    /// rounded half to even on the exact binary value (as Python's <c>round</c>).
    /// </summary>
    public static LoanRisk Score(LoanApplication application, LoanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(settings);
        var income = (double)application.AnnualIncome;
        var dti = (double)application.MonthlyDebt * 12 / income;
        var lti = (double)application.LoanAmount / income;
        Span<double> terms =
        [
            settings.CreditWeight * (1 - ((application.CreditScore - 300) / 550.0)),
            settings.DtiWeight * Math.Min(dti / settings.DtiCap, 1),
            settings.LtiWeight * Math.Min(lti / settings.LtiCap, 1),
            application.EmploymentYears < settings.MinEmploymentYears ? settings.EmploymentWeight : 0,
        ];
        var score = Math.Clamp(RoundHalfEvenTenths(terms[0] + terms[1] + terms[2] + terms[3]), 0, 100);
        return new LoanRisk
        {
            ApplicationId = application.ApplicationId,
            CustomerId = application.CustomerId,
            Channel = application.Channel,
            Product = application.Product,
            Dti = dti,
            Lti = lti,
            RiskScore = score,
            RiskLevel = LevelOf(score, settings),
            Reasons = TopReasons(terms),
            EventTime = application.Timestamp,
        };
    }

    /// <summary>LOW below the medium bound, then MEDIUM, HIGH, and CRITICAL from the critical bound.</summary>
    public static string LevelOf(double score, LoanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return score < settings.MediumRiskFrom ? "LOW" : score < settings.HighRiskFrom ? "MEDIUM" : score < settings.CriticalRiskFrom ? "HIGH" : "CRITICAL";
    }

    /// <summary>
    /// <paramref name="value"/> rounded to one decimal, ties to even, decided on its exact binary value: 0.15 (stored as
    /// 0.1499…) gives 0.1 and 0.25 (exact) gives 0.2, as Python's <c>round(x, 1)</c>. The result is the double nearest the
    /// rounded decimal.
    /// </summary>
    public static double RoundHalfEvenTenths(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "must be finite");
        }

        if (value < 0)
        {
            return -RoundHalfEvenTenths(-value);
        }

        // value = mantissa · 2^exponent exactly; compare 10·value with k and k + 1/2 in integers.
        var bits = BitConverter.DoubleToInt64Bits(value);
        var rawExponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (rawExponent == 0)
        {
            rawExponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        var exponent = rawExponent - 1075;
        if (exponent >= 0)
        {
            return value; // an integer already
        }

        var tenfold = new BigInteger(mantissa) * 10;   // 10·value = tenfold / 2^-exponent
        var unit = BigInteger.One << -exponent;
        var k = BigInteger.DivRem(tenfold, unit, out var remainder);
        var twice = remainder * 2;
        if (twice > unit || (twice == unit && !k.IsEven))
        {
            k += 1;
        }

        return (double)k / 10;
    }

    private static string[] TopReasons(ReadOnlySpan<double> terms)
    {
        int first = -1, second = -1;
        for (var i = 0; i < terms.Length; i++)
        {
            if (!(terms[i] > 0))
            {
                continue;
            }

            if (first < 0 || terms[i] > terms[first])
            {
                second = first;
                first = i;
            }
            else if (second < 0 || terms[i] > terms[second])
            {
                second = i;
            }
        }

        return first < 0 ? [] : second < 0 ? [ReasonNames[first]] : [ReasonNames[first], ReasonNames[second]];
    }
}
