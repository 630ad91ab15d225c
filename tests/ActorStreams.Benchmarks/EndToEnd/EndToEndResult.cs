namespace ActorStreams.Benchmarks.EndToEnd;

/// <summary>What <see cref="EndToEndBenchmark"/> measured.</summary>
/// <param name="Events">Transactions processed.</param>
/// <param name="Elapsed">From the first consumed record until every transaction was scored, forwarded, windowed and its outputs delivered.</param>
/// <param name="EventsPerSecond">Events per second over <paramref name="Elapsed"/>.</param>
/// <param name="ActiveEntities">Entities in memory at the end.</param>
/// <param name="BytesPerEntity">Managed heap growth per entity in memory (after a full GC), a bound on the per-entity footprint.</param>
/// <param name="Checkpoints">Checkpoints written during the run.</param>
/// <param name="FraudAlerts">Fraud alerts emitted.</param>
public sealed record EndToEndResult(long Events, TimeSpan Elapsed, double EventsPerSecond, long ActiveEntities, double BytesPerEntity, long Checkpoints, long FraudAlerts);
