namespace ActorStreams.Warehouse.Jobs;

/// <summary>One rule's or category's alerts in the monitor's window and its baseline.</summary>
/// <param name="Dimension"><c>rule</c> or <c>merchant_category</c>.</param>
/// <param name="Value">The rule or the category.</param>
/// <param name="Count">Alerts in the window.</param>
/// <param name="Baseline">Average alerts per interval over the baseline period before the window.</param>
/// <param name="IsSpike">Whether the count is a spike.</param>
public sealed record FraudCount(string Dimension, string Value, long Count, double Baseline, bool IsSpike);
