namespace ActorStreams.Domain.Tests.Reference;

/// <summary>
/// One transaction as a customer partition read it, for the naive merchant metrics. A duplicate (<paramref name="Counted"/>
/// false) moves its partition's watermark like any record it has seen, but is counted in no window.
/// </summary>
internal sealed record SourcedTransaction(
    int Partition, long Offset, string MerchantId, string Category, decimal Amount, EventTime Time, bool Alerted, bool Labeled, bool Counted = true);

/// <summary>A merchant metric reduced to comparable values.</summary>
internal sealed record NaiveMetric(string MetricId, string Category, long Count, decimal Total, decimal Avg, decimal Max, long Alerted, long Labeled);

/// <summary>
/// Merchant metrics straight from docs/design.md §6 over complete per-partition histories: a record
/// is late when its window ended at or before its partition's watermark (newest event time so
/// far in that partition minus grace); the others are grouped by merchant and minute.
/// </summary>
internal static class NaiveMerchantMetrics
{
    public static List<NaiveMetric> Run(IEnumerable<SourcedTransaction> transactions, TimeSpan grace, out int lateEvents)
    {
        var late = 0;
        var kept = new List<SourcedTransaction>();
        foreach (var partition in transactions.GroupBy(t => t.Partition))
        {
            var ordered = partition.OrderBy(t => t.Offset).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                if (!ordered[i].Counted)
                {
                    continue;
                }

                var newest = ordered.Take(i + 1).Max(t => t.Time.ToDateTimeOffset());
                var watermark = newest - grace;
                var start = MinuteFloor(ordered[i].Time.ToDateTimeOffset());
                if (start.AddMinutes(1) <= watermark)
                {
                    late++;
                }
                else
                {
                    kept.Add(ordered[i]);
                }
            }
        }

        lateEvents = late;
        return kept
            .GroupBy(t => (t.MerchantId, Start: MinuteFloor(t.Time.ToDateTimeOffset())))
            .Select(g =>
            {
                // The generators give a merchant one category, so "first seen" needs no merge order here.
                var first = g.OrderBy(t => t.Partition).ThenBy(t => t.Offset).First();
                var total = g.Sum(t => t.Amount);
                return new NaiveMetric(
                    $"{g.Key.MerchantId}:{g.Key.Start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}",
                    first.Category,
                    g.Count(),
                    total,
                    total / g.Count(),
                    g.Max(t => t.Amount),
                    g.Count(t => t.Alerted),
                    g.Count(t => t.Labeled));
            })
            .OrderBy(m => m.MetricId, StringComparer.Ordinal)
            .ToList();
    }

    private static DateTimeOffset MinuteFloor(DateTimeOffset time) =>
        new(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, TimeSpan.Zero);
}
