using ActorStreams.Kafka.Consumer;
using System.Collections.Concurrent;
using ActorStreams.Kafka.Internal;
using ActorStreams.Kafka.Partitioning;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Kafka.GroupSource;

/// <summary>
/// One node's member of the cluster's consumer group (docs/design.md §2): range assignor, manual offsets,
/// a consume loop on a dedicated thread that hands each record to its partition's
/// <see cref="IRecordHandler"/> with a bounded number in flight per partition (the partition is paused
/// at the limit and resumed when it drains), and handoffs that drain, checkpoint and commit.
/// </summary>
public sealed partial class PartitionedSource : IAsyncDisposable
{
    private const int ConsumeTimeoutMs = 100;

    private readonly KafkaSettings _settings;
    private readonly IReadOnlyList<string> _topics;
    private readonly IPartitionListener _listener;
    private readonly PartitionedSourceOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, string> _config;
    private readonly ConcurrentDictionary<(string Topic, int Partition), PartitionState> _partitions = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _drainGate = new();
    private readonly Lock _lifecycle = new();
    private IReadOnlyDictionary<string, int> _partitionCounts = new Dictionary<string, int>();
    private IConsumer<byte[]?, byte[]?>? _consumer;

    /// <summary>Brackets calls made on the consumer from threads other than the consume loop (commit, lag, pause).</summary>
    private readonly NativeHandleGuard _consumerGuard = new();
    private Thread? _thread;
    private Exception? _fault;
    private volatile bool _stopping;
    private volatile bool _draining;

    /// <summary>Creates a source; nothing connects until <see cref="Start"/>.</summary>
    /// <param name="settings">Kafka settings (bootstrap, consumer limits, co-partitioned topics).</param>
    /// <param name="groupId">The cluster's consumer group (<c>actorstreams.cluster.group-id</c>).</param>
    /// <param name="sessionTimeout">Group session timeout (<c>actorstreams.cluster.session-timeout</c>).</param>
    /// <param name="topics">Topics to consume.</param>
    /// <param name="listener">Gets partitions as they are assigned and revoked.</param>
    /// <param name="options">Hooks, metrics, dead letters, logging.</param>
    public PartitionedSource(
        KafkaSettings settings,
        string groupId,
        TimeSpan sessionTimeout,
        IReadOnlyList<string> topics,
        IPartitionListener listener,
        PartitionedSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(listener);
        if (topics.Count == 0)
        {
            throw new ArgumentException("at least one topic is required", nameof(topics));
        }

        if (sessionTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(sessionTimeout), sessionTimeout, "must be at least 1s");
        }

        _settings = settings;
        _topics = [.. topics];
        _listener = listener;
        _options = options ?? new PartitionedSourceOptions();
        _logger = _options.Logger ?? NullLogger.Instance;
        Metrics = _options.Metrics ?? new KafkaMetrics();
        GroupId = groupId;
        ClientId = _options.ClientIdSuffix is { Length: > 0 } suffix ? $"{settings.ClientId}-{suffix}" : settings.ClientId;
        var session = (int)sessionTimeout.TotalMilliseconds;
        _config = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = settings.BootstrapServers,
            ["client.id"] = ClientId,
            ["group.id"] = groupId,
            ["partition.assignment.strategy"] = "range",
            ["enable.auto.commit"] = "false",
            ["enable.auto.offset.store"] = "false",
            ["auto.offset.reset"] = "earliest",
            ["session.timeout.ms"] = session.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["heartbeat.interval.ms"] = Math.Clamp(session / 3, 100, 3000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["fetch.max.bytes"] = settings.Consumer.FetchMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["enable.partition.eof"] = "false",
            // ActorStreams records carry no headers: skipping them saves an allocation per record.
            ["dotnet.consumer.consume.result.fields"] = "topic,timestamp",
        };
        if (_options.RebalanceTimeout is { } rebalance)
        {
            _config["max.poll.interval.ms"] = ((int)Math.Max(rebalance.TotalMilliseconds, session)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in settings.Consumer.Properties)
        {
            _config[key] = value;
        }
    }

