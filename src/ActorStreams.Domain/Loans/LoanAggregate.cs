using System.Globalization;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Loans;

/// <summary>
/// The sums behind one window of one channel or segment (docs/design.md §6): a partial of one loan partition, or the
/// merge of every partition's partials. Sums are exact decimals, so merging in any order gives the same averages.
/// </summary>
public sealed class LoanAggregate
{
    private readonly long[] _products = new long[LoanProducts.All.Count];

    /// <summary>Applications.</summary>
    public long Applications { get; private set; }

    /// <summary>Approved applications.</summary>
    public long Approved { get; private set; }

    /// <summary>Rejected applications.</summary>
    public long Rejected { get; private set; }

    /// <summary>Pending applications.</summary>
    public long Pending { get; private set; }

    /// <summary>Applications whose identity check failed.</summary>
    public long IdentityFailures { get; private set; }

    /// <summary>Applications that fired at least one loan fraud rule.</summary>
    public long FraudAlerted { get; private set; }

    /// <summary>Sum of loan_amount.</summary>
    public decimal LoanAmount { get; private set; }

    /// <summary>Sum of processing_time_s.</summary>
    public decimal ProcessingTime { get; private set; }

    /// <summary>Sum of application_duration_s.</summary>
    public decimal Duration { get; private set; }

    /// <summary>Sum of credit_score.</summary>
    public long CreditScore { get; private set; }

    /// <summary>Applications per product, in <see cref="LoanProducts.All"/> order.</summary>
    public IReadOnlyList<long> Products => _products;

    /// <summary>Adds one evaluated application.</summary>
    public void Add(LoanForward application, bool fraudAlerted)
    {
        ArgumentNullException.ThrowIfNull(application);
        Applications++;
        switch (application.Decision)
        {
            case LoanDecisions.Approved:
                Approved++;
                break;
            case LoanDecisions.Rejected:
                Rejected++;
                break;
            default:
                Pending++;
                break;
        }

        if (application.IdentityFailed)
        {
            IdentityFailures++;
        }

        if (fraudAlerted)
        {
            FraudAlerted++;
        }

        LoanAmount += application.LoanAmount;
        ProcessingTime += application.ProcessingTimeSeconds;
        Duration += application.ApplicationDurationSeconds;
        CreditScore += application.CreditScore;
        var product = IndexOfProduct(application.Product);
        if (product >= 0)
        {
            _products[product]++;
        }
    }

    /// <summary>Adds another aggregate (a partial) into this one.</summary>
    public void Merge(LoanAggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Applications += other.Applications;
        Approved += other.Approved;
        Rejected += other.Rejected;
        Pending += other.Pending;
        IdentityFailures += other.IdentityFailures;
        FraudAlerted += other.FraudAlerted;
        LoanAmount += other.LoanAmount;
        ProcessingTime += other.ProcessingTime;
        Duration += other.Duration;
        CreditScore += other.CreditScore;
        for (var i = 0; i < _products.Length; i++)
        {
            _products[i] += other._products[i];
        }
    }

    /// <summary>
    /// The mean of a sum over <see cref="Applications"/> (0 without applications): the exact decimal quotient, rounded
    /// once to the nearest double (a plain decimal-to-double cast can be an ulp off: 6000.5 / 3 would give
    /// 2000.1666666666665 instead of 2000.1666666666667).
    /// </summary>
    public double Mean(decimal sum) =>
        Applications == 0 ? 0 : double.Parse((sum / Applications).ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A count's share of <see cref="Applications"/> (0 without applications).</summary>
    public double Share(long count) => Applications == 0 ? 0 : (double)count / Applications;

    /// <summary>Builds an aggregate from its parts (decoding a partial).</summary>
    public static LoanAggregate Create(long applications, long approved, long rejected, long pending, long identityFailures, long fraudAlerted,
        decimal loanAmount, decimal processingTime, decimal duration, long creditScore, ReadOnlySpan<long> products)
    {
        var aggregate = new LoanAggregate
        {
            Applications = applications,
            Approved = approved,
            Rejected = rejected,
            Pending = pending,
            IdentityFailures = identityFailures,
            FraudAlerted = fraudAlerted,
            LoanAmount = loanAmount,
            ProcessingTime = processingTime,
            Duration = duration,
            CreditScore = creditScore,
        };
        products[..Math.Min(products.Length, aggregate._products.Length)].CopyTo(aggregate._products);
        return aggregate;
    }

    internal void WriteTo(SnapshotWriter writer)
    {
        writer.WriteInt64(Applications);
        writer.WriteInt64(Approved);
        writer.WriteInt64(Rejected);
        writer.WriteInt64(Pending);
        writer.WriteInt64(IdentityFailures);
        writer.WriteInt64(FraudAlerted);
        writer.WriteDecimal(LoanAmount);
        writer.WriteDecimal(ProcessingTime);
        writer.WriteDecimal(Duration);
        writer.WriteInt64(CreditScore);
        writer.WriteInt32(_products.Length);
        foreach (var count in _products)
        {
            writer.WriteInt64(count);
        }
    }

    internal static LoanAggregate ReadFrom(ref SnapshotReader reader)
    {
        var applications = reader.ReadInt64();
        var approved = reader.ReadInt64();
        var rejected = reader.ReadInt64();
        var pending = reader.ReadInt64();
        var identity = reader.ReadInt64();
        var fraud = reader.ReadInt64();
        var amount = reader.ReadDecimal();
        var processing = reader.ReadDecimal();
        var duration = reader.ReadDecimal();
        var credit = reader.ReadInt64();
        var count = reader.ReadCount(64);
        Span<long> products = stackalloc long[count];
        for (var i = 0; i < count; i++)
        {
            products[i] = reader.ReadInt64();
        }

        return Create(applications, approved, rejected, pending, identity, fraud, amount, processing, duration, credit, products);
    }

    private static int IndexOfProduct(string product)
    {
        var all = LoanProducts.All;
        for (var i = 0; i < all.Count; i++)
        {
            if (string.Equals(all[i], product, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
