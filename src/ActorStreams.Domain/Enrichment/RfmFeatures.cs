namespace ActorStreams.Domain.Enrichment;

/// <summary>Recency, frequency and monetary features of a customer's transactions as of an instant.</summary>
/// <param name="RecencyDays">Days (fractional) from the newest transaction to the instant, at least 0; null when there is none.</param>
/// <param name="Frequency">Transactions in the RFM window (default 30 days).</param>
/// <param name="Monetary">Sum of their amounts.</param>
public readonly record struct RfmFeatures(double? RecencyDays, int Frequency, decimal Monetary)
{
    /// <summary>The features of a customer with no transactions.</summary>
    public static RfmFeatures None { get; } = new(null, 0, 0m);
}