    /// <summary>The consumer group.</summary>
    public string GroupId { get; }

    /// <summary>This member's <c>client.id</c>.</summary>
    public string ClientId { get; }

    /// <summary>Counters of this source (the shared instance when one was given).</summary>
    public KafkaMetrics Metrics { get; }

    /// <summary>Completes when the source stopped; faulted when it stopped on an error (fatal client error, handler exception, dead-letter failure).</summary>
    public Task Completion => _completion.Task;

    /// <summary>The partitions currently assigned to this member.</summary>
    public IReadOnlyList<KafkaPartition> Assignment =>
        [.. _partitions.Values.Where(s => !s.Revoked).Select(s => s.Partition).OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition)];

    /// <summary>
    /// Checks co-partitioning (when enabled), joins the group and starts the consume thread.
    /// </summary>
    /// <exception cref="KafkaLayerException">A subscribed topic is missing, or co-partitioned topics differ in partition count.</exception>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (_thread is not null)
            {
                throw new InvalidOperationException("the source was started already");
            }

            KafkaNative.EnsureLoaded();
            _partitionCounts = ReadPartitionCounts();
            var missing = _topics.Where(t => !_partitionCounts.ContainsKey(t)).ToList();
            if (missing.Count > 0)
            {
                throw new KafkaLayerException(
                    $"cannot start the Kafka source: topic(s) {string.Join(", ", missing.Select(t => $"\"{t}\""))} do not exist on {_settings.BootstrapServers}");
            }

            if (_options.CheckCoPartitioning)
            {
                CoPartitioning.Verify(_settings, _topics, _partitionCounts);
            }

            _consumer = new ConsumerBuilder<byte[]?, byte[]?>(_config)
                .SetPartitionsAssignedHandler(OnPartitionsAssigned)
                .SetPartitionsRevokedHandler(OnPartitionsRevoked)
                .SetPartitionsLostHandler(OnPartitionsLost)
                .SetErrorHandler(OnClientError)
                .SetLogHandler((_, message) => KafkaLog.NativeLog(_logger, ClientId, message.Facility, message.Message))
                .Build();
            _consumer.Subscribe(_topics);
            _thread = new Thread(ConsumeLoop) { IsBackground = true, Name = $"kafka-source-{ClientId}" };
            _thread.Start();
        }
    }

    /// <summary>
    /// Leaves the group gracefully: the revocation drains in-flight records, checkpoints and commits.
    /// Completes when the consumer is closed; does not throw for an earlier fault (see <see cref="Completion"/>).
    /// </summary>
    public async Task StopAsync()
    {
        _stopping = true;
        if (_thread is null)
        {
            _completion.TrySetResult();
            return;
        }

        try
        {
            await _completion.Task.ConfigureAwait(false);
        }
        catch (Exception) when (_completion.Task.IsFaulted)
        {
            // The fault stays observable through Completion.
        }
    }

    /// <summary>Stops the source (<see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>The committable (next) offset of each assigned partition that has a known position.</summary>
    public IReadOnlyList<KafkaPartitionOffset> GetCommittableOffsets(IEnumerable<KafkaPartition>? partitions = null)
    {
        var result = new List<KafkaPartitionOffset>();
        var states = partitions is null
            ? _partitions.Values
            : partitions.Select(p => _partitions.TryGetValue((p.Topic, p.Partition), out var s) ? s : null).OfType<PartitionState>();
        foreach (var state in states)
        {
            if (!state.Revoked && state.Tracker.CommittableOffset is { } offset)
            {
                result.Add(new KafkaPartitionOffset(state.Partition, offset));
            }
        }

        return result;
    }

    /// <summary>
    /// Commits <paramref name="offsets"/> to the group (after a checkpoint; for lag tooling, the store
    /// being the source of truth). Returns false when the commit failed, e.g. during a rebalance.
    /// </summary>
    public Task<bool> CommitAsync(IReadOnlyList<KafkaPartitionOffset> offsets) =>
        Task.Run(() => Commit(offsets));

    /// <summary>
    /// The lag of every assigned partition: end offsets are the consumer's cached high watermarks (refreshed by
    /// every fetch), so this never blocks.
    /// </summary>
    public IReadOnlyList<PartitionLag> Lag()
    {
        var consumer = _consumer;
        var result = new List<PartitionLag>();
        foreach (var state in _partitions.Values.Where(s => !s.Revoked).OrderBy(s => s.Partition.Topic, StringComparer.Ordinal).ThenBy(s => s.Partition.Partition))
        {
            long? end = null;
            if (consumer is not null && _consumerGuard.TryEnter())
            {
                try
                {
                    var marks = consumer.GetWatermarkOffsets(new TopicPartition(state.Partition.Topic, state.Partition.Partition));
                    if (marks.High.Value >= 0)
                    {
                        end = marks.High.Value;
                    }
                }
                catch (Exception ex) when (ex is Confluent.Kafka.KafkaException or ObjectDisposedException)
                {
                    // Unknown while the consumer closes.
                }
                finally
                {
                    _consumerGuard.Exit();
                }
            }

            var position = state.ExpectedNext >= 0 ? state.ExpectedNext : (long?)null;
            result.Add(new PartitionLag(state.Partition, position, state.Tracker.CommittableOffset, end));
        }

        return result;
    }

    /// <summary>In-flight count of <paramref name="partition"/> (0 when not assigned).</summary>
    public int InFlight(KafkaPartition partition) =>
        _partitions.TryGetValue((partition.Topic, partition.Partition), out var state) ? state.InFlight : 0;

    /// <summary>Whether <paramref name="partition"/> is currently paused by backpressure.</summary>
    public bool IsPaused(KafkaPartition partition) =>
        _partitions.TryGetValue((partition.Topic, partition.Partition), out var state) && state.Paused;

    private IReadOnlyDictionary<string, int> ReadPartitionCounts()
    {
        var admin = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = _settings.BootstrapServers,
            ["client.id"] = ClientId + "-admin",
        };
        using var client = new AdminClientBuilder(admin)
            .SetLogHandler((_, message) => KafkaLog.NativeLog(_logger, ClientId, message.Facility, message.Message))
            .Build();
        try
        {
            var metadata = client.GetMetadata(_options.MetadataTimeout);
            return metadata.Topics
                .Where(t => t.Error.Code == ErrorCode.NoError)
                .ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);
        }
        catch (Confluent.Kafka.KafkaException ex)
        {
            throw new KafkaLayerException(
                $"cannot start the Kafka source: no metadata from {_settings.BootstrapServers} within {_options.MetadataTimeout.TotalSeconds:0}s ({ex.Error.Reason})", ex);
        }
    }

    private void ConsumeLoop()
    {
        var consumer = _consumer!;
        try
        {
            while (!_stopping && Volatile.Read(ref _fault) is null)
            {
                ConsumeResult<byte[]?, byte[]?>? result;
                try
                {
                    result = consumer.Consume(ConsumeTimeoutMs);
                }
                catch (ConsumeException ex)
                {
                    OnConsumeError(ex);
                    continue;
                }

                if (result is not null && !result.IsPartitionEOF)
                {
                    Dispatch(result);
                }
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }

        try
        {
            // Close leaves the group: the revocation handler drains, checkpoints and commits.
            consumer.Close();
        }
        catch (Exception ex) when (ex is Confluent.Kafka.KafkaException or ObjectDisposedException)
        {
            KafkaLog.ConsumeError(_logger, ClientId, $"close failed: {ex.Message}");
        }
        finally
        {
            RevokeAllStates();
            _consumerGuard.CloseAndWait();
            consumer.Dispose();
        }

        if (_fault is { } fault)
        {
            _completion.TrySetException(fault);
        }
        else
        {
            _completion.TrySetResult();
        }
    }

    private void Dispatch(ConsumeResult<byte[]?, byte[]?> result)
    {
        var partition = result.Partition.Value;
        if (!_partitions.TryGetValue((result.Topic, partition), out var state) || state.Revoked)
        {
            // Only possible for a record fetched before a revocation; its new owner reads it.
            return;
        }

        var offset = result.Offset.Value;
        CheckGap(state, offset);
        state.ExpectedNext = offset + 1;
        Interlocked.Increment(ref state.EventsIn.Value);

        var message = result.Message;
        var key = message.Key;
        if (key is not null && state.PartitionCount > 0 && Murmur2Partitioner.Partition(key, state.PartitionCount) != partition)
        {
            Metrics.AddMisrouted();
        }

        state.Tracker.Dispatched(offset);
        Metrics.AddInFlight(1);
        if (state.AddInFlight(_settings.Consumer.MaxInFlightPerPartition))
        {
            Pause(state);
        }

        state.Handler.OnRecord(new KafkaRecord(state, offset, key, message.Value, message.Timestamp.UnixTimestampMs));
    }

    private void CheckGap(PartitionState state, long offset)
    {
        var expected = state.ExpectedNext;
        if (expected < 0 || offset <= expected)
        {
            state.ResetPending = false;
            return;
        }

        // A gap is normal on compacted or transactional topics; it is a loss when librdkafka reset the
        // position because it fell out of the log, or when the log now starts beyond the position.
        var lowWatermark = _consumer!.GetWatermarkOffsets(new TopicPartition(state.Partition.Topic, state.Partition.Partition)).Low.Value;
        if (state.ResetPending || (lowWatermark > expected && lowWatermark <= offset))
        {
            var lost = offset - expected;
            Metrics.AddLostToRetention(lost);
            KafkaLog.LostToRetention(_logger, ClientId, state.Partition, lost, expected, offset);
        }

        state.ResetPending = false;
    }

    private void OnConsumeError(ConsumeException ex)
    {
        var error = ex.Error;
        if (error.Code == ErrorCode.Local_AutoOffsetReset && ex.ConsumerRecord?.TopicPartitionOffset is { } tpo
            && _partitions.TryGetValue((tpo.Topic, tpo.Partition.Value), out var state))
        {
            state.ResetPending = true;
        }

        if (error.IsFatal)
        {
            Fail(new KafkaLayerException($"fatal Kafka consumer error: {error.Reason} ({error.Code})"));
            return;
        }

        KafkaLog.ConsumeError(_logger, ClientId, $"{error.Reason} ({error.Code})");
    }

    private void OnClientError(IConsumer<byte[]?, byte[]?> consumer, Error error)
    {
        if (error.IsFatal)
        {
            Fail(new KafkaLayerException($"fatal Kafka consumer error: {error.Reason} ({error.Code})"));
            return;
        }

        KafkaLog.ClientError(_logger, ClientId, $"{error.Reason} ({error.Code})");
    }

    internal void Fail(Exception exception)
    {
        if (Interlocked.CompareExchange(ref _fault, exception, null) is null)
        {
            KafkaLog.SourceFaulted(_logger, exception, ClientId);
        }
    }

    private bool Commit(IReadOnlyList<KafkaPartitionOffset> offsets)
    {
        if (offsets.Count == 0)
        {
            return true;
        }

        var consumer = _consumer ?? throw new InvalidOperationException("the source is not started");
        if (!_consumerGuard.TryEnter())
        {
            KafkaLog.CommitFailed(_logger, ClientId, string.Join(", ", offsets), "the consumer is closed");
            return false;
        }

        try
        {
            consumer.Commit(offsets.Select(o => new TopicPartitionOffset(o.Partition.Topic, o.Partition.Partition, o.Offset)));
            return true;
        }
        catch (Exception ex) when (ex is Confluent.Kafka.KafkaException or ObjectDisposedException)
        {
            KafkaLog.CommitFailed(_logger, ClientId, string.Join(", ", offsets), ex.Message);
            return false;
        }
        finally
        {
            _consumerGuard.Exit();
        }
    }
}
