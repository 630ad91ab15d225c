using System.Collections.Concurrent;
using System.Globalization;
using ActorStreams.Kafka.Consumer.Internal;
using ActorStreams.Kafka.Internal;
using ActorStreams.Kafka.Partitioning;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Kafka.Consumer;

/// <summary>
/// The node's one Kafka consumer (docs/design.md §2): partitions are added and removed with incremental manual
/// assignment (never consumer-group rebalancing) and every assigned partition feeds the sub-source that asked for it
/// (<see cref="KafkaConsumer.PlainExternalSource"/>). One consumer per node rather than one per partition, because each
/// librdkafka consumer costs threads and connections.
/// </summary>
/// <remarks>
/// librdkafka's consume call blocks, so the consumer lives on a dedicated thread, never on an actor's. Everything else
/// — assign, unassign, pause, resume, commit — is queued to that thread and applied between two polls, so no call ever
/// touches the native handle from two threads, and the handle is destroyed only by the thread that uses it.
/// Offsets are committed under the group id for lag tooling; the partition ledgers are the source of truth.
/// </remarks>
public sealed partial class KafkaConsumerHost : IAsyncDisposable
{
    private const int MaxBatch = 2_000;
    private static readonly TimeSpan PollWait = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan WatermarkRefresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CommitEvery = TimeSpan.FromMilliseconds(200);

    private readonly KafkaSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string> _config;
    private readonly ConcurrentQueue<HostCommand> _commands = new();
    private readonly ConcurrentDictionary<KafkaPartition, PartitionPosition> _positions = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lifecycle = new();
    private IReadOnlyDictionary<string, int> _partitionCounts = new Dictionary<string, int>();
    private Thread? _thread;
    private volatile bool _stopping;

    /// <summary>Creates the consumer; nothing connects until <see cref="Start"/>.</summary>
    /// <param name="settings">Kafka settings (bootstrap, consumer section).</param>
    /// <param name="groupId">The group offsets are committed under (<c>actorstreams.cluster.group-id</c>).</param>
    /// <param name="metrics">Where the consumer's counters go; default: a private instance.</param>
    /// <param name="logger">Logger; default: none.</param>
    /// <param name="clientIdSuffix">Appended to the client id (e.g. the node id).</param>
    /// <param name="time">The clock for commit and watermark pacing; default: the system clock.</param>
    public KafkaConsumerHost(KafkaSettings settings, string groupId, KafkaMetrics? metrics = null, ILogger? logger = null, string? clientIdSuffix = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        _settings = settings;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        Metrics = metrics ?? new KafkaMetrics();
        GroupId = groupId;
        ClientId = clientIdSuffix is { Length: > 0 } suffix ? $"{settings.ClientId}-{suffix}" : settings.ClientId;
        _config = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = settings.BootstrapServers,
            ["client.id"] = ClientId,
            ["group.id"] = groupId,
            ["enable.auto.commit"] = "false",
            ["enable.auto.offset.store"] = "false",
            ["auto.offset.reset"] = "earliest",
            ["fetch.max.bytes"] = settings.Consumer.FetchMaxBytes.ToString(CultureInfo.InvariantCulture),
            // ActorStreams records carry no headers: skipping them saves an allocation per record.
            ["dotnet.consumer.consume.result.fields"] = "topic,timestamp",
        };
        foreach (var (key, value) in settings.Consumer.Properties)
        {
            _config[key] = value;
        }

