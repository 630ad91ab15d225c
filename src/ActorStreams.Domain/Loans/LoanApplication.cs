namespace ActorStreams.Domain.Loans;

/// <summary>An application from the <c>loan-applications</c> topic (docs/design.md §5), already validated by the caller.</summary>
public sealed record LoanApplication
{
    /// <summary><c>application_id</c>: unique id; the loan outputs' ids derive from it.</summary>
    public required string ApplicationId { get; init; }

    /// <summary><c>customer_id</c>: the applicant (the partitioning key).</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary><c>timestamp</c>: the event time.</summary>
    public required EventTime Timestamp { get; init; }

    /// <summary><c>channel</c>: one of <see cref="LoanChannels.All"/>.</summary>
    public required string Channel { get; init; }

    /// <summary><c>product</c>: one of <see cref="LoanProducts.All"/>.</summary>
    public required string Product { get; init; }

    /// <summary><c>loan_purpose</c>.</summary>
    public required string LoanPurpose { get; init; }

    /// <summary><c>loan_amount</c> (&gt; 0).</summary>
    public required decimal LoanAmount { get; init; }

    /// <summary><c>term_months</c> (≥ 1).</summary>
    public required int TermMonths { get; init; }

    /// <summary><c>annual_income</c> (&gt; 0).</summary>
    public required decimal AnnualIncome { get; init; }

    /// <summary><c>monthly_debt</c> (≥ 0).</summary>
    public required decimal MonthlyDebt { get; init; }

    /// <summary><c>credit_score</c> (300–850).</summary>
    public required int CreditScore { get; init; }

    /// <summary><c>employment_years</c> (≥ 0).</summary>
    public required decimal EmploymentYears { get; init; }

    /// <summary><c>identity_verification_score</c> (0–1).</summary>
    public required double IdentityVerificationScore { get; init; }

    /// <summary><c>device_id</c>: drives <c>DEVICE_SHARED</c>.</summary>
    public required string DeviceId { get; init; }

    /// <summary><c>ip_address</c>.</summary>
    public required string IpAddress { get; init; }

    /// <summary><c>application_duration_s</c>: seconds spent filling the form (≥ 0).</summary>
    public required decimal ApplicationDurationSeconds { get; init; }

    /// <summary><c>decision</c>: one of <see cref="LoanDecisions.All"/>.</summary>
    public required string Decision { get; init; }

    /// <summary><c>processing_time_s</c>: seconds to the decision (≥ 0).</summary>
    public required decimal ProcessingTimeSeconds { get; init; }

    /// <summary><c>is_fraud</c>: optional ground-truth label.</summary>
    public bool? IsFraud { get; init; }
}
