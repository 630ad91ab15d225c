namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>A dead letter the oracle expects: the bad record's coordinates, key and raw value, and why the oracle rejected it.</summary>
public sealed record ExpectedDeadLetter(string SourceTopic, int Partition, long Offset, string? Key, string? Value, string? ValueBase64, string OracleReason);
