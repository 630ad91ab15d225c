namespace ActorStreams.Warehouse.Jobs;

/// <summary>The KPIs of the hours one hourly run loaded, for one currency (from <c>kpi_hourly</c>).</summary>
/// <param name="Currency">The currency.</param>
/// <param name="Revenue">Sum of the amounts.</param>
/// <param name="Transactions">Non-duplicate transactions.</param>
/// <param name="FraudAlerts">Fraud alerts on them.</param>
public sealed record KpiLine(string Currency, decimal Revenue, long Transactions, long FraudAlerts)
{
    /// <summary>Revenue / transactions.</summary>
    public decimal AverageOrderValue => Transactions == 0 ? 0 : Math.Round(Revenue / Transactions, 2);
}
