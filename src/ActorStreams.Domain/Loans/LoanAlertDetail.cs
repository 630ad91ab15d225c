namespace ActorStreams.Domain.Loans;

/// <summary>One figure of a loan fraud alert's <c>details</c> object.</summary>
/// <param name="Name">The snake_case field name.</param>
/// <param name="Value">The number.</param>
public readonly record struct LoanAlertDetail(string Name, double Value);
