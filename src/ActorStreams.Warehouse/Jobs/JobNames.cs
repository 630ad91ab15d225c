namespace ActorStreams.Warehouse.Jobs;

/// <summary>The scheduled jobs' names, as the admin API, the CLI and the job history spell them.</summary>
public static class JobNames
{
    /// <summary>Health check, warehouse load of the pending hours, KPI summary.</summary>
    public const string Hourly = "hourly";

    /// <summary>Fraud alert counts of the last interval against the trailing baseline; spikes to the <c>fraud-monitor</c> topic.</summary>
    public const string FraudMonitor = "fraud-monitor";

    /// <summary>Every job, in the order listings show them.</summary>
    public static IReadOnlyList<string> All { get; } = [Hourly, FraudMonitor];
}
