using ActorStreams.Domain.Behaviour;
using ActorStreams.Domain.Churn;
using ActorStreams.Domain.Enrichment;
using ActorStreams.Domain.Fraud;
using ActorStreams.Domain.Loans;

namespace ActorStreams.Domain.Customers;

/// <summary>Every setting a customer entity's analytics need.</summary>
public sealed record CustomerStateSettings
{
    /// <summary>The contract defaults.</summary>
    public static CustomerStateSettings Default { get; } = new();

    /// <summary>Fraud rule thresholds.</summary>
    public FraudRuleSettings Fraud { get; init; } = FraudRuleSettings.Default;

    /// <summary>Churn scoring.</summary>
    public ChurnSettings Churn { get; init; } = ChurnSettings.Default;

    /// <summary>Enrichment buffer and RFM window.</summary>
    public EnrichmentSettings Enrichment { get; init; } = EnrichmentSettings.Default;

    /// <summary>Loan risk and fraud rules.</summary>
    public LoanSettings Loans { get; init; } = LoanSettings.Default;

    /// <summary>Customer behaviour features (sessions, windows, caps).</summary>
    public BehaviourSettings Behaviour { get; init; } = BehaviourSettings.Default;

    /// <summary>How long ids are remembered to recognise duplicates.</summary>
    public DuplicateSettings Duplicates { get; init; } = DuplicateSettings.Default;

    /// <summary>Validates every part; throws <see cref="ArgumentOutOfRangeException"/> naming the invalid property.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Fraud);
        ArgumentNullException.ThrowIfNull(Churn);
        ArgumentNullException.ThrowIfNull(Enrichment);
        ArgumentNullException.ThrowIfNull(Loans);
        ArgumentNullException.ThrowIfNull(Duplicates);
        ArgumentNullException.ThrowIfNull(Behaviour);
        Fraud.Validate();
        Churn.Validate();
        Enrichment.Validate();
        Loans.Validate();
        Duplicates.Validate();
        Behaviour.Validate();
    }
}
