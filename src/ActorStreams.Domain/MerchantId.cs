namespace ActorStreams.Domain;

/// <summary>Identifies a merchant (the key of the merchant repartition topic and of merchant metrics).</summary>
/// <param name="Value">The merchant id as it appears in <c>merchant_id</c>.</param>
public readonly record struct MerchantId(string Value)
{
    /// <summary>The raw id, used as the Kafka key.</summary>
    public override string ToString() => Value ?? string.Empty;
}
