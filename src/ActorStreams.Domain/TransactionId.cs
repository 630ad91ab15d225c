namespace ActorStreams.Domain;

/// <summary>Identifies a transaction; unique across the <c>transactions</c> topic.</summary>
/// <param name="Value">The id as it appears in <c>transaction_id</c>.</param>
public readonly record struct TransactionId(string Value)
{
    /// <summary>The raw id.</summary>
    public override string ToString() => Value ?? string.Empty;
}
