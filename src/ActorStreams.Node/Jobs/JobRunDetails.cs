using ActorStreams.Warehouse.Jobs;

namespace ActorStreams.Node.Jobs;

/// <summary>A finished run and, when it got that far, what its job returned (for <c>jobs run</c> to print).</summary>
/// <param name="Run">The run as the history records it.</param>
/// <param name="Hourly">The hourly job's result, or null.</param>
/// <param name="FraudMonitor">The fraud monitor's result, or null.</param>
public sealed record JobRunDetails(JobRun Run, HourlyJobResult? Hourly, FraudMonitorResult? FraudMonitor);
