using System.Globalization;

namespace ActorStreams.Warehouse.Jobs;

/// <summary>What one fraud-monitor run found.</summary>
/// <param name="WindowStart">The window's start (inclusive).</param>
/// <param name="WindowEnd">The window's end (exclusive).</param>
/// <param name="Files">Lake files of <c>fraud_alerts</c> it read.</param>
/// <param name="Counts">Every rule and category with alerts in the window or its baseline, rules first.</param>
/// <param name="Spikes">The spikes, as they go to the topic.</param>
public sealed record FraudMonitorResult(
    DateTimeOffset WindowStart, DateTimeOffset WindowEnd, int Files, IReadOnlyList<FraudCount> Counts, IReadOnlyList<FraudSpike> Spikes)
{
    /// <summary>One line for the job history.</summary>
    public string Summary
    {
        get
        {
            var alerts = Counts.Where(c => c.Dimension == FraudSpike.RuleDimension).Sum(c => c.Count);
            var spikes = Spikes.Count == 0
                ? "no spike"
                : string.Create(CultureInfo.InvariantCulture, $"{Spikes.Count} spike(s): {string.Join(", ", Spikes.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Dimension} {s.Value} {s.Count} vs {s.Baseline:0.##}")))}");
            return string.Create(CultureInfo.InvariantCulture, $"window {WindowStart:yyyy-MM-dd'T'HH:mm}Z-{WindowEnd:HH:mm}Z: {alerts} alert(s) from {Files} file(s); {spikes}");
        }
    }
}
