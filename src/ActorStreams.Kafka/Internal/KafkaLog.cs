using Microsoft.Extensions.Logging;

namespace ActorStreams.Kafka.Internal;

/// <summary>The Kafka layer's log messages.</summary>
internal static partial class KafkaLog
{
    [LoggerMessage(1, LogLevel.Information, "Kafka consumer {ClientId} assigned {Partitions}")]
    public static partial void Assigned(ILogger logger, string clientId, string partitions);

    [LoggerMessage(2, LogLevel.Information, "Kafka source {ClientId} revoked {Partitions}; checkpointed {Offsets}")]
    public static partial void Revoked(ILogger logger, string clientId, string partitions, string offsets);

    [LoggerMessage(3, LogLevel.Warning, "Kafka source {ClientId} lost {Partitions} without a handoff (session expired?)")]
    public static partial void Lost(ILogger logger, string clientId, string partitions);

    [LoggerMessage(5, LogLevel.Warning, "Kafka source {ClientId}: {Count} records of {Partition} were dropped by broker retention before they were read (position {Expected}, next available {Actual})")]
    public static partial void LostToRetention(ILogger logger, string clientId, KafkaPartition partition, long count, long expected, long actual);

    [LoggerMessage(6, LogLevel.Warning, "Kafka source {ClientId}: {Message}")]
    public static partial void ConsumeError(ILogger logger, string clientId, string message);

    [LoggerMessage(7, LogLevel.Error, "Kafka source {ClientId}: checkpoint of {Offsets} failed; offsets not committed")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception, string clientId, string offsets);

    [LoggerMessage(8, LogLevel.Warning, "Kafka source {ClientId}: commit of {Offsets} failed: {Reason}")]
    public static partial void CommitFailed(ILogger logger, string clientId, string offsets, string reason);

    [LoggerMessage(9, LogLevel.Error, "Kafka source {ClientId} faulted")]
    public static partial void SourceFaulted(ILogger logger, Exception exception, string clientId);

    [LoggerMessage(10, LogLevel.Error, "Kafka sink {ClientId} faulted")]
    public static partial void SinkFaulted(ILogger logger, Exception exception, string clientId);

    [LoggerMessage(11, LogLevel.Warning, "Kafka client {ClientId}: {Message}")]
    public static partial void ClientError(ILogger logger, string clientId, string message);

    [LoggerMessage(12, LogLevel.Debug, "librdkafka {ClientId} [{Facility}] {Message}")]
    public static partial void NativeLog(ILogger logger, string clientId, string facility, string message);

    [LoggerMessage(14, LogLevel.Information, "Kafka consumer {ClientId} unassigned {Partitions}")]
    public static partial void Unassigned(ILogger logger, string clientId, string partitions);

    [LoggerMessage(13, LogLevel.Error, "Kafka sink {ClientId}: final flush failed; undelivered records were reported as a fault")]
    public static partial void FinalFlushFailed(ILogger logger, Exception exception, string clientId);
}