        // The end-of-partition events tell when a partition is read to its end (IsAtEnd): idleness depends on them.
        _config["enable.partition.eof"] = "true";
    }

    /// <summary>The group offsets are committed under.</summary>
    public string GroupId { get; }

    /// <summary>This consumer's <c>client.id</c>.</summary>
    public string ClientId { get; }

    /// <summary>Counters of this consumer (the shared instance when one was given).</summary>
    public KafkaMetrics Metrics { get; }

    /// <summary>Completes when the consumer has stopped; faulted when it stopped on a fatal client error.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Partition counts of the cluster's topics, read at <see cref="Start"/> (for the murmur2 routing check).</summary>
    public IReadOnlyDictionary<string, int> PartitionCounts => _partitionCounts;

    /// <summary>Reads the topic metadata and starts the consumer thread.</summary>
    /// <exception cref="KafkaLayerException">No metadata from the brokers.</exception>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (_thread is not null)
            {
                throw new InvalidOperationException("the consumer was started already");
            }

            KafkaNative.EnsureLoaded();
            _partitionCounts = TopicMetadata.PartitionCounts(_settings, TimeSpan.FromSeconds(15));
            _thread = new Thread(PollLoop) { IsBackground = true, Name = $"kafka-consumer-{ClientId}" };
            _thread.Start();
        }
    }

    /// <summary>
    /// Commits <paramref name="offsets"/> (next offsets to read) to the group, for lag tooling. Asynchronous and
    /// batched: commits of the same partition made within a short interval are merged into the latest one.
    /// </summary>
    public void Commit(IReadOnlyList<KafkaPartitionOffset> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        if (offsets.Count > 0)
        {
            _commands.Enqueue(new HostCommand.Commit(offsets));
        }
    }

    /// <summary>Every assigned partition with its read position (next offset handed out) and end offset, as last seen; never blocks.</summary>
    public IReadOnlyList<PartitionLag> Positions() =>
        [.. _positions.Values
            .OrderBy(p => p.Partition.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition.Partition)
            .Select(p => (p.Partition, Next: Volatile.Read(ref p.Next), End: Volatile.Read(ref p.End)))
            .Select(p => new PartitionLag(p.Partition, p.Next >= 0 ? p.Next : null, null, p.End >= 0 ? p.End : null))];

    /// <summary>
    /// True when the consumer has read <paramref name="partition"/> to its end (the end of the log, past transaction
    /// markers) and has fetched nothing newer since; false while records remain to fetch, before the first fetch, or when
    /// the partition is not assigned. Never blocks.
    /// </summary>
    public bool IsAtEnd(KafkaPartition partition) =>
        _positions.TryGetValue(partition, out var position) && Volatile.Read(ref position.AtEnd);

    /// <summary>Stops the consumer thread and closes the consumer; completes when it is closed.</summary>
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

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// Adds <paramref name="starts"/> to the assignment; their records go to <paramref name="receiver"/> in batches,
    /// on the consumer thread. Disposing the returned subscription removes them again.
    /// </summary>
    internal PartitionSubscription Assign(IReadOnlyList<KafkaPartitionStart> starts, IRecordReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(receiver);
        if (_thread is null)
        {
            throw new InvalidOperationException("start the consumer before assigning partitions to it");
        }

        var subscription = new PartitionSubscription(this, [.. starts.Select(s => s.Partition)], receiver);
        if (_stopping || _completion.Task.IsCompleted)
        {
            receiver.OnFailure(new KafkaLayerException($"Kafka consumer {ClientId} is stopped"));
            return subscription;
        }

        _commands.Enqueue(new HostCommand.Assign(starts, receiver));
        return subscription;
    }

    internal void Enqueue(HostCommand command) => _commands.Enqueue(command);

    private void PollLoop()
    {
        IConsumer<byte[]?, byte[]?>? consumer = null;
        var state = new PollState();
        Exception? fault = null;
        try
        {
            consumer = new ConsumerBuilder<byte[]?, byte[]?>(_config)
                .SetErrorHandler((_, error) => OnClientError(state, error))
                .SetLogHandler((_, message) => KafkaLog.NativeLog(_logger, ClientId, message.Facility, message.Message))
                .Build();
            while (!_stopping && state.Fault is null)
            {
                ApplyCommands(consumer, state);
                CommitIfDue(consumer, state, force: false);
                RefreshWatermarks(consumer, state);
                Poll(consumer, state);
            }

            fault = state.Fault;
            ApplyCommands(consumer, state);
            CommitIfDue(consumer, state, force: true);
        }
        catch (Exception ex)
        {
            fault = ex;
        }

        fault ??= state.Fault;
        foreach (var assignment in state.Assignments.Values.Distinct())
        {
            if (fault is not null)
            {
                assignment.Receiver.OnFailure(new KafkaLayerException($"Kafka consumer {ClientId} failed: {fault.Message}", fault));
            }
            else
            {
                assignment.Receiver.OnFailure(new KafkaLayerException($"Kafka consumer {ClientId} stopped"));
            }
        }

        state.Assignments.Clear();
        _positions.Clear();
        if (consumer is not null)
        {
            try
            {
                consumer.Close();
            }
            catch (Exception ex) when (ex is KafkaException or ObjectDisposedException)
            {
                KafkaLog.ConsumeError(_logger, ClientId, $"close failed: {ex.Message}");
            }
            finally
            {
                consumer.Dispose();
            }
        }

        if (fault is not null)
        {
            KafkaLog.SourceFaulted(_logger, fault, ClientId);
            _completion.TrySetException(fault);
        }
        else
        {
            _completion.TrySetResult();
        }
    }

    private void ApplyCommands(IConsumer<byte[]?, byte[]?> consumer, PollState state)
    {
        while (_commands.TryDequeue(out var command))
        {
            switch (command)
            {
                case HostCommand.Assign assign:
                    DoAssign(consumer, state, assign);
                    break;
                case HostCommand.Unassign unassign:
                    DoUnassign(consumer, state, unassign.Partitions, unassign.Receiver);
                    break;
                case HostCommand.Pause pause:
                    PauseOrResume(consumer, state, pause.Partitions, pause: true);
                    break;
                case HostCommand.Resume resume:
                    PauseOrResume(consumer, state, resume.Partitions, pause: false);
                    break;
                case HostCommand.Commit commit:
                    foreach (var offset in commit.Offsets)
                    {
                        state.PendingCommits[offset.Partition] = offset.Offset;
                    }

                    break;
            }
        }
    }

    private void DoAssign(IConsumer<byte[]?, byte[]?> consumer, PollState state, HostCommand.Assign assign)
    {
        // A partition still assigned to an earlier source (one that is stopping) moves to the newest: the earlier source
        // is told to stop, and its own unassignment, coming later, no longer touches the partition.
        var taken = assign.Starts.Where(s => state.Assignments.ContainsKey(s.Partition)).Select(s => s.Partition).ToList();
        foreach (var earlier in taken.Select(p => state.Assignments[p]).Distinct().ToList())
        {
            earlier.Receiver.OnFailure(new KafkaLayerException($"Kafka consumer {ClientId}: {string.Join(", ", taken)} reassigned to a newer source"));
        }

        DoUnassign(consumer, state, taken, receiver: null);

        var assignment = new Assignment(assign.Receiver);
        var list = new List<TopicPartitionOffset>(assign.Starts.Count);
        foreach (var start in assign.Starts)
        {
            var partition = start.Partition;
            state.Assignments[partition] = assignment;
            var position = new PartitionPosition(partition, _partitionCounts.GetValueOrDefault(partition.Topic));
            position.Next = start.Offset ?? -1;
            _positions[partition] = position;
            state.Positions[partition] = position;
            list.Add(new TopicPartitionOffset(partition.Topic, partition.Partition, start.Offset is { } offset ? new Offset(offset) : Offset.Beginning));
        }

        try
        {
            consumer.IncrementalAssign(list);
            KafkaLog.Assigned(_logger, ClientId, string.Join(", ", assign.Starts));
        }
        catch (KafkaException ex)
        {
            foreach (var start in assign.Starts)
            {
                state.Assignments.Remove(start.Partition);
                state.Positions.Remove(start.Partition);
                _positions.TryRemove(start.Partition, out _);
            }

            assign.Receiver.OnFailure(new KafkaLayerException($"Kafka consumer {ClientId}: assigning {string.Join(", ", assign.Starts)} failed: {ex.Error.Reason}", ex));
        }
    }

    private void DoUnassign(IConsumer<byte[]?, byte[]?> consumer, PollState state, IReadOnlyList<KafkaPartition> partitions, IRecordReceiver? receiver)
    {
        var owned = partitions.Where(p => state.Assignments.TryGetValue(p, out var a) && (receiver is null || a.Receiver == receiver)).ToList();
        if (owned.Count == 0)
        {
            return;
        }

        // librdkafka keeps a partition's pause across an unassignment: a later assignment of it on this consumer (its
        // partition restarting here after a failed checkpoint) would never fetch. Resume it first.
        PauseOrResume(consumer, state, owned, pause: false);
        foreach (var partition in owned)
        {
            state.Assignments.Remove(partition);
            state.Positions.Remove(partition);
            state.Paused.Remove(partition);
            _positions.TryRemove(partition, out _);
        }

        try
        {
            consumer.IncrementalUnassign([.. owned.Select(p => new TopicPartition(p.Topic, p.Partition))]);
            KafkaLog.Unassigned(_logger, ClientId, string.Join(", ", owned));
        }
        catch (KafkaException ex)
        {
            KafkaLog.ConsumeError(_logger, ClientId, $"unassigning {string.Join(", ", owned)} failed: {ex.Error.Reason}");
        }
    }

    private void PauseOrResume(IConsumer<byte[]?, byte[]?> consumer, PollState state, IReadOnlyList<KafkaPartition> partitions, bool pause)
    {
        var affected = partitions.Where(p => state.Assignments.ContainsKey(p) && state.Paused.Contains(p) != pause).ToList();
        if (affected.Count == 0)
        {
            return;
        }

        try
        {
            var topicPartitions = affected.Select(p => new TopicPartition(p.Topic, p.Partition)).ToList();
            if (pause)
            {
                consumer.Pause(topicPartitions);
                state.Paused.UnionWith(affected);
            }
            else
            {
                consumer.Resume(topicPartitions);
                state.Paused.ExceptWith(affected);
            }

            Metrics.AddPausedPartitions(pause ? affected.Count : -affected.Count);
        }
        catch (KafkaException ex)
        {
            KafkaLog.ConsumeError(_logger, ClientId, $"{(pause ? "pause" : "resume")} of {string.Join(", ", affected)} failed: {ex.Error.Reason}");
        }
    }

    private void CommitIfDue(IConsumer<byte[]?, byte[]?> consumer, PollState state, bool force)
    {
        if (state.PendingCommits.Count == 0 || (!force && _time.GetElapsedTime(state.LastCommit) < CommitEvery))
        {
            return;
        }

        var offsets = state.PendingCommits.Select(c => new TopicPartitionOffset(c.Key.Topic, c.Key.Partition, c.Value)).ToList();
        state.PendingCommits.Clear();
        state.LastCommit = _time.GetTimestamp();
        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException ex)
        {
            KafkaLog.CommitFailed(_logger, ClientId, string.Join(", ", offsets.Select(o => $"{o.Topic}[{o.Partition.Value}]@{o.Offset.Value}")), ex.Error.Reason);
        }
    }

    private void RefreshWatermarks(IConsumer<byte[]?, byte[]?> consumer, PollState state)
    {
        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(state.LastWatermarkRefresh, now) < WatermarkRefresh)
        {
            return;
        }

        state.LastWatermarkRefresh = now;
        foreach (var position in state.Positions.Values)
        {
            var marks = consumer.GetWatermarkOffsets(new TopicPartition(position.Partition.Topic, position.Partition.Partition));
            if (marks.High.Value >= 0)
            {
                Volatile.Write(ref position.End, marks.High.Value);
            }
        }
    }

    private void Poll(IConsumer<byte[]?, byte[]?> consumer, PollState state)
    {
        var batches = state.Batches;
        var wait = PollWait;
        for (var i = 0; i < MaxBatch; i++)
        {
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = consumer.Consume(wait);
            }
            catch (ConsumeException ex)
            {
                OnConsumeError(state, ex);
                break;
            }

            if (result is null)
            {
                break;
            }

            wait = TimeSpan.Zero;
            var partition = new KafkaPartition(result.Topic, result.Partition.Value);
            if (!state.Assignments.TryGetValue(partition, out var assignment))
            {
                // Fetched before the partition was unassigned; its next owner reads it.
                continue;
            }

            var position = state.Positions[partition];
            if (result.IsPartitionEOF)
            {
                Volatile.Write(ref position.AtEnd, true);
                continue;
            }

            Volatile.Write(ref position.AtEnd, false);
            var offset = result.Offset.Value;
            CheckGap(consumer, position, offset);
            Volatile.Write(ref position.Next, offset + 1);
            var message = result.Message;
            if (message.Key is { } key && position.PartitionCount > 0 && Murmur2Partitioner.Partition(key, position.PartitionCount) != partition.Partition)
            {
                Metrics.AddMisrouted();
            }

            if (!batches.TryGetValue(assignment, out var batch))
            {
                batch = [];
                batches[assignment] = batch;
            }

            batch.Add(new ConsumedRecord(partition.Topic, partition.Partition, offset, message.Key, message.Value, message.Timestamp.UnixTimestampMs));
        }

        foreach (var (assignment, batch) in batches)
        {
            assignment.Receiver.OnRecords(batch);
        }

        batches.Clear();
    }

    private void CheckGap(IConsumer<byte[]?, byte[]?> consumer, PartitionPosition position, long offset)
    {
        var expected = position.Next;
        if (expected < 0 || offset <= expected)
        {
            position.ResetPending = false;
            return;
        }

        // A gap is normal on compacted or transactional topics; it is a loss when librdkafka reset the position because it
        // fell out of the log, or when the log now starts beyond the position.
        var partition = position.Partition;
        var low = consumer.GetWatermarkOffsets(new TopicPartition(partition.Topic, partition.Partition)).Low.Value;
        if (position.ResetPending || (low > expected && low <= offset))
        {
            var lost = offset - expected;
            Metrics.AddLostToRetention(lost);
            KafkaLog.LostToRetention(_logger, ClientId, partition, lost, expected, offset);
        }

        position.ResetPending = false;
    }

    private void OnConsumeError(PollState state, ConsumeException ex)
    {
        var error = ex.Error;
        if (error.Code == ErrorCode.Local_AutoOffsetReset && ex.ConsumerRecord?.TopicPartitionOffset is { } tpo
            && state.Positions.TryGetValue(new KafkaPartition(tpo.Topic, tpo.Partition.Value), out var position))
        {
            position.ResetPending = true;
        }

        if (error.IsFatal)
        {
            state.Fault ??= new KafkaLayerException($"fatal Kafka consumer error: {error.Reason} ({error.Code})");
            return;
        }

        KafkaLog.ConsumeError(_logger, ClientId, $"{error.Reason} ({error.Code})");
    }

    private void OnClientError(PollState state, Error error)
    {
        if (error.IsFatal)
        {
            state.Fault ??= new KafkaLayerException($"fatal Kafka consumer error: {error.Reason} ({error.Code})");
            return;
        }

        KafkaLog.ClientError(_logger, ClientId, $"{error.Reason} ({error.Code})");
    }

    /// <summary>The partitions one source asked for, and where their records go.</summary>
    private sealed class Assignment(IRecordReceiver receiver)
    {
        public IRecordReceiver Receiver { get; } = receiver;
    }

    /// <summary>What only the consumer thread touches.</summary>
    private sealed class PollState
    {
        public Dictionary<KafkaPartition, Assignment> Assignments { get; } = [];

        public Dictionary<KafkaPartition, PartitionPosition> Positions { get; } = [];

        public HashSet<KafkaPartition> Paused { get; } = [];

        public Dictionary<KafkaPartition, long> PendingCommits { get; } = [];

        public Dictionary<Assignment, List<ConsumedRecord>> Batches { get; } = [];

        public long LastCommit { get; set; }

        public long LastWatermarkRefresh { get; set; }

        public Exception? Fault { get; set; }
    }

    /// <summary>A partition's read position and end offset: written by the consumer thread, read by <see cref="Positions"/>.</summary>
    private sealed class PartitionPosition(KafkaPartition partition, int partitionCount)
    {
        /// <summary>The partition's end offset (high watermark) as last seen; -1 until known.</summary>
        public long End = -1;

        /// <summary>The next offset to hand out; -1 until known.</summary>
        public long Next = -1;

        /// <summary>Read to the end of the partition, nothing fetched since (end-of-partition event).</summary>
        public bool AtEnd;

        public KafkaPartition Partition { get; } = partition;

        public int PartitionCount { get; } = partitionCount;

        public bool ResetPending { get; set; }
    }
}
