using System.Globalization;

namespace ActorStreams.Warehouse.Jobs;

/// <summary>What one hourly run did: the health check, the load of the pending hours, the KPIs of the hours it loaded.</summary>
/// <param name="Health">The health check's findings (lake and warehouse reachable, their sizes).</param>
/// <param name="Load">The load.</param>
/// <param name="Kpis">KPIs per currency over the hours loaded.</param>
public sealed record HourlyJobResult(string Health, WarehouseLoadResult Load, IReadOnlyList<KpiLine> Kpis)
{
    /// <summary>Null when every hour loaded; else which hours failed the data-quality checks and why.</summary>
    public string? Error => Load.Succeeded
        ? null
        : $"{Load.Hours.Count(h => h.Status == HourLoadStatus.Failed)} hour(s) failed the data-quality checks: "
            + string.Join("; ", Load.Hours.Where(h => h.Status == HourLoadStatus.Failed).SelectMany(h => h.Findings).Take(10).Select(f => f.ToString()));

    /// <summary>One line for the job history.</summary>
    public string Summary
    {
        get
        {
            var loaded = Load.Hours.Where(h => h.Status == HourLoadStatus.Loaded).ToList();
            var load = string.Create(CultureInfo.InvariantCulture,
                $"loaded {loaded.Count} hour(s){(loaded.Count > 0 ? $" ({string.Join(", ", loaded.Select(h => h.Hour))})" : "")}, {loaded.Sum(h => h.TotalRows)} rows, {Load.Unchanged} unchanged");
            var kpis = Kpis.Select(k => string.Create(CultureInfo.InvariantCulture,
                $"{k.Currency} revenue {k.Revenue:0.00} in {k.Transactions} tx (avg {k.AverageOrderValue:0.00}), {k.FraudAlerts} fraud alert(s)"));
            return string.Join("; ", new[] { Health, load }.Concat(kpis));
        }
    }
}
