namespace ActorStreams.Domain.Fraud;

/// <summary>What one transaction did to the fraud state: the rules that fired and whether it was late.</summary>
/// <param name="Fired">The rules that fired (alerts were appended for each).</param>
/// <param name="IsLate">True when the transaction was older than <c>maxT − allowed-lateness</c>.</param>
public readonly record struct FraudEvaluation(FraudRuleSet Fired, bool IsLate)
{
    /// <summary>True when at least one rule fired: the flag forwarded to merchant metrics.</summary>
    public bool AnyFired => Fired != FraudRuleSet.None;
}
