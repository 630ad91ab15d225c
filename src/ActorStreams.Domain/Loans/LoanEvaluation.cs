namespace ActorStreams.Domain.Loans;

/// <summary>What a customer's loan rules decided about one application.</summary>
/// <param name="Risk">The application's <c>loan-risk</c> record.</param>
/// <param name="IsLate">The application was late for APPLICATION_BURST.</param>
/// <param name="Alerted">At least one customer rule (IDENTITY_MISMATCH, BOT_SPEED, APPLICATION_BURST) fired.</param>
/// <param name="IdentityFailed">identity_verification_score was below the threshold.</param>
public readonly record struct LoanEvaluation(LoanRisk Risk, bool IsLate, bool Alerted, bool IdentityFailed);
