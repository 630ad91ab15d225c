namespace ActorStreams.Generator;

/// <summary>
/// The fraud patterns injected into <c>loan-applications</c>, each made to trip one rule of the loans analytics;
/// every record of a pattern is labelled <c>is_fraud: true</c>.
/// </summary>
public enum LoanFraudPattern
{
    /// <summary>One application whose identity verification failed: <c>identity_verification_score</c> 0.02–0.28 (below 0.3).</summary>
    IdentityMismatch,

    /// <summary>One application filled in by a script: <c>application_duration_s</c> 2–25 s (below 30 s).</summary>
    Bot,

    /// <summary>A fraud ring: 3–5 applications of distinct customers from one device (<c>dev-ring-&lt;n&gt;</c>) within 20–50 minutes.</summary>
    SharedDevice,

    /// <summary>Loan stacking: one customer submits 3–4 applications within a few hours (at most 4.5 h).</summary>
    Burst,
}
