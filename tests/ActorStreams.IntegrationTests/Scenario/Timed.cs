namespace ActorStreams.IntegrationTests.Scenario;

/// <summary>A planned record with the simulated instant at which it is produced, to interleave sources by time.</summary>
public sealed record Timed(DateTimeOffset ProduceAt, PlannedRecord Record);
