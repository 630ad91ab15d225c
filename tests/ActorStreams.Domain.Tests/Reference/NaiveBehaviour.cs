using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Domain.Tests.Reference;

/// <summary>
/// docs/design.md §6 "Customer behaviour features" recomputed straight from the text with LINQ over one customer's whole
/// event list (in time order, at least one event), sharing no code with <see cref="BehaviourState"/>.
/// </summary>
internal static class NaiveBehaviour
{
    private static readonly TimeSpan Gap = TimeSpan.FromMinutes(30);

    public static Expected Compute(IReadOnlyList<CustomerEvent> events, DateTime asOf)
    {
        var times = events.Select(e => e.Timestamp.ToDateTime()).ToList();
        var asOfDay = asOf.Date;
        bool InDays(CustomerEvent e, int days) =>
            e.Timestamp.ToDateTime().Date >= asOfDay.AddDays(-(days - 1)) && e.Timestamp.ToDateTime().Date <= asOfDay;
        var purchases = events.Where(e => e.Type == CustomerEventType.Purchase).ToList();
        double DaysBetween(DateTime from) => Math.Max(0, (asOf - from).TotalDays);

        // Sessions: in time order, a new session wherever the step from the previous event exceeds the gap.
        var ordered = events.OrderBy(e => e.Timestamp.Ticks).ToList();
        var sessions = new List<List<CustomerEvent>>();
        foreach (var e in ordered)
        {
            if (sessions.Count == 0 || e.Timestamp.ToDateTime() - sessions[^1][^1].Timestamp.ToDateTime() > Gap)
            {
                sessions.Add([]);
            }

            sessions[^1].Add(e);
        }

        var lastEnd = sessions[^1][^1].Timestamp.ToDateTime();
        var ended = asOf > lastEnd + Gap ? sessions : sessions.Take(sessions.Count - 1).ToList();
        var withCart = ended.Where(s => s.Any(e => e.Type == CustomerEventType.AddToCart)).ToList();
        var ewma = 0.0;
        for (var i = 0; i < sessions.Count; i++)
        {
            var signal = sessions[i].Any(e => e.Type == CustomerEventType.Purchase) ? 0.0 : 1.0;
            ewma = i == 0 ? signal : (0.3 * signal) + (0.7 * ewma);
        }

        var categories = events.GroupBy(e => e.Category, StringComparer.Ordinal)
            .Select(g => new CategoryCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Events).ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
        var device = events.GroupBy(e => e.Device, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .First().Key;
        var tenure = DaysBetween(times.Min());
        return new Expected(
            purchases.Count == 0 ? tenure : DaysBetween(purchases.Max(p => p.Timestamp.ToDateTime())),
            purchases.Count(p => InDays(p, 90)),
            purchases.Where(p => InDays(p, 90)).Sum(p => p.Price * p.Quantity),
            tenure,
            DaysBetween(times.Max()),
            events.Count(e => InDays(e, 30)),
            events.Count(e => InDays(e, 90)),
            purchases.Count(p => InDays(p, 30)),
            sessions.Count,
            sessions.Average(s => (s[^1].Timestamp.ToDateTime() - s[0].Timestamp.ToDateTime()).TotalMinutes),
            events.Count / (double)sessions.Count,
            withCart.Count == 0 ? 0 : withCart.Count(s => s.All(e => e.Type != CustomerEventType.Purchase)) / (double)withCart.Count,
            categories.Take(5).ToList(),
            categories[0].Events / (double)events.Count,
            device,
            events.Count(e => e.Device == "mobile") / (double)events.Count,
            events.Count(e => e.Device == "desktop") / (double)events.Count,
            Enumerable.Range(0, 24).Select(h => (long)times.Count(t => t.Hour == h)).ToList(),
            new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday }
                .Select(d => (long)times.Count(t => t.DayOfWeek == d)).ToList(),
            times.Count(t => t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) / (double)events.Count,
            times.Count(t => t.Hour < 6) / (double)events.Count,
            ewma);
    }

    /// <summary>The features as the documentation defines them, for a customer with at least one event.</summary>
    internal sealed record Expected(
        double RecencyDays, long Frequency90d, decimal Monetary90d, double TenureDays, double DaysSinceLastEvent, long Events30d, long Events90d,
        long Purchases30d, long Sessions, double AvgSessionLengthMinutes, double EventsPerSession, double CartAbandonmentRate,
        IReadOnlyList<CategoryCount> TopCategories, double TopCategoryShare, string? DevicePreference, double MobileShare, double DesktopShare,
        IReadOnlyList<long> HourProfile, IReadOnlyList<long> WeekdayProfile, double WeekendShare, double NightShare, double NoPurchaseSessionEwma);
}
